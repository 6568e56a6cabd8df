import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Root is the web/ directory regardless of where vite is invoked from.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // No @vitejs/plugin-react: let esbuild handle JSX with the automatic runtime.
  esbuild: { jsx: 'automatic' },
  plugins: [
    // Offline data entry: precache the app shell so /entry opens (and reloads) without a connection.
    // Values and forms are kept in IndexedDB by web/src/offline; the service worker only serves the
    // shell and, when the network is down, the last /api/me answer (so the logged-in shell can start).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script', // a /registerSW.js file: the CSP forbids inline scripts
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname === '/api/me',
            handler: 'NetworkFirst',
            options: { cacheName: 'soyte-session', cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      // Mantine and react-query mark modules "use client"; irrelevant for a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (id.includes('node_modules/@mantine/')) return 'mantine';
          // exceljs is imported dynamically (exports only): left to its own lazy chunk.
          if (id.includes('node_modules/exceljs/')) return undefined;
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
