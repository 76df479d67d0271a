import { z } from 'zod'
import {
  EmailSchema,
  LocaleSchema,
  IdSchema,
  InstantSchema,
  NameSchema,
  TextSchema,
  WebUrlSchema,
  NewIdSchema,
  lineSchema,
  textSchema,
} from './common.ts'

export const ChannelKindSchema = z.enum(['facebook', 'linkedin', 'instagram', 'web', 'email', 'other'])

/** An external channel a network runs, with its follower count as last reported by staff. */
export const ChannelSchema = z.object({
  kind: ChannelKindSchema,
  label: lineSchema(120).optional(),
  url: WebUrlSchema,
  followers: z.int32().min(0).nullable(),
})
export type Channel = z.infer<typeof ChannelSchema>

/**
 * Who may join, as data (never code), so every network's own rule fits:
 * X-IMK (graduates, students, media graduates living in Oslo), IAKH (invited
 * master candidates), NHH (one credit). Any matching clause admits.
 */
const clause = {
  /**
   * Only verified education admits at once (the default): a claim that
   * matches becomes a request for staff, showing the claim. `false` lets a
   * network take people at their word (a social club with nothing to guard).
   */
  verifiedOnly: z.boolean().default(true),
}
export const AdmissionClauseSchema = z.discriminatedUnion('kind', [
  z.object({
    ...clause,
    kind: z.literal('graduates'),
    programmes: z.array(lineSchema(200).min(1)).max(100),
    degree: z.enum(['any', 'bachelor', 'master', 'phd']).default('any'),
  }),
  z.object({ ...clause, kind: z.literal('students'), programmes: z.array(lineSchema(200).min(1)).max(100) }),
  z.object({ ...clause, kind: z.literal('credits'), minimum: z.number().min(0).max(1000) }),
  z.object({
    ...clause,
    kind: z.literal('otherInstitutionInCity'),
    field: lineSchema(200).min(1),
    city: lineSchema(200).min(1),
  }),
])
export type AdmissionClause = z.infer<typeof AdmissionClauseSchema>

export const AdmissionRuleSchema = z.object({
  /** `open`: join at once when a clause matches; `approval`: staff decide; `invite`: only invited people. */
  mode: z.enum(['open', 'approval', 'invite']),
  clauses: z.array(AdmissionClauseSchema).max(20),
  /** NTNU: registering a matching education adds the person at once, without asking. */
  autoJoin: z.boolean().optional(),
})
export type AdmissionRule = z.infer<typeof AdmissionRuleSchema>

/**
 * What members get (UiA, NTNU, NHH): continuing education, career counselling
 * for some years after graduating, library access, discounts.
 */
export const BenefitSchema = z.object({
  kind: z.enum(['continuingEducation', 'careerCounselling', 'library', 'discount', 'other']),
  text: lineSchema(300).min(1),
  /** For how many years after graduation it is offered (null: always). */
  yearsAfterGraduation: z.int32().min(1).max(60).nullable().default(null),
})
export type Benefit = z.infer<typeof BenefitSchema>

/** A network's public page. Everything here is readable by anyone, signed in or not. */
export const NetworkSchema = z.object({
  id: IdSchema,
  facultyId: IdSchema,
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
  name: NameSchema,
  shortName: lineSchema(30).min(1),
  purpose: TextSchema,
  activities: z.array(lineSchema(300).min(1)).max(30),
  admission: AdmissionRuleSchema,
  channels: z.array(ChannelSchema).max(20),
  contactEmail: EmailSchema.nullable(),
  statutes: TextSchema,
  anchoring: TextSchema,
  benefits: z.array(BenefitSchema).max(20).default([]),
  foundedYear: z.int32().min(1800).max(2100).nullable(),
  /** The language staff wrote it in, declared on the page (`lang`) for screen readers and hyphenation. */
  language: LocaleSchema.default('nb'),
  updatedAt: InstantSchema,
})
export type Network = z.infer<typeof NetworkSchema>

/**
 * A new network as a faculty's coordinator starts it (SV: every unit launches
 * its own): the page's essentials, the rest edited afterwards like any page.
 */
export const NewNetworkSchema = NetworkSchema.pick({
  facultyId: true,
  slug: true,
  name: true,
  shortName: true,
  purpose: true,
  admission: true,
  contactEmail: true,
  language: true,
}).extend({ id: NewIdSchema })
export type NewNetwork = z.infer<typeof NewNetworkSchema>

/** The fields staff may change on a network's page; each is optional, so an edit carries only what changed. */
export const NetworkPatchSchema = NetworkSchema.pick({
  name: true,
  shortName: true,
  purpose: true,
  activities: true,
  admission: true,
  channels: true,
  contactEmail: true,
  statutes: true,
  anchoring: true,
  benefits: true,
  foundedYear: true,
  language: true,
})
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
export type NetworkPatch = z.infer<typeof NetworkPatchSchema>

/** A seat on a network's board (styre, alumniråd), with how it was filled and for how long. */
export const BoardSeatSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  personName: NameSchema,
  role: z.enum(['chair', 'deputy', 'member', 'student', 'staff', 'secretary', 'treasurer']),
  selection: z.enum(['elected', 'appointed']),
  termStart: z.iso.date(),
  termEnd: z.iso.date().nullable(),
})
export type BoardSeat = z.infer<typeof BoardSeatSchema>

/** A seat as staff save it: a term cannot end before it starts. */
export const BoardSeatInputSchema = BoardSeatSchema.extend({ id: NewIdSchema }).refine(
  (seat) => seat.termEnd === null || seat.termEnd >= seat.termStart,
  { message: 'the term ends before it starts', path: ['termEnd'] },
)

/**
 * A group inside a network: by region, language, programme or cohort (NTNU's
 * LinkedIn sub-groups), or started by alumni themselves (OsloMet's guide).
 * Members can flag one that nobody runs any more; enough flags, or staff,
 * mark it dormant so nobody is sent to an empty room.
 */
export const GroupSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  name: NameSchema,
  kind: z.enum(['region', 'language', 'programme', 'cohort', 'interest']),
  description: textSchema(1000).trim(),
  /** Where the group lives (LinkedIn, Facebook, a mailing list's page). */
  url: WebUrlSchema.nullable(),
  startedBy: z.enum(['network', 'alumni']),
  contactName: NameSchema.nullable(),
  status: z.enum(['active', 'dormant']),
  /** How many members have said nobody runs it any more. */
  dormantFlags: z.int32().min(0),
  createdAt: InstantSchema,
})
export type Group = z.infer<typeof GroupSchema>

/** A group as a member or staff proposes it; the server sets the rest. */
export const NewGroupSchema = GroupSchema.pick({
  networkId: true,
  name: true,
  kind: true,
  description: true,
  url: true,
  contactName: true,
}).extend({ id: NewIdSchema })
export type NewGroup = z.infer<typeof NewGroupSchema>

/** Flags from different members that mark a group dormant without staff. */
export const DORMANT_AFTER_FLAGS = 3

/** The network entities devices hold, by entity name, with the schema of a row as sent. */
export const NETWORK_ENTITIES = {
  network: NetworkSchema,
  boardSeat: BoardSeatSchema,
  group: GroupSchema,
} as const

/** The changes a device can queue about network rows, by name, with the schema of their arguments. */
export const NETWORK_MUTATIONS = {
  'network.create': z.object({ network: NewNetworkSchema }),
  'network.update': z.object({ networkId: IdSchema, patch: NetworkPatchSchema }),
  'boardSeat.save': z.object({ seat: BoardSeatInputSchema }),
  'boardSeat.remove': z.object({ seatId: IdSchema }),
  'group.create': z.object({ group: NewGroupSchema }),
  'group.flagDormant': z.object({ groupId: IdSchema }),
  'group.setStatus': z.object({ groupId: IdSchema, status: z.enum(['active', 'dormant']) }),
  'group.follow': z.object({ groupId: IdSchema, isOn: z.boolean() }),
} as const
