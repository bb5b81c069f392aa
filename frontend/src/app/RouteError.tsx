import { CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useAppT } from './messages';

/**
 * Shown when a page fails to render (or its code fails to download): a
 * message, never a blank screen. It is part of the entry chunk, so it uses
 * plain components rather than Result, whose status pictures are large.
 */
export function RouteError() {
  const t = useAppT();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <Flex vertical align="center" gap="small" style={{ padding: '72px 24px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 64, color: '#ff4d4f' }} />
      <Typography.Title level={3}>{t('pageError')}</Typography.Title>
      <Typography.Text type="secondary">
        {t('pageErrorHint')}
        {detail ? `(${detail})` : ''}
      </Typography.Text>
      <Button type="primary" onClick={() => window.location.assign('/')} style={{ marginTop: 16 }}>
        {t('backHome')}
      </Button>
    </Flex>
  );
}
