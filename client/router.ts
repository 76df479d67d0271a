import { START_LOCATION, createRouter, createWebHistory, loadRouteLocation } from 'vue-router'
import { messagesReady } from './i18n/index.ts'

/** Every page is its own chunk, so the first screen loads only what it shows. */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'networks', component: () => import('./features/networks/NetworksPage.vue') },
    { path: '/n/:slug', name: 'network', component: () => import('./features/networks/NetworkPage.vue'), props: true },
    {
      path: '/n/:slug/edit',
      name: 'network-edit',
      component: () => import('./features/networks/NetworkEditPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/invitations',
      name: 'network-invitations',
      component: () => import('./features/invitations/InvitationsPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/board',
      name: 'network-board',
      component: () => import('./features/networks/BoardEditPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/roles',
      name: 'network-roles',
      component: () => import('./features/membership/MembersRolesPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/audit',
      name: 'network-audit',
      component: () => import('./features/audit/AuditLogPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/requests',
      name: 'network-requests',
      component: () => import('./features/membership/JoinRequestsPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/members',
      name: 'network-directory',
      component: () => import('./features/directory/DirectoryPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/members/:personId',
      name: 'network-member',
      component: () => import('./features/directory/MemberPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/card',
      name: 'member-card',
      component: () => import('./features/cards/MemberCardPage.vue'),
      props: true,
    },
    { path: '/card', name: 'verify-card', component: () => import('./features/cards/VerifyCardPage.vue') },
    {
      path: '/n/:slug/events/new',
      name: 'event-new',
      component: () => import('./features/events/EventEditPage.vue'),
      props: true,
    },
    {
      path: '/e/:id/edit',
      name: 'event-edit',
      component: () => import('./features/events/EventEditPage.vue'),
      props: true,
    },
    { path: '/e/:id/ticket', name: 'ticket', component: () => import('./features/events/TicketPage.vue'), props: true },
    {
      path: '/n/:slug/newsletters',
      name: 'newsletters',
      component: () => import('./features/newsletters/NewslettersPage.vue'),
      props: true,
    },
    {
      path: '/n/:slug/newsletters/new',
      name: 'newsletter-new',
      component: () => import('./features/newsletters/NewsletterEditPage.vue'),
      props: true,
    },
    {
      path: '/nl/:id/edit',
      name: 'newsletter-edit',
      component: () => import('./features/newsletters/NewsletterEditPage.vue'),
      props: true,
    },
    {
      path: '/nl/:id',
      name: 'newsletter',
      component: () => import('./features/newsletters/NewsletterPage.vue'),
      props: true,
    },
    {
      path: '/unsubscribe',
      name: 'unsubscribe',
      component: () => import('./features/newsletters/UnsubscribePage.vue'),
    },
    { path: '/e/:id/door', name: 'door', component: () => import('./features/checkIn/DoorPage.vue'), props: true },
    {
      path: '/e/:id/venue',
      name: 'venue-code',
      component: () => import('./features/checkIn/VenueCodePage.vue'),
      props: true,
    },
    {
      path: '/e/:id/attendance',
      name: 'attendance',
      component: () => import('./features/checkIn/AttendancePage.vue'),
      props: true,
    },
    { path: '/checkin', name: 'self-check-in', component: () => import('./features/checkIn/SelfCheckInPage.vue') },
    { path: '/e/:id', name: 'event', component: () => import('./features/events/EventPage.vue'), props: true },
    { path: '/events', name: 'events', component: () => import('./features/events/EventsPage.vue') },
    { path: '/me', name: 'me', component: () => import('./features/session/MePage.vue') },
    {
      path: '/me/notifications',
      name: 'notifications',
      component: () => import('./features/notifications/NotificationsPage.vue'),
    },
    { path: '/me/profile', name: 'profile', component: () => import('./features/profile/ProfilePage.vue') },
    {
      path: '/tilgjengelighet',
      name: 'accessibility',
      component: () => import('./features/accessibility/AccessibilityPage.vue'),
    },
    {
      path: '/institutions/:institutionId/graduates',
      name: 'graduates',
      component: () => import('./features/graduates/GraduateImportPage.vue'),
      props: true,
    },
    {
      path: '/auth/verify',
      name: 'verify-sign-in',
      component: () => import('./features/session/VerifySignInPage.vue'),
    },
    { path: '/dev/mailbox', name: 'dev-mailbox', component: () => import('./features/session/DevMailboxPage.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  // Not on the first navigation: the page is at its top already, and a scroll then forces a layout of the
  // whole page in the middle of its first render (about 190 ms of a cheap phone's start).
  scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
})

// The first route renders with the messages that ship with it; every other route waits for the rest,
// fetching its own chunk meanwhile rather than after them (one round trip less on a page opened by a link).
router.beforeEach(async (to) => {
  if (to.name !== 'networks') await Promise.all([messagesReady(), loadRouteLocation(to)])
})

// Move focus to the page's heading after navigation, so screen readers announce the new page.
// Not after the first: on a page just opened, the reader starts at its top (and the skip link) anyway.
router.afterEach((_to, from) => {
  if (from === START_LOCATION) return
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus())
})
