import { Button, Flex, Result, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { enumLabel } from '../../../lib/enumLabels';
import { useSession } from '../../../lib/session';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import type { Role } from '../../../gql/graphql';
import { useGraphiQLT } from '../messages';

// The editor (GraphiQL with Monaco, a few MB) is its own chunk, fetched
// only once the page knows the reader may use it: a refused role and every
// other route never download it.
const Editor = lazy(() => import('../components/GraphiQLEditor'));

/**
 * /graphiql (issue 12): GraphiQL for analysts and the 专班, the roles the
 * server lets introspect (graph.IntrospectionRoles; mayUse is the access
 * table's rule for the page, passed in by the router). Others get a refusal
 * that says so; the server refuses their introspection whatever the page does.
 */
export function GraphiQLPage({ mayUse }: { mayUse: (roles: readonly Role[]) => boolean }) {
  const t = useGraphiQLT();
  const { session } = useSession();
  const navigate = useNavigate();
  if (!session) return null;
  const roles = session.user.roles;
  if (!mayUse(roles)) {
    return (
      <Result
        status="403"
        title={t('refusedTitle')}
        subTitle={t('refusedBody', { roles: roles.map((r) => enumLabel('Role', r)).join('、') || '—' })}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('home')}
          </Button>
        }
      />
    );
  }
  return (
    <Flex vertical style={{ height: '100vh' }}>
      <Flex align="center" gap={16} wrap style={{ padding: '8px 16px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
        <Button onClick={() => navigate('/')}>{t('back')}</Button>
        <Typography.Title level={1} style={{ fontSize: 18, margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ flex: '1 1 320px' }}>
          {t('subtitle')}
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <div style={{ flex: 1, minHeight: 0 }}>
        <Suspense
          fallback={
            <Flex justify="center" align="center" style={{ height: '100%' }}>
              <Spin size="large" tip={t('loading')}>
                <div style={{ width: 200, height: 80 }} />
              </Spin>
            </Flex>
          }
        >
          <Editor exampleComment={t('exampleComment')} />
        </Suspense>
      </div>
    </Flex>
  );
}
