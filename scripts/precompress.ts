// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of
// the built client, once at build time, so the server sends the smallest
// encoding the browser accepts without compressing on every request
// (server/lib/staticClient.ts serves them). Run after `vite build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|wasm|txt|map)$/
// Below this a compressed copy saves less than a packet's header.
const MIN_BYTES = 1024

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

/** Compresses every file under `dir` worth it; answers how many and the bytes before and after (brotli). */
export function precompress(dir: string): { files: number; bytes: number; brotliBytes: number } {
  let files = 0,
    bytes = 0,
    brotliBytes = 0
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(path) || statSync(path).size < MIN_BYTES) continue
    const data = readFileSync(path)
    const br = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    })
    writeFileSync(`${path}.br`, br)
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }))
    files++
    bytes += data.length
    brotliBytes += br.length
  }
  return { files, bytes, brotliBytes }
}

if (import.meta.main) {
  const started = performance.now()
  const { files, bytes, brotliBytes } = precompress(process.argv[2] ?? 'dist')
  const kb = (n: number) => `${Math.round(n / 1024)} KB`
  console.log(
    `Precompressed ${files} files: ${kb(bytes)} → ${kb(brotliBytes)} brotli, in ${Math.round(performance.now() - started)} ms`,
  )
}
