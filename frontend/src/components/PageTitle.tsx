import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a page: title (and a short hint) left, actions right. */
export function PageTitle({ title, hint, actions }: { title: ReactNode; hint?: ReactNode; actions?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={12} wrap="wrap" style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {hint}
          </Typography.Paragraph>
        )}
      </div>
      {actions && (
        <Flex gap={8} wrap="wrap">
          {actions}
        </Flex>
      )}
    </Flex>
  );
}
