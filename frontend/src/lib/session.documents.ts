// The operation as codegen reads it. The module that runs it imports the
// generated document from gql/graphql instead of calling graphql() at run
// time, so the sign-in path does not load gql.ts's map of every document of
// the app (frontend/e2e/budget.test.mjs).
import { graphql } from '../gql';

export const meQueryDefinition = graphql(`
  query Me {
    me {
      restricted
      pendingSteps
      idleTimeoutSeconds
      expiresAt
      emailDelivery
      user {
        id
        username
        displayName
        roles
        mustChangePassword
        totpEnabled
        totpRequired
        locale
        email
        unit {
          id
          name
        }
      }
    }
  }
`);

export const setMyLocaleDefinition = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale) {
      user {
        id
        locale
      }
    }
  }
`);
