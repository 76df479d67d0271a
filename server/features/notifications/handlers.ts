import type { HandlerTable } from '../../sync/mutationContext.ts'
import { updateNotificationSettings } from './settings.ts'

export const NOTIFICATION_HANDLERS = {
  'notifications.update': updateNotificationSettings,
} satisfies Partial<HandlerTable>
