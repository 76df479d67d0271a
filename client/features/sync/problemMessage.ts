import { i18n, type Translate } from '../../i18n/index.ts'
import type { Problem } from '../../../shared/problem.ts'
import { problemTypeFromUri } from '../../../shared/problemTypes.ts'

/**
 * A problem in words the person understands, in their language. The server's
 * `detail` is English: it is added only for a reader of English, so no
 * Norwegian screen ever shows it.
 */
export function problemMessage(t: Translate, problem: Problem): string {
  const message = t(`problem.${problemTypeFromUri(problem.type)}`)
  return i18n.global.locale.value === 'en' && problem.detail ? `${message} (${problem.detail})` : message
}
