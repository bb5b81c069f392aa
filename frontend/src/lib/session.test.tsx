import { act, render, screen, waitFor } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Provider } from 'urql';
import type { MeQuery } from '../gql/graphql';
import { mockClient } from '../test/mockClient';
import { enumLabel, useEnumLabel } from './enumLabels';
import { currentLocale, LocaleProvider, useLocale, type Locale } from './i18n';
import { SessionProvider } from './session';

let switchTo: (locale: Locale) => void = () => {};

function Probe() {
  const label = useEnumLabel();
  const { locale, setLocale } = useLocale();
  switchTo = setLocale;
  return (
    <p>
      {locale}: {label('PeriodState', 'PUBLICITY')}
    </p>
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
});
