import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { describeError } from '../lib/errors';
import { useComponentsT } from './messages';

/** The page while its first answer is on the way. */
export function PageLoading({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} style={{ padding: 8 }} />;
}

/** A query that failed, in words, with a retry. */
export function QueryError({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: ReactNode }) {
  const t = useComponentsT();
  const d = describeError(error);
  return (
    <Result
      status={d.code === 'NOT_FOUND' ? '404' : 'warning'}
      title={d.code === 'NETWORK' ? t('cannotConnect') : t('loadFailed')}
      subTitle={d.message}
      extra={[
        onRetry ? (
          <Button key="retry" type="primary" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : null,
        extra,
      ]}
    />
  );
}
