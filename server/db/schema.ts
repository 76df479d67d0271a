import type { Generated, Kysely } from 'kysely'

/**
 * The tables as Kysely sees them (camelCase; the CamelCasePlugin maps to the
 * snake_case columns). JSON columns are stored as text on both databases so
 * the same queries run on SQLite and PostgreSQL.
 */
export interface Database {
  institution: { id: string; name: string; shortName: string }
  faculty: {
    id: string
    institutionId: string
    name: string
    shortName: string
    contactName: string | null
    contactEmail: string | null
  }
  network: {
    id: string
    facultyId: string
    slug: string
    name: string
    shortName: string
    purpose: string
    activities: string
    admission: string
    channels: string
    contactEmail: string | null
    statutes: string
    anchoring: string
    foundedYear: number | null
    updatedAt: string
    benefits: Generated<string>
    /** The language the text is written in: 'nb', 'nn' or 'en'. */
    language: Generated<string>
  }
  networkGroup: {
    id: string
    networkId: string
    name: string
    kind: string
    description: string
    url: string | null
    startedBy: string
    contactName: string | null
    createdById: string | null
    status: string
    dormantFlags: number
    createdAt: string
  }
  signingKey: { kid: string; publicKey: string; privateKey: string; createdAt: string }
  groupFlag: { groupId: string; personId: string; flaggedAt: string }
  boardSeat: {
    id: string
    networkId: string
    personName: string
    role: string
    selection: string
    termStart: string
    termEnd: string | null
  }
  person: {
    id: string
    email: string
    name: string
    graduationYear: number | null
    programme: string | null
    employer: string | null
    title: string | null
    city: string | null
    linkedinUrl: string | null
    bio: string | null
    createdAt: string
    updatedAt: string
    locale: Generated<string>
    isSiteAdmin: Generated<number>
    visibility: Generated<string>
    helpWith: Generated<string>
    photoJpeg: string | null
    photo: number | null
    calendarTokenHash: string | null
    isGuest: Generated<number>
  }
  membership: {
    id: string
    networkId: string
    personId: string
    status: string
    role: string
    since: string
    source: string
    lawfulBasis: Generated<string>
    basisExpiresAt: string | null
  }
  event: {
    id: string
    networkId: string
    type: string
    title: string
    description: string
    startsAt: string
    endsAt: string
    place: string
    city: string
    capacity: number | null
    status: string
    audience: Generated<string>
    registrationOpensAt: string | null
    registrationClosesAt: string | null
    priceText: Generated<string>
    questions: Generated<string>
    programme: Generated<string>
    /** The language the text is written in: 'nb', 'nn' or 'en'. */
    language: Generated<string>
    remindedAt: Generated<string | null>
    registeredCount: Generated<number>
    waitlistCount: Generated<number>
  }
  registration: {
    id: string
    eventId: string
    personId: string
    status: string
    createdAt: string
    answers: Generated<string>
    promotedAt: string | null
    ticketSerial: Generated<number>
    ticketId: string | null
  }
  checkIn: {
    id: string
    eventId: string
    registrationId: string
    deviceId: string
    operatorId: string | null
    scannedAt: string
    verdict: string
    correctedAt: string
    method: string
  }
  feedback: { id: string; eventId: string; personId: string; rating: number; comment: string; createdAt: string }
  pushKey: { id: string; publicKey: string; privateKey: string; createdAt: string }
  pushSubscription: {
    id: string
    personId: string
    endpoint: string
    p256dh: string
    auth: string
    label: string
    createdAt: string
    lastSuccessAt: string | null
  }
  notificationSettings: { personId: string; networks: string; quietHours: string | null; updatedAt: string }
  pushMessage: {
    id: string
    subscriptionId: string
    payload: string
    topic: string
    urgency: string
    expiresAt: string
    createdAt: string
    sendAfter: string
    attempts: Generated<number>
    sentAt: string | null
    lastError: string | null
  }
  newsletter: {
    id: string
    networkId: string
    title: string
    blocks: string
    includeEvents: number
    audience: string
    status: string
    scheduledAt: string | null
    sentAt: string | null
    events: Generated<string>
    recipients: Generated<number>
    updatedAt: string
    /** The language the text is written in: 'nb', 'nn' or 'en'. */
    language: Generated<string>
  }
  newsletterDelivery: {
    id: string
    newsletterId: string
    personId: string
    unsubscribeHash: string
    createdAt: string
    sendAfter: string
    attempts: Generated<number>
    sentAt: string | null
    lastError: string | null
  }
  newsletterOpen: { newsletterId: string; personId: string; openedAt: string }
  newsletterOptout: { personId: string; networkId: string; createdAt: string }
  newsletterSubscriber: { personId: string; networkId: string; createdAt: string }
  groupFollower: { groupId: string; personId: string; createdAt: string }
  notice: {
    id: string
    personId: string
    eventId: string
    kind: string
    createdAt: string
    sendAfter: string
    attempts: Generated<number>
    sentAt: string | null
    lastError: string | null
  }
  membershipNotice: {
    id: string
    personId: string
    networkId: string
    kind: string
    createdAt: string
    sendAfter: string
    attempts: Generated<number>
    sentAt: string | null
    lastError: string | null
  }
  walkIn: {
    id: string
    eventId: string
    guestPersonId: string | null
    name: string
    email: string
    operatorId: string | null
    createdAt: string
    decidedAt: string | null
    decision: 'mine' | 'notMine' | null
  }
  session: { tokenHash: string; personId: string; createdAt: string; expiresAt: string }
  syncClient: { clientId: string; personId: string; lastMutationId: number; updatedAt: string }
  syncMutation: {
    clientId: string
    mutationId: number
    name: string
    status: string
    problem: string | null
    handledAt: string
  }
  changeLog: {
    seq: Generated<number>
    scope: string
    entity: string
    rowId: string
    op: 'put' | 'del'
    data: string | null
    createdAt: string
  }
  meta: { key: string; value: string }
  signInChallenge: {
    id: string
    email: string
    tokenHash: string
    codeHash: string
    attempts: Generated<number>
    invitationId: string | null
    /** The language the sign-in was asked in: the person's from then on. */
    locale: Generated<string>
    createdAt: string
    expiresAt: string
    usedAt: string | null
  }
  rateLimit: { key: string; windowStart: string; count: number }
  passkey: {
    id: string
    personId: string
    publicKey: string
    counter: number
    transports: string
    createdAt: string
    lastUsedAt: string | null
  }
  webauthnChallenge: { id: string; personId: string | null; challenge: string; purpose: string; expiresAt: string }
  mailbox: { id: Generated<number>; toAddress: string; subject: string; text: string; html: string; createdAt: string }
  facultyRole: { facultyId: string; personId: string; role: string }
  education: {
    id: string
    personId: string
    institutionId: string
    programme: string
    degree: string
    status: string
    graduationYear: number | null
    credits: number
    source: string
    verifiedAt: string | null
    /** Who confirmed it: a staff member's person id, `import:<institution>` or `idp:<provider>`. */
    verifiedBy: string | null
    graduatedOn: string | null
  }
  institutionRole: { institutionId: string; personId: string; role: string }
  barrierReport: { id: string; personId: string; page: string; description: string; createdAt: string }
  /** An account's link to an identity provider: by the provider's subject, never by an e-mail address. */
  identity: {
    provider: string
    subject: string
    personId: string
    /** ID-porten's national id number, as a keyed hash (see graduates/nationalId.ts). */
    nationalIdHash: string | null
    createdAt: string
    lastUsedAt: string
  }
  /** A sign-in with a provider in flight: its state (hashed), nonce and PKCE verifier, for ten minutes. */
  oidcFlow: {
    stateHash: string
    provider: string
    codeVerifier: string
    nonce: string
    returnTo: string
    linkPersonId: string | null
    expiresAt: string
  }
  /** A graduate as the institution's student register exported them, matched to an account or not yet. */
  graduateRecord: {
    id: string
    institutionId: string
    /** The institution's own id for the person (FS: student number): what a re-import updates by. */
    studentNumber: string
    /** HMAC-SHA256 of the national id number under a key only the server holds; never the number itself. */
    nationalIdHash: string | null
    email: string | null
    name: string
    programmeCode: string | null
    programme: string
    degree: string
    graduatedOn: string | null
    graduationYear: number | null
    credits: number
    personId: string | null
    importedAt: string
    updatedAt: string
  }
  invitation: {
    id: string
    networkId: string
    email: string
    name: string | null
    status: string
    invitedBy: string | null
    createdAt: string
    expiresAt: string
    lastSentAt: string | null
    sendCount: Generated<number>
  }
  consent: {
    id: string
    personId: string
    purpose: string
    textVersion: string
    givenAt: string
    withdrawnAt: string | null
  }
  auditLog: {
    id: Generated<number>
    at: string
    actorId: string | null
    action: string
    subjectId: string | null
    networkId: string | null
    details: Generated<string>
  }
}

export type Db = Kysely<Database>
export type DatabaseKind = 'sqlite' | 'postgres'
