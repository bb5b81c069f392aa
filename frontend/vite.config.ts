/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// root is this folder (frontend/), whatever the working directory.
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
});
