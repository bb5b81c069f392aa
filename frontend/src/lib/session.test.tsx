import { act, render, screen, waitFor } from '@testing-library/react';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import { fromPromise, mergeMap, pipe, filter } from 'wonka';
import { afterEach, describe, expect, it } from 'vitest';
import { Provider } from 'urql';
import type { MeQuery } from '../gql/graphql';
import { mockClient } from '../test/mockClient';
import { enumLabel, useEnumLabel } from './enumLabels';
import { currentLocale, LocaleProvider, useLocale, type Locale } from './i18n';
import { SessionProvider, useSession } from './session';
import { authEvents, unauthenticatedEvent } from './urql';

let switchTo: (locale: Locale) => void = () => {};

function Probe() {
  const label = useEnumLabel();
  const { locale, setLocale } = useLocale();
  const { session } = useSession();
  switchTo = setLocale;
  return (
    <>
      <p>
        {locale}: {label('PeriodState', 'PUBLICITY')}
      </p>
      <p>{session ? `signed in as ${session.user.username}` : 'no session'}</p>
    </>
  );
}

function me(locale: 'ZH_CN' | 'EN'): MeQuery {
  return {
    me: {
      restricted: false,
      pendingSteps: [],
      idleTimeoutSeconds: 1800,
      expiresAt: '2030-01-01T00:00:00Z',
      emailDelivery: false,
      user: {
        id: 'u1',
        username: 'leader',
        displayName: '市领导 吴刚',
        roles: ['LEADER'],
        mustChangePassword: false,
        totpEnabled: false,
        totpRequired: false,
        locale,
        email: null,
        unit: null,
      },
    },
  };
}

function saves(operations: Operation[]) {
  return operations.filter((op) => op.kind === 'mutation').map((op) => op.variables as { locale: string });
}

function renderWith(responses: Record<string, unknown>) {
  const { client, operations } = mockClient({ SetMyLocale: { setMyLocale: { user: { id: 'u1', locale: 'EN' } } }, ...responses });
  render(
    <LocaleProvider>
      <Provider value={client}>
        <SessionProvider>
          <Probe />
        </SessionProvider>
      </Provider>
    </LocaleProvider>,
  );
  return operations;
}

describe('the language remembered per user', () => {
  afterEach(() => act(() => switchTo('zh-CN')));

  it('switches to the signed-in user’s stored language without saving it back', async () => {
    const operations = renderWith({ Me: me('EN') });
    expect(await screen.findByText('en: Publicity')).toBeTruthy();
    expect(currentLocale()).toBe('en');
    expect(saves(operations)).toEqual([]);
  });

  it('saves a switch on the account, and enum words follow it', async () => {
    const operations = renderWith({ Me: me('ZH_CN') });
    await waitFor(() => expect(operations.some((op) => op.kind === 'query')).toBe(true));
    expect(screen.getByText('zh-CN: 公示')).toBeTruthy();
    act(() => switchTo('en'));
    expect(screen.getByText('en: Publicity')).toBeTruthy();
    expect(enumLabel('ScoreStatus', 'RETURNED')).toBe('Returned');
    expect(saves(operations)).toEqual([{ locale: 'EN' }]);
    act(() => switchTo('zh-CN'));
    expect(enumLabel('ScoreStatus', 'RETURNED')).toBe('已退回');
    expect(saves(operations)).toEqual([{ locale: 'EN' }, { locale: 'ZH_CN' }]);
  });

  it('saves nothing while signed out', async () => {
    const operations = renderWith({ Me: { me: null } });
    await waitFor(() => expect(operations.some((op) => op.kind === 'query')).toBe(true));
    act(() => switchTo('en'));
    expect(screen.getByText('en: Publicity')).toBeTruthy();
    expect(saves(operations)).toEqual([]);
  });
  // Switching twice in quick succession: the first save's answer (and a
  // `me` read after it) says English while the user already chose Chinese
  // again; only the latest choice may win, without a flicker back.
  it('keeps the latest of two quick switches while the first save is answered', async () => {
    let serverLocale: 'ZH_CN' | 'EN' = 'ZH_CN';
    const pendingSaves: (() => void)[] = [];
    const land = (i: number) => {
      const answer = pendingSaves[i];
      if (!answer) throw new Error(`save ${i + 1} was never sent`);
      answer();
    };
    const operations: Operation[] = [];
    const exchange: Exchange = () => (ops$) =>
      pipe(
        ops$,
        filter((op) => op.kind !== 'teardown'),
        mergeMap((op) => {
          operations.push(op);
          if (op.kind === 'mutation') {
            const locale = (op.variables as { locale: 'ZH_CN' | 'EN' }).locale;
            return fromPromise(
              new Promise<ReturnType<typeof makeResult>>((resolve) => {
                pendingSaves.push(() => {
                  serverLocale = locale;
                  resolve(
                    makeResult(op, {
                      data: { setMyLocale: { user: { id: 'u1', locale } } },
                    }),
                  );
                });
              }),
            );
          }
          const isMe = op.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === 'Me');
          return fromPromise(
            Promise.resolve(
              makeResult(op, {
                data: isMe ? me(serverLocale) : { enumLabels: [] },
              }),
            ),
          );
        }),
      );
    const client = new Client({
      url: 'http://test.invalid/graphql',
      exchanges: [exchange],
    });
    render(
      <LocaleProvider>
        <Provider value={client}>
          <SessionProvider>
            <Probe />
          </SessionProvider>
        </Provider>
      </LocaleProvider>,
    );
    await screen.findByText('signed in as leader');
    const reread = async () => {
      const before = operations.filter((op) => op.kind === 'query').length;
      act(() => {
        authEvents.dispatchEvent(new Event(unauthenticatedEvent));
      });
      await waitFor(() => expect(operations.filter((op) => op.kind === 'query').length).toBeGreaterThan(before));
      await act(() => Promise.resolve());
    };

    act(() => switchTo('en'));
    act(() => switchTo('zh-CN'));
    expect(saves(operations)).toEqual([{ locale: 'EN' }, { locale: 'ZH_CN' }]);

    // The first save lands: the server says English for a moment.
    await act(async () => land(0));
    await reread();
    expect(currentLocale()).toBe('zh-CN');
    expect(screen.getByText('zh-CN: 公示')).toBeTruthy();

    // The second lands: server and page agree on Chinese.
    await act(async () => land(1));
    await reread();
    expect(currentLocale()).toBe('zh-CN');

    // Another browser's later choice is still followed, and not saved back.
    serverLocale = 'EN';
    await reread();
    expect(await screen.findByText('en: Publicity')).toBeTruthy();
    expect(saves(operations)).toEqual([{ locale: 'EN' }, { locale: 'ZH_CN' }]);
  });
});
