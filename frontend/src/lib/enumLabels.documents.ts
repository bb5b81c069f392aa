// The operation as codegen reads it. The module that runs it imports the
// generated document from gql/graphql instead of calling graphql() at run
// time, so the sign-in path does not load gql.ts's map of every document of
// the app (frontend/e2e/budget.test.mjs).
import { graphql } from '../gql';

export const enumLabelsQueryDefinition = graphql(`
  query EnumLabels {
    enumLabels {
      enum
      value
      label
      english
    }
  }
`);
