import { api } from '../../api/client.ts'
import { db } from '../../db/database.ts'
import { readMeta, writeMeta } from '../../db/meta.ts'
import { fromBase64Url } from '../../../shared/signedToken.ts'

const DEVICE_KEY = 'pushDeviceId'

/** What this browser can do about pushes, for the words on the settings page. */
export type PushSupport = 'ready' | 'iosHomeScreen' | 'unsupported' | 'denied'

/** iPhones and iPads take pushes only in an app added to the Home Screen (iOS 16.4+), not in Safari's tabs. */
export function pushSupport(): PushSupport {
  const isIos =
    /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)
  const isStandalone =
    matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true
  if (isIos && !isStandalone) return 'iosHomeScreen'
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported'
  return Notification.permission === 'denied' ? 'denied' : 'ready'
}

/** A name the person recognises on the settings page: the browser and the system. */
function deviceLabel(): string {
  const ua = navigator.userAgent
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Nettleser'
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : ''
  return system ? `${browser}, ${system}` : browser
}

/**
 * Asks for permission (only ever after the person tapped "notify me") and
 * subscribes this browser with the server's VAPID key. Answers what went
 * wrong in a word the page can say, or 'subscribed'.
 */
export async function subscribeThisDevice(): Promise<'subscribed' | 'denied' | 'failed'> {
  if ((await Notification.requestPermission()) !== 'granted') return 'denied'
  try {
    const registration = await navigator.serviceWorker.ready
    const { publicKey } = await (await api.push.key.$get()).json()
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: fromBase64Url(publicKey),
    })
    const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } }
    const res = await api.push.subscriptions.$post({
      json: { endpoint: json.endpoint, keys: json.keys, label: deviceLabel() },
    })
    if (!res.ok) return 'failed'
    await writeMeta(db, DEVICE_KEY, (await res.json()).id)
    return 'subscribed'
  } catch {
    return 'failed'
  }
}

/** Whether a subscription was made with the server's VAPID public key (base64url, as `/api/push/key` gives it). */
export function isSubscribedWithKey(subscriptionKey: ArrayBuffer | null, serverKey: string): boolean {
  if (!subscriptionKey) return false
  const [mine, theirs] = [new Uint8Array(subscriptionKey), fromBase64Url(serverKey)]
  return mine.length === theirs.length && mine.every((byte, i) => byte === theirs[i])
}

/**
 * After the server's VAPID key has been rotated, a push service refuses the server's pushes to every
 * subscription made with the old key. At start, a browser that has notices on checks its subscription's key
 * and, if it is not the server's, subscribes again (permission is already given: no prompt) and drops the old
 * one on the server, so notices go on without the person doing anything.
 */
export async function renewIfServerKeyChanged(): Promise<'unchanged' | 'renewed' | 'none' | 'failed'> {
  const oldId = await thisDeviceId()
  if (!oldId || pushSupport() !== 'ready' || Notification.permission !== 'granted') return 'none'
  try {
    const subscription = await (await navigator.serviceWorker.getRegistration())?.pushManager.getSubscription()
    if (!subscription) return 'none'
    const { publicKey } = await (await api.push.key.$get()).json()
    if (isSubscribedWithKey(subscription.options.applicationServerKey, publicKey)) return 'unchanged'
    await subscription.unsubscribe()
    const outcome = await subscribeThisDevice()
    await api.push.subscriptions[':id'].$delete({ param: { id: oldId } }).catch(() => null)
    return outcome === 'subscribed' ? 'renewed' : 'failed'
  } catch {
    return 'failed'
  }
}

/** The id the server gave this browser's subscription, if it has one. */
export function thisDeviceId(): Promise<string | null> {
  return readMeta<string | null>(db, DEVICE_KEY, null)
}

/** Stops pushes to a device; for this browser, also unsubscribes it from its push service. */
export async function removeDevice(id: string): Promise<boolean> {
  const res = await api.push.subscriptions[':id'].$delete({ param: { id } }).catch(() => null)
  if (id === (await thisDeviceId())) {
    const registration = await navigator.serviceWorker.getRegistration()
    await (await registration?.pushManager.getSubscription())?.unsubscribe().catch(() => false)
    await writeMeta(db, DEVICE_KEY, null)
  }
  return !!res && (res.ok || res.status === 404)
}
