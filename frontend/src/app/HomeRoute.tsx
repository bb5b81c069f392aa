import { Navigate } from 'react-router';
import { homePath } from '../features/auth';
import { SyncBar } from '../features/fieldvisits';
import { HomePage } from '../features/home';
import { useSession } from '../lib/session';

/**
 * `/`: the to-do list of the signed-in user (features/home), with what other
 * features contribute to it wired in here: the inspector's outbox (this
 * browser's findings waiting to sync). The administrator, who has no home,
 * goes to 用户管理.
 */
export function HomeRoute() {
  const { session, can } = useSession();
  const home = homePath(session?.user.roles ?? []);
  if (home) return <Navigate to={home} replace />;
  return <HomePage slots={{ waitingToSync: can('INSPECTOR') ? <SyncBar /> : undefined }} />;
}
