import type { Db } from '../../db/schema.ts'
import { toProfile } from '../profile/rows.ts'

/**
 * Everything the service holds about a person, as JSON (GDPR art. 15 and 20):
 * profile and privacy choices, education, memberships with their lawful basis,
 * consents, registrations and check-ins, invitations, sign-in devices and
 * passkeys (not their secrets), and the audit entries about them.
 */
export async function exportPersonData(db: Db, personId: string) {
  const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
  const [educations, memberships, consents, registrations, sessions, passkeys, invitations, audit] = await Promise.all([
    db.selectFrom('education').selectAll().where('personId', '=', personId).execute(),
    db.selectFrom('membership').innerJoin('network', 'network.id', 'membership.networkId')
      .select(['membership.networkId', 'network.name as networkName', 'membership.status', 'membership.role', 'membership.since', 'membership.source', 'membership.lawfulBasis', 'membership.basisExpiresAt'])
      .where('membership.personId', '=', personId).execute(),
    db.selectFrom('consent').select(['purpose', 'textVersion', 'givenAt', 'withdrawnAt']).where('personId', '=', personId).execute(),
    db.selectFrom('registration').selectAll().where('personId', '=', personId).execute(),
    db.selectFrom('session').select(['createdAt', 'expiresAt']).where('personId', '=', personId).execute(),
    db.selectFrom('passkey').select(['createdAt', 'lastUsedAt']).where('personId', '=', personId).execute(),
    db.selectFrom('invitation').innerJoin('network', 'network.id', 'invitation.networkId').select(['network.name as networkName', 'invitation.status', 'invitation.createdAt']).where('invitation.email', '=', person.email).execute(),
    db.selectFrom('auditLog').select(['at', 'action', 'networkId']).where('subjectId', '=', personId).execute(),
  ])
  const registrationIds = registrations.map((r) => r.id)
  const checkIns = registrationIds.length ? await db.selectFrom('checkIn').select(['eventId', 'scannedAt', 'correctedAt', 'method', 'verdict']).where('registrationId', 'in', registrationIds).execute() : []
  const pushDevices = await db.selectFrom('pushSubscription').select(['label', 'createdAt', 'lastSuccessAt']).where('personId', '=', personId).execute()
  const notificationSettings = await db.selectFrom('notificationSettings').select(['networks', 'quietHours', 'updatedAt']).where('personId', '=', personId).executeTakeFirst() ?? null
  const walkIns = await db.selectFrom('walkIn').select(['eventId', 'name', 'createdAt', 'decidedAt', 'decision']).where('email', '=', person.email).execute()
  const feedback = await db.selectFrom('feedback').select(['eventId', 'rating', 'comment', 'createdAt']).where('personId', '=', personId).execute()
  return {
    exportedAt: new Date().toISOString(),
    profile: { ...toProfile(person), locale: person.locale, createdAt: person.createdAt, photoJpegBase64: person.photoJpeg },
    educations, memberships, consents, registrations, checkIns, feedback, invitations, walkInsUnderYourAddress: walkIns, pushDevices, notificationSettings,
    signIn: { sessions, passkeys },
    auditEntriesAboutYou: audit,
  }
}
