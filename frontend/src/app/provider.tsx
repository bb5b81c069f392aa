import { App as AntApp, ConfigProvider } from 'antd';
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

dayjs.locale('zh-cn');

function ThemedApp({ children }: { children: ReactNode }) {
  const { elder } = useElderMode();
  return (
    <ConfigProvider locale={zhCN} theme={themeFor(elder)}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Everything a page needs around it: GraphQL client, locale, theme, toasts, the enum labels. */
export function AppProviders({ children, client }: { children: ReactNode; client?: Client }) {
  const urqlClient = useMemo(() => client ?? createGraphQLClient(), [client]);
  return (
    <UrqlProvider value={urqlClient}>
      <SessionProvider>
        <ElderModeProvider>
          <ThemedApp>
            <EnumLabelsProvider>{children}</EnumLabelsProvider>
          </ThemedApp>
        </ElderModeProvider>
      </SessionProvider>
    </UrqlProvider>
  );
}
