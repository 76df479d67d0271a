import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './serverProcess.ts'

export const hasNginx = spawnSync('nginx', ['-v']).status === 0

export type PairMember = 'a' | 'b'

export interface ProxiedPair {
  /** The proxy's address, as phones reach the service. */
  proxy: string
  ports: Record<PairMember, number>
  /** Ends one process at once, as a crash or `kill -9` would. */
  kill: (name: PairMember) => void
  /** Starts a process again on its old port and waits until it answers. */
  restart: (name: PairMember) => Promise<void>
  stop: () => Promise<void>
}

async function waitUntilUp(url: string, isDead: () => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const isUp = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (isUp) return
    if (isDead()) throw new Error(`${url} exited before it answered`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer`)
}

/**
 * Two `node server/index.ts` processes on one PostgreSQL behind Debian's
 * nginx, started here with its own config, as production runs them. Each
 * answer names its upstream in `X-Upstream`. `env` is added to both
 * processes' environment.
 */
export async function startProxiedPair(databaseUrl: string, env: Record<string, string> = {}): Promise<ProxiedPair> {
  const dir = mkdtempSync(join(tmpdir(), 'alumni-nginx-'))
  chmodSync(dir, 0o777)
  const ports = { a: await freePort(), b: await freePort() }
  const proxyPort = await freePort()
  const processes: Record<PairMember, ChildProcess | null> = { a: null, b: null }

  const start = async (name: PairMember) => {
    const child = spawn(process.execPath, ['server/index.ts'], {
      env: {
        ...process.env,
        PORT: String(ports[name]),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DEMO: 'true',
        TRUST_PROXY: 'loopback',
        LOG_LEVEL: 'warn',
        READ_LIMIT_FACTOR: '1000',
        CLIENT_DIR: dir,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    processes[name] = child
    await waitUntilUp(`http://127.0.0.1:${ports[name]}`, () => child.exitCode !== null)
  }
  await Promise.all([start('a'), start('b')])

  writeFileSync(
    join(dir, 'nginx.conf'),
    `
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  # As the README's production config, on scratch ports.
  upstream alumni { server 127.0.0.1:${ports.a}; server 127.0.0.1:${ports.b}; keepalive 16; }
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://alumni;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  )
  const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const proxy = `http://127.0.0.1:${proxyPort}`
  await waitUntilUp(proxy, () => nginx.exitCode !== null)

  return {
    proxy,
    ports,
    kill: (name) => {
      processes[name]?.kill('SIGKILL')
      processes[name] = null
    },
    restart: (name) => start(name),
    stop: async () => {
      nginx.kill('SIGTERM')
      const running = Object.values(processes).filter((p): p is ChildProcess => p !== null && p.exitCode === null)
      await Promise.all(
        running.map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve())
              child.kill('SIGTERM')
            }),
        ),
      )
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
