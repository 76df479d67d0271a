import type { HandlerTable } from './mutationContext.ts'
import { createNetwork, updateNetwork } from '../features/networks/mutations.ts'
import { removeBoardSeat, saveBoardSeat } from '../features/networks/boardSeats.ts'
import { setPhoto, setVisibility, updateProfile } from '../features/profile/mutations.ts'
import {
  decideMembership,
  giveConsent,
  joinNetwork,
  leaveNetwork,
  removeMember,
  setMemberRole,
} from '../features/membership/mutations.ts'
import { addEducation, removeEducation } from '../features/education/mutations.ts'
import { cancelRegistration, registerForEvent } from '../features/events/registrations.ts'
import { cancelEvent, saveEvent } from '../features/events/mutations.ts'
import { recordScan, selfCheckIn } from '../features/checkIn/scans.ts'
import { decideWalkIn, recordWalkIn } from '../features/checkIn/walkIns.ts'
import { giveFeedback } from '../features/checkIn/feedback.ts'
import { updateNotificationSettings } from '../features/notifications/settings.ts'
import {
  openNewsletter,
  saveNewsletter,
  scheduleNewsletter,
  subscribeNewsletter,
  unscheduleNewsletter,
} from '../features/newsletters/mutations.ts'
import { createGroup, flagGroupDormant, followGroup, setGroupStatus } from '../features/groups/mutations.ts'

export type { HandlerTable } from './mutationContext.ts'

export const MUTATION_HANDLERS: HandlerTable = {
  'network.create': createNetwork,
  'network.update': updateNetwork,
  'boardSeat.save': saveBoardSeat,
  'boardSeat.remove': removeBoardSeat,
  'group.create': createGroup,
  'group.flagDormant': flagGroupDormant,
  'group.setStatus': setGroupStatus,
  'group.follow': followGroup,
  'profile.update': updateProfile,
  'profile.setVisibility': setVisibility,
  'profile.setPhoto': setPhoto,
  'education.add': addEducation,
  'education.remove': removeEducation,
  'event.save': saveEvent,
  'event.cancel': cancelEvent,
  'registration.register': registerForEvent,
  'registration.cancel': cancelRegistration,
  'checkIn.record': recordScan,
  'checkIn.walkIn': recordWalkIn,
  'checkIn.self': selfCheckIn,
  'walkIn.decide': decideWalkIn,
  'feedback.give': giveFeedback,
  'newsletter.save': saveNewsletter,
  'newsletter.schedule': scheduleNewsletter,
  'newsletter.unschedule': unscheduleNewsletter,
  'newsletter.open': openNewsletter,
  'newsletter.subscribe': subscribeNewsletter,
  'notifications.update': updateNotificationSettings,
  'membership.join': joinNetwork,
  'membership.leave': leaveNetwork,
  'membership.decide': decideMembership,
  'membership.setRole': setMemberRole,
  'membership.remove': removeMember,
  'membership.consent': giveConsent,
}
