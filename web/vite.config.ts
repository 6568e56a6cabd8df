import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

// Root is the web/ directory regardless of where vite is invoked from.
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The page areas that work offline: their descriptors' dynamic imports (page code, locale bundles)
 * are precached by the service worker together with the shell. Everything else loads when opened
 * (and stays in the browser's cache: hashed files are immutable), so a commune station on a weak
 * line does not download the charts, spreadsheet and report code when the service worker installs.
 */
const OFFLINE_PAGES = ['src/pages/entry/index.ts', 'src/pages/home/index.ts'];

/** Collects, at build time, the output files of the shell and of the offline pages. */
function offlineFiles(): Plugin & { files: Set<string> } {
  const files = new Set<string>();
  return {
    name: 'soyte:offline-files',
    files,
    generateBundle(_, bundle) {
      files.clear();
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      // A chunk, the chunks it imports statically, and their CSS.
      const add = (fileName: string) => {
        const chunk = byFile.get(fileName);
        if (!chunk || files.has(fileName)) return;
        files.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const f of chunk.imports) add(f);
      };
      for (const c of chunks) if (c.isEntry) add(c.fileName);
      for (const page of OFFLINE_PAGES) {
        const info = this.getModuleInfo(path.join(root, page));
        if (!info) this.error(`Offline page ${page} is not part of the build`);
        for (const id of info.dynamicallyImportedIds) {
          const chunk = chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
          if (chunk) add(chunk.fileName);
        }
      }
    },
  };
}

const offline = offlineFiles();

// Libraries of the shell itself, kept in one long-cached chunk; a library only some page uses goes
// with that page (Rollup's default), so it is downloaded when the page is opened.
const SHELL_LIBS = /node_modules\/(i18next|react-i18next|html-parse-stringify|void-elements|@tanstack|wouter|regexparam|idb-keyval|use-sync-external-store)\//;

export default defineConfig({
  root,
  base: '/',
  // No @vitejs/plugin-react: let esbuild handle JSX with the automatic runtime.
  esbuild: { jsx: 'automatic' },
  plugins: [
    offline,
    // Offline data entry: precache the app shell and the data-entry page so /entry opens (and reloads)
    // without a connection. Values and forms are kept in IndexedDB by web/src/offline; the service
    // worker only serves these files and, when the network is down, the last /api/me answer (so the
    // logged-in shell can start).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script', // a /registerSW.js file: the CSP forbids inline scripts
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2}'],
        globIgnores: ['**/*.br', '**/*.gz'],
        // Hashed assets: only those of the shell and of the offline pages; other files (index.html, the
        // service worker registration) always.
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((e) => !e.url.startsWith('assets/') || offline.files.has(e.url)),
            warnings: offline.files.size ? [] : ['soyte: no offline files were collected; only non-hashed files are precached'],
          }),
        ],
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
    // Precompressed copies next to each file (x.js.br, x.js.gz), served by the server as they are:
    // brotli at its best quality costs nothing per request.
    compression({
      include: /\.(js|mjs|css|html|json|svg)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
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
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (SHELL_LIBS.test(id)) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
