/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { OutputChunk } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { graphqlDocumentsPlugin } from './vite.graphql.ts';

// root is this folder (frontend/), whatever the working directory.
const root = dirname(fileURLToPath(import.meta.url));

/**
 * The files only GraphiQL's editor loads (Monaco, Prettier, the GraphQL
 * language service and Monaco's web workers: several MB): what its chunk
 * reaches minus what any other page reaches, read from the bundle as it is
 * generated. The service worker does not precache them (manifestTransforms
 * below), so nobody but an analyst who opens /graphiql downloads them.
 */
const graphiqlOnly = new Set<string>();
function graphiqlOffPrecache(): Plugin {
  return {
    name: 'kaoping-graphiql-off-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const reach = (roots: OutputChunk[], skip: (c: OutputChunk) => boolean) => {
        const seen = new Set<OutputChunk>();
        const visit = (c: OutputChunk | undefined) => {
          if (!c || seen.has(c) || skip(c)) return;
          seen.add(c);
          for (const f of [...c.imports, ...c.dynamicImports]) visit(byFile.get(f));
        };
        roots.forEach(visit);
        return seen;
      };
      const files = (cs: Set<OutputChunk>) =>
        new Set([...cs].flatMap((c) => [c.fileName, ...(c.viteMetadata?.importedCss ?? []), ...(c.viteMetadata?.importedAssets ?? [])]));
      const isEditor = (c: OutputChunk) => c.facadeModuleId?.endsWith('/features/graphiql/components/GraphiQLEditor.tsx') === true;
      const editor = reach(chunks.filter(isEditor), (c) => c.isEntry);
      // Every other page: from the entry and every lazy chunk, never
      // stepping into the editor (the GraphiQL route imports it lazily).
      const rest = files(reach(chunks.filter((c) => (c.isEntry || c.isDynamicEntry) && !editor.has(c)), isEditor));
      graphiqlOnly.clear();
      for (const f of files(editor)) if (!rest.has(f)) graphiqlOnly.add(f);
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  resolve: {
    // react-router's package.json points every condition at its development
    // build (warnings and checks, ~6 KB gzipped more); the production build
    // beside it is the same API without them.
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: resolve(root, '../node_modules/react-router/dist/production/index.mjs') }] : [],
  },
  plugins: [
    react(),
    graphqlDocumentsPlugin(root),
    graphiqlOffPrecache(),
    // The app shell (built assets and index.html) is precached by a Workbox
    // service worker, so an inspector opens the app and their cached visits
    // without signal. GraphQL, file downloads and /healthz always go to the
    // network; what was recorded offline waits in IndexedDB
    // (features/fieldvisits/outbox.ts), not in the worker.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: '考评 · 数字政府建设考评',
        short_name: '考评',
        lang: 'zh-CN',
        start_url: '/visits',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1677ff',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/graphql/, /^\/files\//, /^\/healthz/],
        cleanupOutdatedCaches: true,
        manifestTransforms: [
          (entries) => {
            const worker = /\.worker-[\w-]+\.js$/;
            return { manifest: entries.filter((e) => !graphiqlOnly.has(e.url) && !worker.test(e.url)), warnings: [] };
          },
        ],
      },
    }),
  ],
  build: {
    // The Go binary embeds frontend/dist; frontend/dist/README is committed
    // and must survive, so only dist/app is emptied.
    outDir: resolve(root, 'dist/app'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Lists each route's chunks for the JS budget test (frontend/e2e/budget.test.mjs).
    manifest: true,
    rolldownOptions: {
      // Rolldown merges modules shared by several pages into one common
      // chunk by default, which put the menu, tabs and select of the signed-in
      // pages into the sign-in page's download. Unmerged, each page loads what
      // it uses (the budget test measures it).
      experimental: { chunkOptimization: { mergeCommonChunks: false } },
    },
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:8080',
    },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Bounds, not expectations: a page test renders antd in jsdom, which on
    // a busy 2-core CI machine can take several seconds. Waits end as soon
    // as what they wait for appears.
    testTimeout: 30000,
  },
}));
