import { nextTick, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'

/**
 * What a form does when a submit is refused: the errors by field, focus on
 * the first invalid control (so a long form scrolls to it, and a screen reader
 * reads it with its error), and a summary with the count, announced.
 *
 * @example const { errors, summary, report, clear } = useFormErrors(formEl)
 *          if (!parsed.success) return report(fieldErrors(t, parsed.error))
 */
export function useFormErrors(form: Ref<HTMLFormElement | null>) {
  const { t } = useI18n()
  const errors = ref<Record<string, string>>({})
  const summary = ref('')

  async function report(next: Record<string, string>): Promise<void> {
    errors.value = next
    const count = Object.keys(next).length
    summary.value = count > 0 ? t('form.errorCount', { n: count }, count) : ''
    await nextTick()
    const first = form.value?.querySelector<HTMLElement>('[aria-invalid="true"]')
    first?.focus()
  }
  function clear(): void {
    errors.value = {}
    summary.value = ''
  }
  return { errors, summary, report, clear }
}
