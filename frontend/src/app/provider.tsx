import { App as AntApp, ConfigProvider } from 'antd';
// The ES modules, not antd/locale/* (CommonJS copies of the same data):
// antd's own default locale is es/locale/en_US, so English costs nothing
// the sign-in page does not download already.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import type { Client } from '@urql/core';
import { EnumLabelsProvider } from '../lib/enumLabels';
import { SessionProvider } from '../lib/session';
import { createGraphQLClient } from '../lib/urql';
import { ElderModeProvider, themeFor, useElderMode } from '../lib/elderMode';
import { LocaleProvider, useLocale } from '../lib/i18n';

function ThemedApp({ children }: { children: ReactNode }) {
  const { elder } = useElderMode();
  const { locale } = useLocale();
  // dayjs (antd's pickers and our date formats) follows the app's language.
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={themeFor(elder)}>
      {children}
    </ConfigProvider>
  );
}

/**
 * What every route needs around it: language, GraphQL client, session,
 * antd locale and theme, the enum labels. antd's App (toasts, confirm
 * dialogs: App.useApp) is not here but in RequireSession, around the
 * signed-in pages that use it: the sign-in page does not download antd's
 * message, notification and modal (frontend/e2e/budget.test.mjs).
 */
export function ShellProviders({ children, client }: { children: ReactNode; client?: Client }) {
  const urqlClient = useMemo(() => client ?? createGraphQLClient(), [client]);
  return (
    <LocaleProvider>
      <UrqlProvider value={urqlClient}>
        <SessionProvider>
          <ElderModeProvider>
            <ThemedApp>
              <EnumLabelsProvider>{children}</EnumLabelsProvider>
            </ThemedApp>
          </ElderModeProvider>
        </SessionProvider>
      </UrqlProvider>
    </LocaleProvider>
  );
}

/** The shell's providers and antd's App: a page rendered on its own (the Vitest tests) has all it uses. */
export function AppProviders({ children, client }: { children: ReactNode; client?: Client }) {
  return (
    <ShellProviders client={client}>
      <AntApp>{children}</AntApp>
    </ShellProviders>
  );
}
