import { act, render, screen } from '@testing-library/react';
import { parse } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { useQuery } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../../app/provider';
import { RequireSession } from '../../../app/RequireSession';
import type { MeQuery, Role } from '../../../gql/graphql';
import { createGraphQLClient } from '../../../lib/urql';
import enumLabels from '../../../test/enumLabels.json';
import { rememberSignedIn } from '../sessionMemory';
import { AccountPage } from './AccountPage';
import { LoginPage } from './LoginPage';

// The session rules end to end in the page, over the app's real GraphQL
// client (its exchange watching for UNAUTHENTICATED), with fetch answering
// as the server would.

type Me = MeQuery['me'];

function me(roles: Role[], pendingSteps: string[] = []): Me {
  return {
    restricted: pendingSteps.length > 0,
    pendingSteps,
    idleTimeoutSeconds: 1800,
    expiresAt: '2026-11-27T20:00:00Z',
    emailDelivery: false,
    user: {
      id: 'u1',
      username: 'leader',
      displayName: '市领导 吴刚',
      roles,
      mustChangePassword: pendingSteps.includes('PASSWORD_CHANGE'),
      totpEnabled: false,
      totpRequired: false,
      locale: 'ZH_CN',
      email: null,
      unit: null,
    },
  };
}

/** fetch that answers GraphQL by operation name. */
function serve(answer: (operationName: string) => unknown) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { operationName?: string; query: string };
      const name = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
      // The public vocabulary every app start asks for, as the server answers it.
      if (name === 'EnumLabels') return new Response(JSON.stringify({ data: { enumLabels } }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      calls.push(name);
      return new Response(JSON.stringify(answer(name)), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

const probeQuery = parse('query Probe { units { id name } }');

function Probe() {
  const [{ data, error }] = useQuery({ query: probeQuery });
  if (error) return <p>出错:{error.message}</p>;
  return <p>页面内容 {data ? 'loaded' : ''}</p>;
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/account/setup', element: <RequireSession allowRestricted><AccountPage setup /></RequireSession> },
      { path: '/account', element: <RequireSession><AccountPage /></RequireSession> },
      { path: '/plans/:id/evaluatees', element: <RequireSession><Probe /></RequireSession> },
      { path: '/units', element: <RequireSession><Probe /></RequireSession> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AppProviders client={createGraphQLClient('http://test.invalid/graphql')}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('session expiry', () => {
  it('goes to the sign-in page saying 登录已过期 when the server ends the session, and keeps the page to return to', async () => {
    rememberSignedIn();
    let signedIn = true;
    serve((name) => {
      if (name === 'Me') return { data: { me: signedIn ? me(['LEADER']) : null } };
      // The session ended on the server between two requests.
      signedIn = false;
      return { data: null, errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }] };
    });
    const router = renderAt('/plans/7/evaluatees?group=DISTRICTS');
    expect(await screen.findByText('登录已过期,请重新登录')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('expired')).toBe('1');
    expect(params.get('next')).toBe('/plans/7/evaluatees?group=DISTRICTS');
  });

  it('does not speak of expiry to a browser that never signed in', async () => {
    serve(() => ({ data: { me: null } }));
    const router = renderAt('/units');
    expect(await screen.findByRole('button', { name: /登\s*录/ })).toBeTruthy();
    expect(screen.queryByText('登录已过期,请重新登录')).toBeNull();
    expect(router.state.location.search).toBe('?next=%2Funits');
  });
});

describe('restricted sessions', () => {
  it('takes a new user with an initial password straight to that step and keeps them there', async () => {
    const calls = serve((name) => (name === 'Me' ? { data: { me: me(['ADMIN'], ['PASSWORD_CHANGE', 'TOTP_ENROLLMENT']) } } : { data: { units: [] } }));
    const router = renderAt('/units');
    expect(await screen.findByText('完成账号设置')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/account/setup');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/units');
    // Both steps listed, the password first; only its form is shown.
    expect(screen.getAllByText('修改初始密码').length).toBeGreaterThan(0);
    expect(screen.getByText('绑定身份验证器')).toBeTruthy();
    expect(screen.getByLabelText('新密码')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开始绑定' })).toBeNull();
    // The page it was headed for never asked the server for anything.
    expect(calls).not.toContain('Probe');

    // Another page of the app sends it back.
    await act(() => router.navigate('/account'));
    expect(router.state.location.pathname).toBe('/account/setup');
  });

  it('shows the authenticator step once the password is done', async () => {
    serve((name) => (name === 'Me' ? { data: { me: me(['AUDITOR'], ['TOTP_ENROLLMENT']) } } : { data: {} }));
    renderAt('/account/setup');
    expect(await screen.findByRole('button', { name: '开始绑定' })).toBeTruthy();
    expect(screen.queryByLabelText('新密码')).toBeNull();
  });
});
