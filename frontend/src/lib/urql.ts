import { cacheExchange, Client, fetchExchange, mapExchange } from '@urql/core';

/** The header the server requires on every GraphQL request (CSRF guard). */
export const csrfHeader = 'X-Kaoping-CSRF';

/**
 * Fired when the server answers UNAUTHENTICATED (the session ended or was
 * never there): the session provider then checks `me` and the app goes to
 * the sign-in page.
 */
export const authEvents = new EventTarget();
export const unauthenticatedEvent = 'unauthenticated';

// One client for the app. fetchExchange sends operations whose variables hold
// a File as GraphQL multipart requests (the Upload scalar), so no extra
// exchange is needed.
export function createGraphQLClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [
      cacheExchange,
      mapExchange({
        onResult(result) {
          const unauthenticated = result.error?.graphQLErrors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
          // login itself answers UNAUTHENTICATED for a wrong password; any
          // other operation, query or mutation, means the session ended.
          const isLogin =
            result.operation.kind === 'mutation' &&
            result.operation.query.definitions.some((d) => 'selectionSet' in d && d.selectionSet.selections.some((f) => 'name' in f && f.name.value === 'login'));
          if (unauthenticated && !isLogin) authEvents.dispatchEvent(new Event(unauthenticatedEvent));
          return result;
        },
      }),
      fetchExchange,
    ],
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: { headers: { [csrfHeader]: '1' }, credentials: 'same-origin' },
  });
}
