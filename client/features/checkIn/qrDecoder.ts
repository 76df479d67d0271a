import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'

/** Reads QR codes from camera frames: the phone's own BarcodeDetector where it has one, else ZXing compiled to WebAssembly. */
export interface QrDecoder {
  kind: 'native' | 'wasm'
  /** The text of the first QR code in the frame, or null. */
  decode: (frame: HTMLVideoElement | HTMLCanvasElement) => Promise<string | null>
}

interface NativeDetector {
  detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]>
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector
  getSupportedFormats: () => Promise<string[]>
}

async function nativeDecoder(): Promise<QrDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  if (!Detector || !(await Detector.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) return null
  const detector = new Detector({ formats: ['qr_code'] })
  return { kind: 'native', decode: async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null }
}

/**
 * ZXing in WebAssembly, with its `.wasm` served by the app itself (and
 * precached by the service worker): the library's default would fetch it
 * from a CDN, which a phone at an offline door cannot reach.
 */
async function wasmDecoder(): Promise<QrDecoder> {
  const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader')
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  })
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })!
  return {
    kind: 'wasm',
    async decode(frame) {
      const width = frame instanceof HTMLVideoElement ? frame.videoWidth : frame.width
      const height = frame instanceof HTMLVideoElement ? frame.videoHeight : frame.height
      if (!width || !height) return null
      canvas.width = width
      canvas.height = height
      context.drawImage(frame, 0, 0)
      const results = await readBarcodes(context.getImageData(0, 0, width, height), {
        formats: ['QRCode'],
        tryHarder: false,
        maxNumberOfSymbols: 1,
      })
      return results.find((r) => r.isValid)?.text ?? null
    },
  }
}

let decoder: Promise<QrDecoder> | null = null

/** The decoder, made once per page. `?decoder=wasm` in the address forces the WebAssembly one (to try it on a phone that has both). */
export function qrDecoder(): Promise<QrDecoder> {
  const forceWasm = new URLSearchParams(location.search).get('decoder') === 'wasm'
  decoder ??= (forceWasm ? Promise.resolve(null) : nativeDecoder()).then((native) => native ?? wasmDecoder())
  return decoder
}
