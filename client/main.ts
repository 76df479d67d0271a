import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n, startLocale } from './i18n/index.ts'
import { useSessionStore } from './features/session/sessionStore.ts'
import { useSyncStore } from './features/sync/syncStore.ts'
import { yieldToPage } from './sync/yieldToPage.ts'
import './ui/tokens.css'

startLocale()
const app = createApp(App).use(createPinia()).use(router).use(i18n)
app.mount('#app')

// The session comes from the device first (works offline), then sync starts. In a task of its own: the
// start-up task was one long task on a cheap phone (about 0.9 s at 4x CPU), and the frame paints between.
const session = useSessionStore()
void yieldToPage()
  .then(() => session.load())
  .then(() => useSyncStore().start(() => session.personId))
