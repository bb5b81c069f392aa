import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
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
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Everything a page needs around it: language, GraphQL client, antd locale, theme, toasts, the enum labels. */
export function AppProviders({ children, client }: { children: ReactNode; client?: Client }) {
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
