import { createECDH, randomBytes, type ECDH } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import ece from 'http_ece'
import { KNOWN_PUSH_HOSTS } from '../../server/features/notifications/endpointPolicy.ts'

/** The push hosts a test server allows: the real services, and this stand-in on loopback (named explicitly, as an operator would). */
export const LOCAL_PUSH_HOSTS = [...KNOWN_PUSH_HOSTS, 'http://127.0.0.1:*']

export interface ReceivedPush {
  device: string
  headers: IncomingHttpHeaders
  payload: unknown
}

/**
 * A push service on localhost, standing in for Google's, Mozilla's or
 * Apple's (which cannot be reached here): it takes what the server sends to a
 * subscription's endpoint, decrypts it (RFC 8291 aes128gcm) with that
 * device's private key through `http_ece`, a third-party implementation, and
 * answers with the status a test asks for.
 */
export async function startPushEndpoint() {
  const devices = new Map<string, { ecdh: ECDH; auth: string }>()
  const statuses = new Map<string, number[]>()
  const received: ReceivedPush[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const device = req.url!.split('/').at(-1)!
      const status = statuses.get(device)?.shift() ?? 201
      const keys = devices.get(device)
      if (status === 201 && keys) {
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: keys.ecdh,
          authSecret: keys.auth,
        })
        received.push({ device, headers: req.headers, payload: JSON.parse(plain.toString('utf8')) })
      }
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  const url = `http://127.0.0.1:${port}`
  return {
    received,
    /** Keys made here for a device, as a browser's PushManager would make them (it cannot run here). */
    subscription(device: string) {
      const ecdh = createECDH('prime256v1')
      ecdh.generateKeys()
      const auth = randomBytes(16).toString('base64url')
      devices.set(device, { ecdh, auth })
      return { endpoint: `${url}/push/${device}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } }
    },
    /** The statuses the next requests to a device get (201 when none is left). */
    answer(device: string, ...next: number[]) {
      statuses.set(device, next)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
export type PushEndpoint = Awaited<ReturnType<typeof startPushEndpoint>>
