import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the contract from the schema files (never from a running server) and
// the documents written next to the components; npm scripts run from the
// repository root, so paths are relative to it.
const config: CodegenConfig = {
  schema: 'schema/*.graphqls',
  documents: ['frontend/src/**/*.{ts,tsx}', '!frontend/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'frontend/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          Decimal: 'string',
          Upload: 'File',
          Time: 'string',
          JSON: 'unknown',
          ID: 'string',
        },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: true },
        skipTypename: false,
      },
    },
  },
};

export default config;
