import type { Translate } from '../../i18n/index.ts'
import type { Problem } from '../../../shared/problem.ts'
import { problemTypeFromUri } from '../../../shared/problemTypes.ts'

/** A problem in words the person understands, in their language; the server's detail is added for specifics. */
export function problemMessage(t: Translate, problem: Problem): string {
  return t(`problem.${problemTypeFromUri(problem.type)}`)
}
