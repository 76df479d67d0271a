import type { z } from 'zod'
import type { Translate } from '../i18n/index.ts'

/**
 * A refused field in the reader's language, from the kind of Zod issue, never
 * Zod's own English ("Invalid URL"). A form with words of its own for a field
 * passes `specific`; the rest get a general message that still says what to fix.
 */
export function fieldErrorMessage(t: Translate, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format === 'url') return t('form.error.url')
      if (issue.format === 'email') return t('form.error.email')
      // lineSchema and textSchema in shared/schemas/common.ts
      if (issue.format === 'regex' && issue.message.includes('control characters'))
        return t('form.error.controlCharacters')
      return t('form.error.format')
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? t('form.error.required')
        : t('form.error.tooSmall', { min: String(issue.minimum) })
    case 'too_big':
      return issue.origin === 'string'
        ? t('form.error.tooLong', { max: String(issue.maximum) })
        : t('form.error.tooBig', { max: String(issue.maximum) })
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t('form.error.required')
        : t('form.error.invalid')
    default:
      return t('form.error.invalid')
  }
}

/**
 * The errors of a refused form, one message per field, keyed by `keyOf` (the
 * first path element unless told otherwise): a form's own words from
 * `specific` where it has them, else {@link fieldErrorMessage}.
 *
 * @example errors.value = fieldErrors(t, parsed.error, { specific: (i) => t(`eventEdit.error.${String(i.path[0])}`) })
 */
export function fieldErrors(
  t: Translate,
  error: z.ZodError,
  options: {
    keyOf?: (path: PropertyKey[]) => string
    specific?: (issue: z.core.$ZodIssue) => string | undefined
  } = {},
): Record<string, string> {
  const keyOf = options.keyOf ?? ((path) => String(path[0]))
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = keyOf(issue.path)
    errors[key] ??= options.specific?.(issue) ?? fieldErrorMessage(t, issue)
  }
  return errors
}
