import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { PageLoading, QueryError } from '../components/QueryState';
import { readStored, storageKeys } from '../lib/storage';
import { appPlansQuery } from './plans';

/** `/`: the plan used last (or the first plan), or the import page when there is none. */
export function RootRedirect() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: appPlansQuery });
  if (!data && fetching) return <PageLoading />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const plans = data?.plans ?? [];
  if (plans.length === 0) return <Navigate to="/import" replace />;
  const remembered = readStored(storageKeys.lastPlan);
  const plan = plans.find((p) => p.id === remembered) ?? plans[0]!;
  return <Navigate to={`/plans/${plan.id}`} replace />;
}
