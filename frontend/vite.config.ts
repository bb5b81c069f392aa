/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { graphqlDocumentsPlugin } from './vite.graphql.ts';

// root is this folder (frontend/), whatever the working directory.
const root = dirname(fileURLToPath(import.meta.url));

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
  },
}));
