import { createBrowserRouter, RouterProvider } from 'react-router';
import { AuditLogPage } from '../features/audit';
import { AccountPage, LoginPage, RequireRole } from '../features/auth';
import { EvaluateesPage } from '../features/evaluatees';
import { FieldVisitReviewPage, MyVisitsPage, VisitPage } from '../features/fieldvisits';
import { ImportPage } from '../features/import';
import { PlanPage, TaskDetailDrawer } from '../features/plan';
import { PeriodsPage } from '../features/periods';
import { ReportsPage } from '../features/reports';
import { BreakdownPage, RankingPage } from '../features/results';
import { ScoringPage } from '../features/scoring';
import { SourcesPage } from '../features/sources';
import { UnitsPage } from '../features/units';
import { UsersPage } from '../features/users';
import { VerificationPage } from '../features/verification';
import { AppLayout } from './AppLayout';
import { NotFound, RouteError } from './NotFound';
import { RequireSession } from './RequireSession';
import { RootRedirect } from './RootRedirect';

export const routes = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/account/setup',
    errorElement: <RouteError />,
    element: (
      <RequireSession allowRestricted>
        <AccountPage setup />
      </RequireSession>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <RootRedirect /> },
      {
        path: 'plans/:planId',
        element: (
          <RequireRole page="plan">
            <PlanPage />
          </RequireRole>
        ),
        children: [{ path: 'tasks/:taskId', element: <TaskDetailDrawer /> }],
      },
      { path: 'plans/:planId/evaluatees', element: <RequireRole page="evaluatees"><EvaluateesPage /></RequireRole> },
      { path: 'plans/:planId/scoring', element: <RequireRole page="scoring"><ScoringPage /></RequireRole> },
      { path: 'plans/:planId/verification', element: <RequireRole page="verification"><VerificationPage /></RequireRole> },
      { path: 'plans/:planId/periods', element: <RequireRole page="periods"><PeriodsPage /></RequireRole> },
      { path: 'plans/:planId/sources', element: <RequireRole page="sources"><SourcesPage /></RequireRole> },
      { path: 'plans/:planId/ranking', element: <RequireRole page="ranking"><RankingPage /></RequireRole> },
      { path: 'plans/:planId/results/:evaluateeId', element: <RequireRole page="ranking"><BreakdownPage /></RequireRole> },
      { path: 'plans/:planId/reports', element: <RequireRole page="reports"><ReportsPage /></RequireRole> },
      { path: 'plans/:planId/field-visits', element: <RequireRole page="field-visits"><FieldVisitReviewPage /></RequireRole> },
      { path: 'visits', element: <RequireRole page="visits"><MyVisitsPage /></RequireRole> },
      { path: 'visits/:visitId', element: <RequireRole page="visits"><VisitPage /></RequireRole> },
      { path: 'units', element: <RequireRole page="units"><UnitsPage /></RequireRole> },
      { path: 'import', element: <RequireRole page="import"><ImportPage /></RequireRole> },
      { path: 'users', element: <RequireRole page="users"><UsersPage /></RequireRole> },
      { path: 'audit', element: <RequireRole page="audit"><AuditLogPage /></RequireRole> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
