import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../components/QueryState';
import { useSession } from '../lib/session';

/**
 * Shows its children only to a signed-in user: others go to /login (and come
 * back here after), a session with pending steps goes to /account/setup.
 */
export function RequireSession({ children, allowRestricted = false }: { children: ReactNode; allowRestricted?: boolean }) {
  const { session, error, refresh } = useSession();
  const location = useLocation();
  if (session === undefined) {
    if (error) return <QueryError error={error} onRetry={refresh} />;
    return (
      <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  if (session.restricted && !allowRestricted) return <Navigate to="/account/setup" replace />;
  if (!session.restricted && allowRestricted) return <Navigate to="/" replace />;
  return <>{children}</>;
}
