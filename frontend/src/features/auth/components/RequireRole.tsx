import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../../lib/session';
import { canUsePage } from '../access';
import { useAuthT } from '../messages';

/**
 * Shows a page only to the roles that may use it (see access.ts); others
 * get a plain 无权访问 instead of a page whose every request is refused.
 */
export function RequireRole({ page, children }: { page: string; children: ReactNode }) {
  const { session } = useSession();
  const navigate = useNavigate();
  const t = useAuthT();
  if (!session) return null;
  if (canUsePage(page, session.user.roles)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('noAccess')}
      subTitle={t('noAccessHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}
