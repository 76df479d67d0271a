export type AdmissionMode = 'open' | 'approval' | 'invite'
export interface NetworkFixture {
  id: string
  slug: string
  name: string
}

/**
 * A network the faculty's coordinator starts as the app does (`network.create`
 * with a device-minted id), for graduates of `programme` (open unless `mode`
 * says otherwise), with the given people as members: each registers the
 * degree and asks to join, and the coordinator confirms the degree against
 * the institution's records, which lets them in where the rule is open.
 * `changeAs` sends one change as a person, in-process or to a live server.
 */
export async function networkThroughChanges(
  changeAs: (email: string, name: string, args: unknown) => Promise<unknown>,
  coordinator: string,
  programme: string,
  members: string[],
  mode: AdmissionMode,
): Promise<NetworkFixture> {
  const id = crypto.randomUUID()
  const slug = `nett-${id.slice(0, 8)}`
  const name = `Alumni i ${programme.toLowerCase()}`
  await changeAs(coordinator, 'network.create', {
    network: {
      id,
      facultyId: 'uio-hf',
      slug,
      name,
      shortName: programme,
      purpose: '',
      admission: { mode, clauses: [{ kind: 'graduates', programmes: [programme], degree: 'any' }] },
      contactEmail: null,
    },
  })
  for (const email of members) {
    const educationId = crypto.randomUUID()
    await changeAs(email, 'education.add', {
      education: {
        id: educationId,
        institutionId: 'uio',
        programme,
        degree: 'master',
        status: 'graduated',
        graduationYear: 2020,
        credits: 120,
      },
    })
    await changeAs(email, 'membership.join', { networkId: id })
    if (mode !== 'invite') await changeAs(coordinator, 'education.verify', { educationId, networkId: id })
  }
  return { id, slug, name }
}
