import { parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authEvents, createGraphQLClient, unauthenticatedEvent } from './urql';

// The client tells the app when the server says the session is gone.

function answerUnauthenticated() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ data: null, errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }] }), { headers: { 'Content-Type': 'application/json' } })),
  );
}

async function eventsFor(source: string, kind: 'query' | 'mutation'): Promise<number> {
  answerUnauthenticated();
  let n = 0;
  const count = () => n++;
  authEvents.addEventListener(unauthenticatedEvent, count);
  const client = createGraphQLClient('http://test.invalid/graphql');
  const doc = parse(source);
  await (kind === 'query' ? client.query(doc, {}, { requestPolicy: 'network-only' }) : client.mutation(doc, {})).toPromise();
  authEvents.removeEventListener(unauthenticatedEvent, count);
  return n;
}

afterEach(() => vi.unstubAllGlobals());

describe('createGraphQLClient', () => {
  it('reports an ended session on queries and on mutations', async () => {
    expect(await eventsFor('query Units { units { id } }', 'query')).toBe(1);
    expect(await eventsFor('mutation Save($id: ID!) { unlockUser(id: $id) { id } }', 'mutation')).toBe(1);
  });

  it('does not take a refused sign-in (wrong password) for an ended session', async () => {
    expect(await eventsFor('mutation SignIn { login(input: { username: "a", password: "b" }) { totpRequired } }', 'mutation')).toBe(0);
  });
});
