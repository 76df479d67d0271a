import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n, startLocale } from './i18n/index.ts'
import { useSessionStore } from './features/session/sessionStore.ts'
import { useSyncStore } from './features/sync/syncStore.ts'
import './ui/tokens.css'

startLocale()
const app = createApp(App).use(createPinia()).use(router).use(i18n)
app.mount('#app')

// The session comes from the device first (works offline), then sync starts.
const session = useSessionStore()
void session.load().then(() => useSyncStore().start(() => session.personId))
