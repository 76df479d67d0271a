import { patchOwnSettings, patchRows, putRow, toggled, type MutatorTable } from '../../sync/localRows.ts'
import { networkStaffScope } from '../../../shared/sync/scopes.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const NEWSLETTER_MUTATORS = {
  'newsletter.save': async (db, { newsletter }, now) => {
    const existing = await db.newsletters.where('id').equals(newsletter.id).first()
    return putRow(db, 'newsletters', networkStaffScope(newsletter.networkId), {
      ...newsletter,
      status: existing?.status ?? 'draft',
      scheduledAt: existing?.scheduledAt ?? null,
      sentAt: null,
      events: [],
      updatedAt: now,
      stats: existing?.stats ?? null,
    })
  },
  'newsletter.schedule': (db, { newsletterId, at }, now) =>
    patchRows(db, 'newsletters', newsletterId, { status: 'scheduled', scheduledAt: at ?? now }),
  'newsletter.unschedule': (db, { newsletterId }) =>
    patchRows(db, 'newsletters', newsletterId, { status: 'draft', scheduledAt: null }),
  // Counted by the server once per person; nothing changes on the device.
  'newsletter.open': () => Promise.resolve([]),
  'newsletter.subscribe': (db, { networkId, isOn }, now, personId) =>
    patchOwnSettings(db, personId, now, (own) => ({
      newsletterSubscriptions: toggled(own.newsletterSubscriptions, networkId, isOn),
    })),
} satisfies Partial<MutatorTable>
