import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { messageChunks } from './scripts/messageChunks.ts'

/**
 * The client lives in client/ and builds to dist/, which the Hono server
 * serves. The service worker is its own small program (client/sw/), built
 * with the app's precache manifest injected (injectManifest).
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', sourcemap: false, manifest: true },
  // Compile-time flags that drop what this app does not use (Options API, legacy i18n, devtools).
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    // Messages arrive compiled (scripts/messageChunks.ts): the compiler stays out of the bundle.
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  // The sync worker (client/sync/pullWorker.ts) is a module worker, as the app's own code is.
  worker: { format: 'es' },
  server: { port: 5173, proxy: { '/api': `http://localhost:${process.env.PORT ?? 8787}` } },
  plugins: [
    messageChunks(),
    vue(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        // .wasm: the QR decoder for phones without BarcodeDetector, so the door works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2,wasm}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'Alumninettverk',
        short_name: 'Alumni',
        description: 'Alumninettverkene ved universiteter og høyskoler, også uten nett.',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f7f6f2',
        theme_color: '#1d3557',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
})
