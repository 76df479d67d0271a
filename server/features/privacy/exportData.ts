import type { Database, Db } from '../../db/schema.ts'
import { toProfile } from '../profile/rows.ts'

/** Every table whose rows name a person in `personId`. */
type PersonTable = { [T in keyof Database]: 'personId' extends keyof Database[T] ? T : never }[keyof Database]

/**
 * Where each table with a person column goes in the export, or why it does
 * not: the compiler refuses a new such table until it is listed here, and a
 * test walks the database's own columns to find any the types missed.
 */
export const EXPORTED_PERSON_TABLES: Record<PersonTable, { key: string } | { omitted: string }> = {
  membership: { key: 'memberships' },
  education: { key: 'educations' },
  consent: { key: 'consents' },
  registration: { key: 'registrations' },
  feedback: { key: 'feedback' },
  pushSubscription: { key: 'pushDevices' },
  notificationSettings: { key: 'notificationSettings' },
  newsletterDelivery: { key: 'newsletterMails' },
  newsletterOpen: { key: 'newsletterOpens' },
  newsletterOptout: { key: 'newsletterEmailOptOuts' },
  newsletterSubscriber: { key: 'newsletterSubscriptions' },
  groupFollower: { key: 'groupsFollowed' },
  groupFlag: { key: 'groupsFlagged' },
  notice: { key: 'mailsAboutEvents' },
  membershipNotice: { key: 'mailsAboutMemberships' },
  facultyRole: { key: 'facultyRoles' },
  session: { key: 'signIn.sessions' },
  passkey: { key: 'signIn.passkeys' },
  syncClient: { key: 'syncingDevices' },
  webauthnChallenge: {
    omitted: 'a passkey sign-in in progress, deleted within minutes; it holds only a random challenge',
  },
}

/**
 * Everything the service holds about a person, as JSON (GDPR art. 15 and 20):
 * profile and privacy choices, education, memberships with their lawful basis,
 * consents, registrations and check-ins, invitations and walk-ins under
 * their address, newsletters mailed, opened and chosen, groups followed and
 * flagged, mails queued about them, faculty roles, sign-in and syncing
 * devices and passkeys (not their secrets), and the audit entries about
 * them: every table in {@link EXPORTED_PERSON_TABLES}.
 */
export async function exportPersonData(db: Db, personId: string) {
  const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
  const [educations, memberships, consents, registrations, sessions, passkeys, invitations, audit] = await Promise.all([
    db.selectFrom('education').selectAll().where('personId', '=', personId).execute(),
    db
      .selectFrom('membership')
      .innerJoin('network', 'network.id', 'membership.networkId')
      .select([
        'membership.networkId',
        'network.name as networkName',
        'membership.status',
        'membership.role',
        'membership.since',
        'membership.source',
        'membership.lawfulBasis',
        'membership.basisExpiresAt',
      ])
      .where('membership.personId', '=', personId)
      .execute(),
    db
      .selectFrom('consent')
      .select(['purpose', 'textVersion', 'givenAt', 'withdrawnAt'])
      .where('personId', '=', personId)
      .execute(),
    db.selectFrom('registration').selectAll().where('personId', '=', personId).execute(),
    db.selectFrom('session').select(['createdAt', 'expiresAt']).where('personId', '=', personId).execute(),
    db.selectFrom('passkey').select(['createdAt', 'lastUsedAt']).where('personId', '=', personId).execute(),
    db
      .selectFrom('invitation')
      .innerJoin('network', 'network.id', 'invitation.networkId')
      .select(['network.name as networkName', 'invitation.status', 'invitation.createdAt'])
      .where('invitation.email', '=', person.email)
      .execute(),
    db.selectFrom('auditLog').select(['at', 'action', 'networkId']).where('subjectId', '=', personId).execute(),
  ])
  const registrationIds = registrations.map((r) => r.id)
  const checkIns = registrationIds.length
    ? await db
        .selectFrom('checkIn')
        .select(['eventId', 'scannedAt', 'correctedAt', 'method', 'verdict'])
        .where('registrationId', 'in', registrationIds)
        .execute()
    : []
  const pushDevices = await db
    .selectFrom('pushSubscription')
    .select(['label', 'createdAt', 'lastSuccessAt'])
    .where('personId', '=', personId)
    .execute()
  const notificationSettings =
    (await db
      .selectFrom('notificationSettings')
      .select(['networks', 'quietHours', 'updatedAt'])
      .where('personId', '=', personId)
      .executeTakeFirst()) ?? null
  const walkIns = await db
    .selectFrom('walkIn')
    .select(['eventId', 'name', 'createdAt', 'decidedAt', 'decision'])
    .where('email', '=', person.email)
    .execute()
  const feedback = await db
    .selectFrom('feedback')
    .select(['eventId', 'rating', 'comment', 'createdAt'])
    .where('personId', '=', personId)
    .execute()
  // The rows of the tables the person merely appears in, each under its name in the export.
  const byPerson = {
    newsletterMails: db.selectFrom('newsletterDelivery').select(['newsletterId', 'createdAt', 'sentAt']),
    newsletterOpens: db.selectFrom('newsletterOpen').select(['newsletterId', 'openedAt']),
    newsletterEmailOptOuts: db.selectFrom('newsletterOptout').select(['networkId', 'createdAt']),
    newsletterSubscriptions: db.selectFrom('newsletterSubscriber').select(['networkId', 'createdAt']),
    groupsFollowed: db.selectFrom('groupFollower').select(['groupId', 'createdAt']),
    groupsFlagged: db.selectFrom('groupFlag').select(['groupId', 'flaggedAt']),
    mailsAboutEvents: db.selectFrom('notice').select(['eventId', 'kind', 'createdAt', 'sentAt']),
    mailsAboutMemberships: db.selectFrom('membershipNotice').select(['networkId', 'kind', 'createdAt', 'sentAt']),
    facultyRoles: db.selectFrom('facultyRole').select(['facultyId', 'role']),
    syncingDevices: db.selectFrom('syncClient').select(['updatedAt']),
  }
  const appearsIn = Object.fromEntries(
    await Promise.all(
      Object.entries(byPerson).map(async ([key, query]) => [
        key,
        await (query as typeof byPerson.syncingDevices).where('personId', '=', personId).execute(),
      ]),
    ),
  ) as { [K in keyof typeof byPerson]: unknown[] }
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      ...toProfile(person),
      locale: person.locale,
      createdAt: person.createdAt,
      photoJpegBase64: person.photoJpeg,
    },
    educations,
    memberships,
    consents,
    registrations,
    checkIns,
    feedback,
    invitations,
    walkInsUnderYourAddress: walkIns,
    pushDevices,
    notificationSettings,
    ...appearsIn,
    signIn: { sessions, passkeys },
    auditEntriesAboutYou: audit,
  }
}
