import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { PageLoading, QueryError } from '../components/QueryState';
import { homePath } from '../features/auth/shell';
import { useSession } from '../lib/session';
import { readStored, storageKeys } from '../lib/storage';
import { appPlansQuery } from './plans';

/**
 * `/`: the first page of a role without plans (用户管理 for the admin, 审计日志
 * for the auditor), else the plan used last (or the first plan), or the
 * import page when there is none.
 */
export function RootRedirect() {
  const home = homePath(useSession().session?.user.roles ?? []);
  if (home) return <Navigate to={home} replace />;
  return <PlanRedirect />;
}

function PlanRedirect() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: appPlansQuery });
  if (!data && fetching) return <PageLoading />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const plans = data?.plans ?? [];
  if (plans.length === 0) return <Navigate to="/import" replace />;
  const remembered = readStored(storageKeys.lastPlan);
  const plan = plans.find((p) => p.id === remembered) ?? plans[0]!;
  return <Navigate to={`/plans/${plan.id}`} replace />;
}
