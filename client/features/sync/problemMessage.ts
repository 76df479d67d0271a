import type { Composer } from 'vue-i18n'
import type { Problem } from '../../../shared/problem.ts'
import { problemTypeFromUri } from '../../../shared/problemTypes.ts'

/** A problem in words the person understands, in their language; the server's detail is added for specifics. */
export function problemMessage(t: Composer['t'], problem: Problem): string {
  return t(`problem.${problemTypeFromUri(problem.type)}`)
}
