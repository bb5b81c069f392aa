// ESLint for the SPA (`npm run lint`, run by `make test`). Besides the usual
// TypeScript and React-hooks checks it holds the folder architecture of
// frontend/src (README "Architecture"): a feature never imports another
// feature, so each can change without breaking the others; what two
// features share lives in src/components or src/lib.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const src = 'frontend/src';

export default tseslint.config(
  { ignores: ['frontend/dist/**', `${src}/gql/**`, 'node_modules/**', 'bin/**', '.data/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: [`${src}/**/*.{ts,tsx}`],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['frontend/*.{ts,mjs}', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Browser tests run in Node and hand functions to page.evaluate, which
    // run in the page.
    files: ['frontend/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: [`${src}/**/*.{ts,tsx}`],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/include': [`${src}/**/*`],
      'boundaries/elements': [
        { type: 'app', pattern: `${src}/app` },
        { type: 'feature', pattern: `${src}/features/*` },
        { type: 'components', pattern: `${src}/components` },
        { type: 'lib', pattern: `${src}/lib` },
        { type: 'gql', pattern: `${src}/gql` },
        { type: 'test', pattern: `${src}/test` },
      ],
      'boundaries/files': [
        { category: 'test', pattern: '**/*.test.{ts,tsx}' },
        { category: 'entry', pattern: `${src}/main.tsx` },
      ],
    },
    rules: {
      // Imports inside one element (one feature's own files) are not checked;
      // everything between elements must be allowed here.
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { file: { categories: 'entry' } }, allow: { to: { element: { types: { anyOf: ['app', 'lib'] } } } } },
            {
              from: { element: { type: 'app' } },
              allow: { to: { element: { types: { anyOf: ['feature', 'components', 'lib', 'gql'] } } } },
            },
            {
              from: { element: { type: 'feature' } },
              allow: { to: { element: { types: { anyOf: ['components', 'lib', 'gql'] } } } },
            },
            { from: { element: { type: 'components' } }, allow: { to: { element: { types: { anyOf: ['lib', 'gql'] } } } } },
            { from: { element: { type: 'lib' } }, allow: { to: { element: { type: 'gql' } } } },
            // A test may render its subject inside the app's providers and
            // use the shared test helpers; it still may not reach into
            // another feature.
            {
              from: { file: { categories: 'test' } },
              allow: { to: { element: { types: { anyOf: ['app', 'test'] } } } },
            },
            { from: { element: { type: 'test' } }, allow: { to: { element: { types: { anyOf: ['lib', 'gql'] } } } } },
          ],
        },
      ],
    },
  },
);
