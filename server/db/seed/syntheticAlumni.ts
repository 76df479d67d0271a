import { randomUUID } from 'node:crypto'
import { fakerNB_NO as faker } from '@faker-js/faker'
import type { Membership, Profile } from '../../../shared/schemas/person.ts'
import { labelledId } from './labelledId.ts'
import { membershipId } from '../../../shared/ids.ts'

/** Programmes per demo network, so synthetic alumni belong where their degree says. */
const PROGRAMMES: Record<string, string[]> = {
  [labelledId('net-ximk')]: ['Medievitenskap', 'Medier og kommunikasjon', 'Informatikk: design, bruk, interaksjon'],
  [labelledId('net-iakh')]: ['Historie'],
  [labelledId('net-tf')]: ['Teologi', 'Religion og samfunn'],
  [labelledId('net-sv-econ')]: ['Samfunnsøkonomi'],
  [labelledId('net-nhh')]: ['Økonomi og administrasjon', 'Regnskap og revisjon'],
  [labelledId('net-ntnu-it')]: ['Informatikk', 'Datateknologi'],
  [labelledId('net-uia-hum')]: ['Nordisk', 'Engelsk'],
}
const NETWORK_WEIGHTS: [string, number][] = [
  [labelledId('net-ximk'), 30],
  [labelledId('net-iakh'), 8],
  [labelledId('net-tf'), 6],
  [labelledId('net-sv-econ'), 10],
  [labelledId('net-nhh'), 22],
  [labelledId('net-ntnu-it'), 18],
  [labelledId('net-uia-hum'), 6],
]
const NHH = labelledId('net-nhh')
const CITIES: [string, number][] = [
  ['Oslo', 45],
  ['Bergen', 15],
  ['Trondheim', 12],
  ['Kristiansand', 6],
  ['Stavanger', 6],
  ['Tromsø', 3],
  ['København', 3],
  ['London', 2],
]

function pickWeighted<T>(pairs: [T, number][]): T {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0)
  let r = faker.number.float({ min: 0, max: total })
  for (const [value, weight] of pairs) {
    r -= weight
    if (r <= 0) return value
  }
  return pairs[0]![0]
}

/**
 * `count` invented alumni with Norwegian names across cohorts and programmes,
 * each an active member of the network their programme belongs to (one in
 * ten of a second one). Names and programmes are the same for a given count
 * (faker is seeded); ids are random on every seed.
 */
export function syntheticAlumni(count: number, now: string): { profiles: Profile[]; memberships: Membership[] } {
  faker.seed(2024)
  const profiles: Profile[] = []
  const memberships: Membership[] = []
  for (let i = 0; i < count; i++) {
    const firstName = faker.person.firstName()
    const lastName = faker.person.lastName()
    const networkId = pickWeighted(NETWORK_WEIGHTS)
    const programme = faker.helpers.arrayElement(PROGRAMMES[networkId]!)
    const graduationYear = faker.number.int({ min: 1990, max: 2026 })
    // Random, as the app makes them: neither a sequence nor a hash of a label in this repository can be walked.
    const id = `p-${randomUUID()}`
    const local = `${firstName}.${lastName}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z.]/g, '')
    profiles.push({
      id,
      email: `${local}.${i + 1}@alumni.example`,
      name: `${firstName} ${lastName}`,
      graduationYear,
      programme,
      employer: faker.datatype.boolean(0.8) ? faker.company.name() : null,
      title: faker.datatype.boolean(0.7) ? faker.person.jobTitle() : null,
      city: pickWeighted(CITIES),
      linkedinUrl: faker.datatype.boolean(0.5)
        ? `https://www.linkedin.com/in/${local.replace(/\./g, '-')}-${i + 1}`
        : null,
      bio: null,
      updatedAt: now,
      photo: null,
      helpWith: faker.helpers.arrayElements(['mentor', 'guestLecturer', 'internships', 'speaker'] as const, {
        min: 0,
        max: 2,
      }),
      // Most show their work to fellow members; few show anything to everyone; nothing is shown unless chosen.
      visibility: faker.helpers.arrayElement([
        {},
        {
          programme: 'network',
          graduationYear: 'network',
          employer: 'network',
          title: 'network',
          city: 'network',
          helpWith: 'network',
        },
        {
          programme: 'signedIn',
          graduationYear: 'signedIn',
          employer: 'network',
          linkedinUrl: 'network',
          helpWith: 'network',
        },
        { email: 'staff', programme: 'network', graduationYear: 'network' },
        {
          email: 'network',
          programme: 'network',
          graduationYear: 'network',
          employer: 'network',
          title: 'network',
          city: 'network',
          linkedinUrl: 'network',
          helpWith: 'network',
          photo: 'network',
        },
      ] as const),
    })
    const since = new Date(Date.UTC(Math.min(graduationYear, 2026), 5, 20)).toISOString()
    // BI/NHH style: recent graduates are contacted on legitimate interest for five years after graduating.
    const onInterest = networkId === NHH && graduationYear >= 2022
    memberships.push({
      id: membershipId(networkId, id),
      networkId,
      personId: id,
      status: 'active',
      role: 'member',
      since,
      source: onInterest ? 'import' : 'seed',
      lawfulBasis: onInterest ? 'legitimateInterest' : 'consent',
      basisExpiresAt: onInterest ? new Date(Date.UTC(graduationYear + 5, 5, 20)).toISOString() : null,
    })
    if (faker.datatype.boolean(0.1)) {
      const other = pickWeighted(NETWORK_WEIGHTS)
      if (other !== networkId)
        memberships.push({
          id: membershipId(other, id),
          networkId: other,
          personId: id,
          status: 'active',
          role: 'member',
          since,
          source: 'seed',
          lawfulBasis: 'consent',
          basisExpiresAt: null,
        })
    }
  }
  return { profiles, memberships }
}
