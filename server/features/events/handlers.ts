import type { HandlerTable } from '../../sync/mutationContext.ts'
import { cancelEvent, saveEvent } from './mutations.ts'
import { cancelRegistration, registerForEvent } from './registrations.ts'

export const EVENT_HANDLERS = {
  'event.save': saveEvent,
  'event.cancel': cancelEvent,
  'registration.register': registerForEvent,
  'registration.cancel': cancelRegistration,
} satisfies Partial<HandlerTable>
