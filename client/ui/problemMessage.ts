import { i18n, type Translate } from '../i18n/index.ts'
import { readProblem } from '../api/client.ts'
import type { Problem } from '../../shared/problem.ts'
import { problemTypeFromUri } from '../../shared/problemTypes.ts'

/** The labels of the fields a problem names, from the most specific part of each path that has one. */
function fieldLabels(t: Translate, problem: Problem): string[] {
  const labels = new Set<string>()
  for (const error of problem.errors ?? []) {
    const field = error.path.findLast((part) => typeof part === 'string' && i18n.global.te(`field.${part}`))
    if (field !== undefined) labels.add(t(`field.${field}`))
  }
  return [...labels]
}

/**
 * Any problem the server or the sync engine reports, in words the person
 * understands and in their language, naming the fields it is about. The
 * server's `detail` is English: it is added only for a reader of English, so
 * no Norwegian screen ever shows it.
 */
export function problemMessage(t: Translate, problem: Problem): string {
  const fields = fieldLabels(t, problem)
  const message = [t(`problem.${problemTypeFromUri(problem.type)}`)]
  if (fields.length > 0) message.push(t('problem.fields', { fields: fields.join(', ') }))
  if (i18n.global.locale.value === 'en' && problem.detail) message.push(`(${problem.detail})`)
  return message.join(' ')
}

/**
 * What to tell the person when a request did not succeed: no answer at all
 * (offline, or the server unreachable), or the problem it was refused with.
 */
export async function refusalMessage(t: Translate, res: Response | null): Promise<string> {
  return res ? problemMessage(t, await readProblem(res)) : t('problem.offline')
}
