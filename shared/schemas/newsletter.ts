import { z } from 'zod'
import { IdSchema, InstantSchema, LocaleSchema, WebUrlSchema, NewIdSchema, lineSchema, textSchema } from './common.ts'

/**
 * A newsletter's body as blocks: headings, paragraphs, links and images.
 * Blocks, not HTML, so what staff write is shown in the app and in mail
 * without any markup of theirs reaching a page (nothing to sanitise).
 */
export const NewsletterBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: lineSchema(200).min(1) }),
  z.object({ type: z.literal('paragraph'), text: textSchema(5000).trim().min(1) }),
  z.object({ type: z.literal('link'), label: lineSchema(200).min(1), url: WebUrlSchema }),
  z.object({ type: z.literal('image'), url: WebUrlSchema, alt: lineSchema(300).min(1) }),
])
export type NewsletterBlock = z.infer<typeof NewsletterBlockSchema>

/** Who gets it: everyone in the network, those who graduated in one year (a cohort), or the members who follow a sub-group. */
export const NewsletterAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network') }),
  z.object({ kind: z.literal('cohort'), graduationYear: z.int32().min(1900).max(2100) }),
  z.object({ kind: z.literal('group'), groupId: IdSchema }),
])
export type NewsletterAudience = z.infer<typeof NewsletterAudienceSchema>

/** An upcoming event as the issue listed it when it went out. */
export const NewsletterEventSchema = z.object({
  id: IdSchema,
  title: z.string(),
  startsAt: InstantSchema,
  place: z.string(),
  city: z.string(),
})

const NewsletterFieldsSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  title: lineSchema(200).min(1),
  blocks: z.array(NewsletterBlockSchema).max(100),
  /** Lists the network's upcoming events at the end, taken when it is sent. */
  includeEvents: z.boolean(),
  audience: NewsletterAudienceSchema,
  /** The language staff wrote it in, declared on the page (`lang`) for screen readers and hyphenation. */
  language: LocaleSchema.default('nb'),
})

/** A newsletter issue: drafts and scheduled ones seen by staff; sent ones in every member's archive (offline). */
export const NewsletterSchema = NewsletterFieldsSchema.extend({
  status: z.enum(['draft', 'scheduled', 'sent']),
  scheduledAt: InstantSchema.nullable(),
  sentAt: InstantSchema.nullable(),
  events: z.array(NewsletterEventSchema),
  updatedAt: InstantSchema,
  /** Staff's view only: how many it went to, how many mails the mail server took, how many opened it in the app. */
  stats: z.object({ recipients: z.int32(), delivered: z.int32(), opened: z.int32() }).nullable(),
})
export type Newsletter = z.infer<typeof NewsletterSchema>

/** A newsletter as staff save it. */
export const NewsletterInputSchema = NewsletterFieldsSchema.extend({ id: NewIdSchema })
export type NewsletterInput = z.infer<typeof NewsletterInputSchema>

/** The newsletter entities devices hold, by entity name, with the schema of a row as sent. */
export const NEWSLETTER_ENTITIES = {
  newsletter: NewsletterSchema,
} as const

/** The changes a device can queue about newsletter rows, by name, with the schema of their arguments. */
export const NEWSLETTER_MUTATIONS = {
  'newsletter.save': z.object({ newsletter: NewsletterInputSchema }),
  'newsletter.schedule': z.object({ newsletterId: IdSchema, at: InstantSchema.nullable() }),
  'newsletter.unschedule': z.object({ newsletterId: IdSchema }),
  'newsletter.open': z.object({ newsletterId: IdSchema }),
  'newsletter.subscribe': z.object({ networkId: IdSchema, isOn: z.boolean() }),
} as const
