import type { Locale } from '../../../shared/schemas/common.ts'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { db } from '../../db/database.ts'
import { readMeta, writeMeta } from '../../db/meta.ts'
import { api, readProblem } from '../../api/client.ts'
import type { Me } from '../../../shared/schemas/session.ts'
import type { Problem } from '../../../shared/problem.ts'
import { dropPrivateScopes } from '../../sync/pullChanges.ts'
import { useSyncStore } from '../sync/syncStore.ts'

const ME_KEY = 'me'

/**
 * Who is signed in. Kept on the device so the app opens signed in with no
 * connection; refreshed from the server when it can be reached.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const personId = computed(() => me.value?.profile?.id ?? null)
  const isDemo = computed(() => me.value?.isDemo ?? false)
  // False until the device's copy is read: pages wait for it rather than flash the sign-in form.
  const restored = ref(false)

  async function load(): Promise<void> {
    // Asked before the device's copy is read, so the round trip overlaps opening the database.
    const answer = askWhoAmI()
    me.value = await readMeta<Me | null>(db, ME_KEY, null)
    restored.value = true
    await refresh(answer)
  }

  // Bumped by every sign-in and sign-out, so an answer to an older "who am I?" cannot undo them.
  let generation = 0

  function askWhoAmI() {
    const asked = generation
    const response = api.auth.me.$get()
    response.catch(() => {}) // offline: refresh keeps the cached session; no unhandled rejection meanwhile
    return { asked, response }
  }

  async function refresh({ asked, response } = askWhoAmI()): Promise<void> {
    try {
      const res = await response
      if (!res.ok) return
      const answer = await res.json()
      if (asked === generation) await remember(answer)
    } catch {
      /* offline: keep the cached session */
    }
  }

  // Tabs of the app tell each other of a sign-in or sign-out: the tab that asked for the mail
  // follows when its link is opened in another.
  const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('alumni-session')
  if (tabs) {
    tabs.onmessage = async () => {
      const before = personId.value
      await load()
      if (personId.value !== before) {
        useSyncStore().listenForHints()
        void useSyncStore().syncNow()
      }
    }
  }

  async function remember(next: Me): Promise<void> {
    generation++
    const changedPerson = (next.profile?.id ?? null) !== personId.value
    me.value = next
    await writeMeta(db, ME_KEY, next)
    // Another person's private rows must not stay on the device.
    if (changedPerson) {
      await dropPrivateScopes(db)
      useSyncStore().listenForHints()
      tabs?.postMessage('changed')
    }
  }

  /** Asks for a sign-in mail; answers the challenge id (for typing the code) or the problem. */
  async function startEmailSignIn(email: string, locale: Locale): Promise<{ challengeId: string } | Problem> {
    const res = await api.auth.email.start.$post({ json: { email, locale } })
    return res.ok ? res.json() : readProblem(res)
  }

  /** Finishes sign-in with the mail's link token or its code. */
  async function verifyEmailSignIn(
    input: { token: string } | { challengeId: string; code: string },
  ): Promise<Problem | null> {
    const res = await api.auth.email.verify.$post({ json: input })
    if (!res.ok) return readProblem(res)
    await remember(await res.json())
    // A signed-in person's data should survive storage pressure on the phone.
    void navigator.storage?.persist?.()
    // Not awaited: a first sync of a large network takes a while, and the app is usable meanwhile.
    void useSyncStore().syncNow()
    return null
  }

  /** Signs in with a passkey. */
  async function signInWithPasskey(): Promise<Problem | null> {
    const { signInWithPasskey: sign } = await import('./passkeys.ts')
    const answer = await sign()
    if ('type' in answer && 'status' in answer) return answer
    await remember(answer as Me)
    void navigator.storage?.persist?.()
    void useSyncStore().syncNow()
    return null
  }

  async function signOut(everywhere = false): Promise<void> {
    await (everywhere ? api.auth['sign-out-everywhere'].$post() : api.auth['sign-out'].$post()).catch(() => {})
    await remember({
      profile: null,
      memberships: [],
      isDemo: isDemo.value,
      coordinates: [],
      registers: [],
      isSiteAdmin: false,
    })
    await useSyncStore().syncNow()
  }

  return {
    me,
    personId,
    isDemo,
    restored,
    load,
    refresh,
    startEmailSignIn,
    verifyEmailSignIn,
    signInWithPasskey,
    signOut,
  }
})
