import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../../lib/session';
import { canUsePage } from '../access';

/**
 * Shows a page only to the roles that may use it (see access.ts); others
 * get a plain 无权访问 instead of a page whose every request is refused.
 */
export function RequireRole({ page, children }: { page: string; children: ReactNode }) {
  const { session } = useSession();
  const navigate = useNavigate();
  if (!session) return null;
  if (canUsePage(page, session.user.roles)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色不能使用此页面。如需使用,请联系系统管理员调整角色。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
