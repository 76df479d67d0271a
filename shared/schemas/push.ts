import { z } from 'zod'
import { IdSchema, InstantSchema, lineSchema } from './common.ts'

/**
 * What a member may be notified of, per network: a new social meetup, any
 * new event, a new newsletter, and changes to events they registered for
 * (changed, cancelled, a place from the waitlist, the reminder the day before).
 */
export const PushTopicSchema = z.enum(['social', 'allEvents', 'newsletters', 'myEvents'])
export type PushTopic = z.infer<typeof PushTopicSchema>

/** The topics of a network the member has not chosen for: meetups and their own events, as the app is for. */
export const DEFAULT_PUSH_TOPICS: readonly PushTopic[] = ['social', 'myEvents']

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')

/** A member's notification choices: topics per network, and quiet hours (Norwegian time) when nothing but urgent changes arrive. */
export const NotificationSettingsSchema = z.object({
  /** The person's id: one row per person, in their own scope. */
  id: IdSchema,
  networks: z.record(IdSchema, z.array(PushTopicSchema).max(4)),
  quietHours: z.object({ from: ClockSchema, to: ClockSchema }).nullable(),
  /** Networks whose newsletter the person does not want by e-mail (they still find it in the app's archive). */
  newsletterEmailOff: z.array(IdSchema).max(200).default([]),
  /** Networks whose newsletter the person, not (yet) a member, gets anyway: a student before graduating (TF). */
  newsletterSubscriptions: z.array(IdSchema).max(200).default([]),
  /** Sub-groups the person follows (a newsletter can go to a group's followers). */
  followedGroups: z.array(IdSchema).max(500).default([]),
  updatedAt: InstantSchema,
})
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>

/** A device's push subscription as the browser gives it (`PushSubscription.toJSON()`), with a name the person recognises. */
export const PushSubscriptionInputSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'a P-256 public key, base64url'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, 'an auth secret, base64url'),
  }),
  label: lineSchema(100).default(''),
})
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInputSchema>

/** A device subscribed to pushes, as its person sees it on the settings page. */
export const PushDeviceSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: InstantSchema,
  lastSuccessAt: InstantSchema.nullable(),
})
export type PushDevice = z.infer<typeof PushDeviceSchema>

/** What a push carries (under 1 KB): enough to show the notice and open the right screen, which the app renders from its own copy. */
export const PushPayloadSchema = z.object({
  type: z.enum(['event.new', 'event.changed', 'event.cancelled', 'event.promoted', 'event.reminder', 'newsletter']),
  id: IdSchema,
  title: z.string().max(120),
  body: z.string().max(300),
  url: z.string().startsWith('/').max(300),
})
export type PushPayload = z.infer<typeof PushPayloadSchema>

/** The push entities devices hold, by entity name, with the schema of a row as sent. */
export const NOTIFICATION_ENTITIES = {
  notificationSettings: NotificationSettingsSchema,
} as const

/** The changes a device can queue about push rows, by name, with the schema of their arguments. */
export const NOTIFICATION_MUTATIONS = {
  'notifications.update': z.object({
    settings: NotificationSettingsSchema.pick({ networks: true, quietHours: true, newsletterEmailOff: true }),
  }),
} as const
