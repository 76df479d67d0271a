import type { Faculty, Institution } from '../../../shared/schemas/faculty.ts'
import type { BoardSeat, Group, Network } from '../../../shared/schemas/network.ts'
import type { Event } from '../../../shared/schemas/event.ts'
import { labelledId } from './labelledId.ts'

/**
 * The demo's institutions, faculties, networks, boards and events, after the
 * HF working group's appendix of 5 February 2024 (shared/context). Channel
 * follower counts and board shapes are the document's; people are invented.
 */
export const institutions: Institution[] = [
  { id: 'uio', name: 'Universitetet i Oslo', shortName: 'UiO' },
  { id: 'nhh', name: 'Norges Handelshøyskole', shortName: 'NHH' },
  { id: 'ntnu', name: 'Norges teknisk-naturvitenskapelige universitet', shortName: 'NTNU' },
  { id: 'uia', name: 'Universitetet i Agder', shortName: 'UiA' },
]

export const faculties: Faculty[] = [
  {
    id: 'uio-hf',
    institutionId: 'uio',
    name: 'Det humanistiske fakultet',
    shortName: 'HF',
    contactName: 'Ingrid Solberg',
    contactEmail: 'alumni@hf.uio.example',
  },
  {
    id: 'uio-sv',
    institutionId: 'uio',
    name: 'Det samfunnsvitenskapelige fakultet',
    shortName: 'SV',
    contactName: 'Arbeidslivskoordinator SV',
    contactEmail: 'arbeidsliv@sv.uio.example',
  },
  {
    id: 'uio-tf',
    institutionId: 'uio',
    name: 'Det teologiske fakultet',
    shortName: 'TF',
    contactName: null,
    contactEmail: 'alumni@tf.uio.example',
  },
  {
    id: 'nhh-main',
    institutionId: 'nhh',
    name: 'NHH',
    shortName: 'NHH',
    contactName: 'NHH Alumni',
    contactEmail: 'alumni@nhh.example',
  },
  {
    id: 'ntnu-ie',
    institutionId: 'ntnu',
    name: 'Fakultet for informasjonsteknologi og elektroteknikk',
    shortName: 'IE',
    contactName: 'Karrieresenteret',
    contactEmail: 'alumni@ntnu.example',
  },
  {
    id: 'uia-hum',
    institutionId: 'uia',
    name: 'Fakultet for humaniora og pedagogikk',
    shortName: 'HumPed',
    contactName: 'Kontaktperson HumPed',
    contactEmail: 'alumni@uia.example',
  },
]

const updatedAt = '2026-11-01T09:00:00.000Z'

export const networks: Network[] = [
  {
    id: labelledId('net-ximk'),
    facultyId: 'uio-hf',
    slug: 'x-imk',
    name: 'X-IMK – alumninettverket for medier og kommunikasjon',
    shortName: 'X-IMK',
    purpose:
      'Koble nåværende og tidligere studenter ved IMK: nettverksbygging, faglig oppdatering, kontakt med arbeidslivet og bransjen, rekruttering og praksisplasser.',
    activities: [
      'Fagdag på IMK hver vår, med bidrag fra fagmiljøet og eksterne gjester',
      'Sosialt treff i byen hver høst: quiz, prat og hyggelig samvær',
    ],
    admission: {
      mode: 'open',
      clauses: [
        {
          verifiedOnly: true,
          kind: 'graduates',
          programmes: ['Medievitenskap', 'Medier og kommunikasjon', 'Informatikk: design, bruk, interaksjon'],
          degree: 'any',
        },
        { verifiedOnly: true, kind: 'students', programmes: ['Medievitenskap', 'Medier og kommunikasjon'] },
        { verifiedOnly: true, kind: 'otherInstitutionInCity', field: 'Medie- og kommunikasjonsfag', city: 'Oslo' },
      ],
    },
    channels: [
      { kind: 'facebook', url: 'https://www.facebook.com/ximk.example', followers: 859 },
      {
        kind: 'linkedin',
        label: 'LinkedIn-gruppe',
        url: 'https://www.linkedin.com/groups/ximk-example',
        followers: 473,
      },
    ],
    contactEmail: 'x-imk@media.uio.example',
    statutes:
      '§ 1 Navn. Foreningens navn er X-IMK.\n§ 2 Formål. X-IMK skal knytte sammen nåværende og tidligere studenter ved Institutt for medier og kommunikasjon.\n§ 3 Medlemskap. Medlemskap er åpent for alle med grad fra IMK, nåværende studenter, og personer med mediefaglig utdanning fra annen institusjon bosatt i Oslo.\n§ 4 Styret. Styret velges av årsmøtet for to år av gangen. Instituttet har en fast representant i styret.',
    anchoring:
      'Ildsjelbasert, med en fast vitenskapelig ansatt i styret som kontaktpunkt på IMK. Instituttet gir noe økonomisk støtte til fagdagen (pizza, blomster til innledere).',
    foundedYear: 2006,
    benefits: [],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-iakh'),
    facultyId: 'uio-hf',
    slug: 'historie-alumni',
    name: 'Alumninettverket for historie (IAKH)',
    shortName: 'IAKH alumni',
    purpose:
      'Øke studienes arbeidslivsrelevans og styrke instituttets og studentenes kontakt med arbeidslivet: praksissamarbeid, gjesteforelesninger og utflukter.',
    activities: [
      'Sosialt-faglig treff i oktober med fag- og karriereinnhold (ca. 50 deltakere)',
      'Alumner inviteres til bachelorstudentenes arbeidsliv- og karriereseminar',
    ],
    admission: {
      mode: 'invite',
      clauses: [{ verifiedOnly: true, kind: 'graduates', programmes: ['Historie'], degree: 'master' }],
    },
    channels: [
      { kind: 'web', label: 'Nettside', url: 'https://www.hf.uio.example/iakh/alumni/', followers: null },
      { kind: 'linkedin', url: 'https://www.linkedin.com/company/historie-alumni-example', followers: 134 },
    ],
    contactEmail: 'historiae-alumni@hf.uio.example',
    statutes: '',
    anchoring:
      'Opprettet høsten 2023 etter ønske fra instituttledelsen. En studiekonsulent har 10 % av stillingen til drift. Instituttet har vedtatt et årlig budsjett.',
    foundedYear: 2023,
    benefits: [],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-tf'),
    facultyId: 'uio-tf',
    slug: 'tf-alumni',
    name: 'TF alumni',
    shortName: 'TF alumni',
    purpose: 'Holde kontakten med tidligere studenter gjennom nyhetsbrev og et årlig alumniseminar.',
    activities: ['Nyhetsbrev inntil tre ganger per semester', 'Årlig alumniseminar for profesjonsstudiet i teologi'],
    admission: {
      mode: 'open',
      clauses: [
        { verifiedOnly: true, kind: 'graduates', programmes: ['Teologi', 'Religion og samfunn'], degree: 'any' },
        { verifiedOnly: true, kind: 'students', programmes: ['Teologi', 'Religion og samfunn'] },
      ],
    },
    channels: [],
    contactEmail: 'alumni@tf.uio.example',
    statutes: '',
    anchoring: 'Drives av fakultetets kommunikasjonsrådgiver.',
    foundedYear: 2015,
    benefits: [],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-sv-econ'),
    facultyId: 'uio-sv',
    slug: 'sosialokonomi-alumni',
    name: 'Alumni i samfunnsøkonomi',
    shortName: 'ØI alumni',
    purpose: 'Ett av SVs alumninettverk, en del av fakultetets felles rekrutteringskampanje blant avgangsstudenter.',
    activities: ['Karrierekveld for avgangsstudenter'],
    admission: {
      mode: 'approval',
      clauses: [{ verifiedOnly: true, kind: 'graduates', programmes: ['Samfunnsøkonomi'], degree: 'any' }],
    },
    channels: [{ kind: 'linkedin', url: 'https://www.linkedin.com/groups/oi-alumni-example', followers: 1210 }],
    contactEmail: 'alumni@econ.uio.example',
    statutes: '',
    anchoring: 'Fakultetet gir personvernhjelp, nettsider og verktøy; instituttet har en kontaktperson.',
    foundedYear: 2024,
    benefits: [],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-nhh'),
    facultyId: 'nhh-main',
    slug: 'nhh-alumni',
    name: 'NHH Alumni',
    shortName: 'NHH Alumni',
    purpose: 'Livslang kontakt mellom NHH og alle som har studert her. Ett studiepoeng er nok.',
    activities: [
      'Årlig alumnikonferanse med kåring av årets alumn',
      'Alumnipils i flere byer',
      'Mentorprogram',
      'Alumnifond for forskning og formidling',
    ],
    admission: { mode: 'open', clauses: [{ verifiedOnly: true, kind: 'credits', minimum: 1 }] },
    channels: [
      { kind: 'linkedin', url: 'https://www.linkedin.com/groups/nhh-alumni-example', followers: 6800 },
      { kind: 'facebook', url: 'https://www.facebook.com/nhhalumni.example', followers: 4000 },
    ],
    contactEmail: 'alumni@nhh.example',
    statutes: 'Alumnirådet oppnevnes for fire år, er rådgivende og har et eget mandat.',
    anchoring: 'Dedikert ansatt som leder nettverket.',
    foundedYear: 1990,
    benefits: [
      { kind: 'careerCounselling', text: 'Karriereveiledning og jobbannonser', yearsAfterGraduation: 2 },
      { kind: 'continuingEducation', text: 'Rabatt på NHH Executive-programmer', yearsAfterGraduation: null },
    ],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-ntnu-it'),
    facultyId: 'ntnu-ie',
    slug: 'ntnu-it-alumni',
    name: 'NTNU Alumni – informatikk',
    shortName: 'NTNU IT',
    purpose:
      'Nettverksgruppe for alle med utdanning i informatikk fra NTNU. Du blir lagt til automatisk når du registrerer utdanningen din.',
    activities: ['Årlig alumniforelesning', 'Karriereintervjuer', 'LinkedIn-kurs'],
    admission: {
      mode: 'open',
      autoJoin: true,
      clauses: [{ verifiedOnly: true, kind: 'graduates', programmes: ['Informatikk', 'Datateknologi'], degree: 'any' }],
    },
    channels: [{ kind: 'linkedin', url: 'https://www.linkedin.com/groups/ntnu-alumni-example', followers: 13500 }],
    contactEmail: 'alumni@ntnu.example',
    statutes: '',
    anchoring: 'En ansatt ved Karrieresenteret.',
    foundedYear: 2006,
    benefits: [
      {
        kind: 'continuingEducation',
        text: 'Etter- og videreutdanning og LinkedIn-kurs for alumni',
        yearsAfterGraduation: null,
      },
      { kind: 'library', text: 'Tilgang til NTNU Universitetsbiblioteket', yearsAfterGraduation: null },
      { kind: 'other', text: 'Invitasjon til den årlige alumniforelesningen', yearsAfterGraduation: null },
    ],
    language: 'nb',
    updatedAt,
  },
  {
    id: labelledId('net-uia-hum'),
    facultyId: 'uia-hum',
    slug: 'uia-humanister',
    name: 'UiA Alumni – humaniora',
    shortName: 'UiA Hum',
    purpose:
      'Faglig påfyll, studentsamarbeid og sosiale sammenkomster for humanister fra UiA, hjemme og ute (UiA-ambassadører).',
    activities: ['Medlemskort med rabatter', 'Karriereveiledning inntil to år etter endt utdanning'],
    admission: {
      mode: 'open',
      clauses: [
        { verifiedOnly: true, kind: 'graduates', programmes: ['Nordisk', 'Engelsk', 'Historie'], degree: 'any' },
      ],
    },
    channels: [{ kind: 'facebook', url: 'https://www.facebook.com/uiaalumni.example', followers: 2100 }],
    contactEmail: 'alumni@uia.example',
    statutes: '',
    anchoring: 'Kommunikasjonsavdelingen; hvert fakultet har en kontaktperson.',
    foundedYear: 2017,
    benefits: [
      { kind: 'careerCounselling', text: 'Karriereveiledning', yearsAfterGraduation: 2 },
      { kind: 'continuingEducation', text: 'Etter- og videreutdanning', yearsAfterGraduation: null },
      { kind: 'discount', text: 'Medlemskort med rabatter hos samarbeidspartnere', yearsAfterGraduation: null },
    ],
    language: 'nb',
    updatedAt,
  },
]

export const boardSeats: BoardSeat[] = [
  {
    id: labelledId('seat-ximk-1'),
    networkId: labelledId('net-ximk'),
    personName: 'Marte Kjos Haugen',
    role: 'chair',
    selection: 'elected',
    termStart: '2025-03-01',
    termEnd: '2027-02-28',
  },
  {
    id: labelledId('seat-ximk-2'),
    networkId: labelledId('net-ximk'),
    personName: 'Jonas Berg',
    role: 'member',
    selection: 'elected',
    termStart: '2025-03-01',
    termEnd: '2027-02-28',
  },
  {
    id: labelledId('seat-ximk-3'),
    networkId: labelledId('net-ximk'),
    personName: 'Sara Lie',
    role: 'treasurer',
    selection: 'elected',
    termStart: '2025-03-01',
    termEnd: '2027-02-28',
  },
  {
    id: labelledId('seat-ximk-4'),
    networkId: labelledId('net-ximk'),
    personName: 'Arne Maurstad',
    role: 'staff',
    selection: 'appointed',
    termStart: '2007-01-01',
    termEnd: null,
  },
  {
    id: labelledId('seat-iakh-1'),
    networkId: labelledId('net-iakh'),
    personName: 'Hanne Østby',
    role: 'chair',
    selection: 'appointed',
    termStart: '2023-09-01',
    termEnd: '2025-08-31',
  },
  {
    id: labelledId('seat-iakh-2'),
    networkId: labelledId('net-iakh'),
    personName: 'Per Aasen',
    role: 'member',
    selection: 'appointed',
    termStart: '2023-09-01',
    termEnd: '2025-08-31',
  },
  {
    id: labelledId('seat-iakh-3'),
    networkId: labelledId('net-iakh'),
    personName: 'Liv Dahl',
    role: 'member',
    selection: 'appointed',
    termStart: '2023-09-01',
    termEnd: '2025-08-31',
  },
  {
    id: labelledId('seat-iakh-4'),
    networkId: labelledId('net-iakh'),
    personName: 'Ola Fjeld',
    role: 'member',
    selection: 'appointed',
    termStart: '2023-09-01',
    termEnd: '2025-08-31',
  },
  {
    id: labelledId('seat-iakh-5'),
    networkId: labelledId('net-iakh'),
    personName: 'Emma Strand',
    role: 'student',
    selection: 'appointed',
    termStart: '2024-01-01',
    termEnd: '2025-08-31',
  },
  {
    id: labelledId('seat-nhh-1'),
    networkId: labelledId('net-nhh'),
    personName: 'Kristian Vik',
    role: 'chair',
    selection: 'appointed',
    termStart: '2024-01-01',
    termEnd: '2027-12-31',
  },
]

/** Events placed relative to `now`, so the demo always has something coming up. */
export function demoEvents(now: Date): Event[] {
  const year = now.getUTCMonth() >= 4 ? now.getUTCFullYear() + 1 : now.getUTCFullYear()
  const inDays = (days: number, hourUtc: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hourUtc))
    return d.toISOString()
  }
  const rules = {
    audience: 'members' as const,
    registrationOpensAt: null,
    registrationClosesAt: null,
    priceText: '',
    questions: [],
    programme: [],
    language: 'nb' as const,
    registeredCount: 0,
    waitlistCount: 0,
  }
  const events: Omit<Event, keyof typeof rules>[] = [
    {
      id: labelledId('ev-ximk-fagdag'),
      networkId: labelledId('net-ximk'),
      type: 'fagdag',
      title: `Fagdag på IMK ${year}`,
      description:
        'Innlegg fra fagmiljøet og eksterne gjester. Alle ansatte, studenter og alumner er velkomne. Pizza etterpå.',
      startsAt: `${year}-04-22T08:00:00.000Z`,
      endsAt: `${year}-04-22T14:00:00.000Z`,
      place: 'Forskningsparken, Gaustadalléen 21',
      city: 'Oslo',
      capacity: 120,
      status: 'published',
    },
    {
      id: labelledId('ev-ximk-quiz'),
      networkId: labelledId('net-ximk'),
      type: 'social',
      title: 'Sosialt treff: X-IMK-quiz',
      description: 'Quiz, prat og hyggelig samvær på et lokale i byen.',
      startsAt: inDays(6, 17),
      endsAt: inDays(6, 21),
      place: 'Café Mir, Thorvald Meyers gate 32',
      city: 'Oslo',
      capacity: 60,
      status: 'published',
    },
    {
      id: labelledId('ev-iakh-treff'),
      networkId: labelledId('net-iakh'),
      type: 'social',
      title: 'Sosialt-fagleg treff for historikarar',
      description: 'Fagleg påfyll, karriereprat og sosialt samvær. Ta gjerne med ein tidlegare studiekamerat.',
      startsAt: inDays(20, 16),
      endsAt: inDays(20, 19),
      place: 'Niels Treschows hus',
      city: 'Oslo',
      capacity: 50,
      status: 'published',
    },
    {
      id: labelledId('ev-tf-seminar'),
      networkId: labelledId('net-tf'),
      type: 'seminar',
      title: 'Alumniseminar for teologer',
      description: 'Årlig seminar for tidligere studenter på profesjonsstudiet.',
      startsAt: inDays(45, 8),
      endsAt: inDays(45, 15),
      place: 'Domus Theologica',
      city: 'Oslo',
      capacity: 80,
      status: 'published',
    },
    {
      id: labelledId('ev-nhh-konf'),
      networkId: labelledId('net-nhh'),
      type: 'conference',
      title: 'Alumnikonferansen – årets alumn kåres',
      description: 'Den årlige alumnikonferansen.',
      startsAt: inDays(70, 8),
      endsAt: inDays(70, 16),
      place: 'Grieghallen',
      city: 'Bergen',
      capacity: 600,
      status: 'published',
    },
    {
      id: labelledId('ev-nhh-pils-osl'),
      networkId: labelledId('net-nhh'),
      type: 'social',
      title: 'Alumnipils i Oslo',
      description: 'After work for NHH-alumner i Oslo.',
      startsAt: inDays(10, 16),
      endsAt: inDays(10, 19),
      place: 'Aker Brygge',
      city: 'Oslo',
      capacity: null,
      status: 'published',
    },
    {
      id: labelledId('ev-ntnu-lecture'),
      networkId: labelledId('net-ntnu-it'),
      type: 'lecture',
      title: 'Den årlige alumniforelesningen',
      description: 'Forelesning og mingling.',
      startsAt: inDays(30, 16),
      endsAt: inDays(30, 18),
      place: 'Realfagbygget',
      city: 'Trondheim',
      capacity: 200,
      status: 'published',
    },
    {
      id: labelledId('ev-ximk-reunion'),
      networkId: labelledId('net-ximk'),
      type: 'reunion',
      title: 'Kulltreff: medievitere fra 2016',
      description: 'Ti år siden! Kulltreff for dem som ble ferdige i 2016.',
      startsAt: inDays(90, 17),
      endsAt: inDays(90, 22),
      place: 'Chateau Neuf',
      city: 'Oslo',
      capacity: 40,
      status: 'draft',
    },
  ]
  const special: Record<string, Partial<Event>> = {
    [labelledId('ev-ximk-fagdag')]: {
      audience: 'membersAndStudents',
      priceText: 'Gratis',
      questions: [{ id: 'diet', label: 'Allergier eller spesielle hensyn til maten?', isRequired: false }],
      programme: [
        { time: '10:00', title: 'Velkommen', speaker: 'Instituttleder' },
        { time: '10:15', title: 'Journalistikk i KI-alderen', speaker: 'Forsker ved IMK' },
        { time: '11:00', title: 'Fra studier til redaksjon: alumner forteller', speaker: 'Panel med X-IMK-alumner' },
        { time: '12:00', title: 'Lunsj og mingling', speaker: '' },
        { time: '13:00', title: 'Kommunikasjonsbransjen nå', speaker: 'Gjest fra bransjen' },
      ],
    },
    [labelledId('ev-ximk-quiz')]: { audience: 'open', priceText: 'Gratis inngang, egen regning i baren' },
    // IAKH's board writes nynorsk: the staff page's written-standard share has both standards to count.
    [labelledId('ev-iakh-treff')]: { language: 'nn' },
    [labelledId('ev-nhh-konf')]: {
      priceText: '950 kr (faktureres)',
      questions: [{ id: 'company', label: 'Arbeidsgiver (til navneskiltet)', isRequired: true }],
    },
  }
  return events.map((e) => ({ ...rules, ...e, ...special[e.id] }))
}

/** Demo accounts for trying the app (sign in on the start screen in demo mode). */
export const demoAccounts = [
  {
    id: labelledId('p-demo-admin'),
    email: 'admin@demo.example',
    name: 'Kari Nordmann',
    role: 'admin',
    networkId: labelledId('net-ximk'),
    programme: 'Medievitenskap',
    graduationYear: 2009,
  },
  {
    id: labelledId('p-demo-board'),
    email: 'styre@demo.example',
    name: 'Marte Kjos Haugen',
    role: 'board',
    networkId: labelledId('net-ximk'),
    programme: 'Medier og kommunikasjon',
    graduationYear: 2014,
  },
  {
    id: labelledId('p-demo-alumn'),
    email: 'alumn@demo.example',
    name: 'Ola Nordmann',
    role: 'member',
    networkId: labelledId('net-ximk'),
    programme: 'Medievitenskap',
    graduationYear: 2016,
  },
] as const

/** Runs HF's alumni work: sees every HF network (a faculty coordinator, SV-style). */
export const demoCoordinator = {
  id: labelledId('p-demo-koordinator'),
  email: 'koordinator@demo.example',
  name: 'Ingrid Solberg',
  facultyId: 'uio-hf',
} as const

/** Works at the registry of UiO and NTNU: imports their graduate lists (an institution role). */
export const demoRegistrar = {
  id: labelledId('p-demo-registrar'),
  email: 'registrar@demo.example',
  name: 'Rune Registrar',
  institutionIds: ['uio', 'ntnu'],
} as const

/** Someone waiting for SV's economists to approve them, so staff have a request to decide in the demo. */
export const demoApplicant = {
  id: labelledId('p-demo-soker'),
  email: 'soker@demo.example',
  name: 'Siri Søker',
  networkId: labelledId('net-sv-econ'),
  programme: 'Samfunnsøkonomi',
} as const

/** Sub-groups as NTNU runs them on LinkedIn (language, region, programme), and alumni-started ones (OsloMet's guide). */
export function demoGroups(now: string): Group[] {
  const base = { description: '', contactName: null, status: 'active' as const, dormantFlags: 0, createdAt: now }
  return [
    {
      ...base,
      id: labelledId('g-ntnu-english'),
      networkId: labelledId('net-ntnu-it'),
      name: 'NTNU Alumni – English',
      kind: 'language',
      url: 'https://www.linkedin.com/groups/ntnu-alumni-english',
      startedBy: 'network',
      description: 'For international alumni.',
    },
    {
      ...base,
      id: labelledId('g-ntnu-oslo'),
      networkId: labelledId('net-ntnu-it'),
      name: 'NTNU Alumni Oslo',
      kind: 'region',
      url: 'https://www.linkedin.com/groups/ntnu-alumni-oslo',
      startedBy: 'network',
    },
    {
      ...base,
      id: labelledId('g-ntnu-datateknologi'),
      networkId: labelledId('net-ntnu-it'),
      name: 'Datateknologi-alumni',
      kind: 'programme',
      url: 'https://www.linkedin.com/groups/ntnu-datateknologi',
      startedBy: 'network',
    },
    {
      ...base,
      id: labelledId('g-ximk-2015'),
      networkId: labelledId('net-ximk'),
      name: 'Medievitere kull 2015',
      kind: 'cohort',
      url: null,
      startedBy: 'alumni',
      contactName: 'Ola Nordmann',
      description: 'Vi som gikk ut i 2015. Treff hver høst.',
    },
    {
      ...base,
      id: labelledId('g-nhh-london'),
      networkId: labelledId('net-nhh'),
      name: 'NHH Alumni London',
      kind: 'region',
      url: 'https://www.facebook.com/groups/nhh-london',
      startedBy: 'alumni',
      status: 'dormant',
      dormantFlags: 3,
      description: 'Ingen har arrangert noe siden 2023.',
    },
  ]
}
