import type { HandlerTable } from '../../sync/mutationContext.ts'
import {
  openNewsletter,
  saveNewsletter,
  scheduleNewsletter,
  subscribeNewsletter,
  unscheduleNewsletter,
} from './mutations.ts'

export const NEWSLETTER_HANDLERS = {
  'newsletter.save': saveNewsletter,
  'newsletter.schedule': scheduleNewsletter,
  'newsletter.unschedule': unscheduleNewsletter,
  'newsletter.open': openNewsletter,
  'newsletter.subscribe': subscribeNewsletter,
} satisfies Partial<HandlerTable>
