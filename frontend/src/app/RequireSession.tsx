import { App, Flex, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../components/QueryState';
import { loginPath, rememberSignedIn, setupPath, wasSignedIn } from '../features/auth/shell';
import { useSession } from '../lib/session';

/**
 * Shows its children only to a signed-in user: others go to /login (and come
 * back here after; told 登录已过期 when this browser had a session), a
 * session with pending steps goes to /account/setup and stays there.
 * Its children are inside antd's App.
 */
export function RequireSession({ children, allowRestricted = false }: { children: ReactNode; allowRestricted?: boolean }) {
  const { session, error, refresh } = useSession();
  const location = useLocation();
  useEffect(() => {
    if (session) rememberSignedIn();
  }, [session]);
  if (session === undefined) {
    if (error) return <QueryError error={error} onRetry={refresh} />;
    return (
      <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (session === null) {
    return <Navigate to={loginPath(`${location.pathname}${location.search}`, wasSignedIn())} replace />;
  }
  if (session.restricted && !allowRestricted) return <Navigate to={setupPath(`${location.pathname}${location.search}`)} replace />;
  if (!session.restricted && allowRestricted) return <Navigate to="/" replace />;
  // antd's App (App.useApp: toasts, confirm dialogs) around every signed-in
  // page, here rather than in the shell's providers so that the sign-in page
  // does not download it (app/provider.tsx).
  return <App>{children}</App>;
}
