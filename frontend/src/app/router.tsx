import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { RouteError } from './RouteError';

/**
 * Every page is its own chunk, loaded when its route is first visited
 * (react-router's lazy routes): the sign-in page does not download the
 * score sheet, the ranking page not the plan editor. Only the shell
 * (providers, session, this table) is in the entry chunk;
 * frontend/e2e/budget.test.mjs keeps the sign-in and ranking routes under
 * their JS budget.
 */
function page(load: () => Promise<ReactNode>): RouteObject['lazy'] {
  return async () => ({ element: await load() });
}

const guarded = (key: string, load: () => Promise<ReactNode>) =>
  page(async () => {
    const [{ RequireRole }, element] = await Promise.all([import('../features/auth/components/RequireRole'), load()]);
    return <RequireRole page={key}>{element}</RequireRole>;
  });

function Loading() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

export const routes: RouteObject[] = [
  {
    path: '/login',
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    lazy: page(async () => {
      // The page's own module, not the feature's index: the index also
      // brings the account pages (TOTP enrolment) into the sign-in download.
      const { LoginPage } = await import('../features/auth/routes/LoginPage');
      return <LoginPage />;
    }),
  },
  {
    path: '/account/setup',
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    lazy: page(async () => {
      const [{ AccountPage }, { RequireSession }] = await Promise.all([import('../features/auth'), import('./RequireSession')]);
      return (
        <RequireSession allowRestricted>
          <AccountPage setup />
        </RequireSession>
      );
    }),
  },
  {
    // The printed 通报: signed in, but outside the app's header and menu.
    path: '/plans/:planId/circular',
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    lazy: page(async () => {
      const [{ CircularPage }, { RequireSession }, { RequireRole }] = await Promise.all([
        import('../features/circular'),
        import('./RequireSession'),
        import('../features/auth/components/RequireRole'),
      ]);
      return (
        <RequireSession>
          <RequireRole page="circular">
            <CircularPage />
          </RequireRole>
        </RequireSession>
      );
    }),
  },
  {
    // GraphiQL takes the whole window; the page itself refuses roles
    // other than the analysts' and the 专班's, with its own words.
    path: '/graphiql',
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    lazy: page(async () => {
      const [{ GraphiQLPage }, { RequireSession }, { canUsePage }] = await Promise.all([
        import('../features/graphiql'),
        import('./RequireSession'),
        import('../features/auth/shell'),
      ]);
      return (
        <RequireSession>
          <GraphiQLPage mayUse={(roles) => canUsePage('graphiql', roles)} />
        </RequireSession>
      );
    }),
  },
  {
    path: '/',
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    lazy: page(async () => {
      const [{ AppLayout }, { RequireSession }] = await Promise.all([import('./AppLayout'), import('./RequireSession')]);
      return (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      );
    }),
    children: [
      {
        index: true,
        lazy: page(async () => {
          const { HomeRoute } = await import('./HomeRoute');
          return <HomeRoute />;
        }),
      },
      {
        path: 'plans/:planId',
        lazy: guarded('plan', async () => {
          const { PlanPage } = await import('../features/plan');
          return <PlanPage />;
        }),
        children: [
          {
            path: 'tasks/:taskId',
            lazy: page(async () => {
              const { TaskDetailDrawer } = await import('../features/plan');
              return <TaskDetailDrawer />;
            }),
          },
        ],
      },
      { path: 'plans/:planId/evaluatees', lazy: guarded('evaluatees', async () => { const { EvaluateesPage } = await import('../features/evaluatees'); return <EvaluateesPage />; }) },
      { path: 'plans/:planId/scoring', lazy: guarded('scoring', async () => { const { ScoringPage } = await import('../features/scoring'); return <ScoringPage />; }) },
      { path: 'plans/:planId/verification', lazy: guarded('verification', async () => { const { VerificationPage } = await import('../features/verification'); return <VerificationPage />; }) },
      { path: 'plans/:planId/periods', lazy: guarded('periods', async () => { const { PeriodsPage } = await import('../features/periods'); return <PeriodsPage />; }) },
      { path: 'plans/:planId/sources', lazy: guarded('sources', async () => { const { SourcesPage } = await import('../features/sources'); return <SourcesPage />; }) },
      // The page's own module, not the feature's index, which also brings the
      // evaluatee, compare and heatmap pages into the ranking's download.
      { path: 'plans/:planId/ranking', lazy: guarded('ranking', async () => { const { RankingPage } = await import('../features/results/routes/RankingPage'); return <RankingPage />; }) },
      { path: 'plans/:planId/results/:evaluateeId', lazy: guarded('ranking', async () => { const { EvaluateePage } = await import('../features/results'); return <EvaluateePage />; }) },
      { path: 'plans/:planId/compare', lazy: guarded('ranking', async () => { const { ComparePage } = await import('../features/results'); return <ComparePage />; }) },
      { path: 'plans/:planId/heatmap', lazy: guarded('ranking', async () => { const { HeatmapPage } = await import('../features/results'); return <HeatmapPage />; }) },
      { path: 'plans/:planId/overdue', lazy: guarded('overdue', async () => { const { OverduePage } = await import('../features/overdue'); return <OverduePage />; }) },
      { path: 'plans/:planId/whatif', lazy: guarded('whatif', async () => { const { WhatIfPage } = await import('../features/whatif'); return <WhatIfPage />; }) },
      { path: 'plans/:planId/objections', lazy: guarded('objections', async () => { const { ObjectionsPage } = await import('../features/objections'); return <ObjectionsPage />; }) },
      { path: 'plans/:planId/reports', lazy: guarded('reports', async () => { const { ReportsPage } = await import('../features/reports'); return <ReportsPage />; }) },
      { path: 'plans/:planId/field-visits', lazy: guarded('field-visits', async () => { const { FieldVisitReviewPage } = await import('../features/fieldvisits'); return <FieldVisitReviewPage />; }) },
      { path: 'plans/:planId/visit-plans', lazy: guarded('visit-plans', async () => { const { FieldVisitPlanningPage } = await import('../features/fieldvisits'); return <FieldVisitPlanningPage />; }) },
      { path: 'visits', lazy: guarded('visits', async () => { const { MyVisitsPage } = await import('../features/fieldvisits'); return <MyVisitsPage />; }) },
      { path: 'visits/:visitId', lazy: guarded('visits', async () => { const { VisitPage } = await import('../features/fieldvisits'); return <VisitPage />; }) },
      { path: 'views', lazy: guarded('views', async () => { const { ViewsPage } = await import('../features/views'); return <ViewsPage />; }) },
      { path: 'units', lazy: guarded('units', async () => { const { UnitsPage } = await import('../features/units'); return <UnitsPage />; }) },
      { path: 'import', lazy: guarded('import', async () => { const { ImportPage } = await import('../features/import'); return <ImportPage />; }) },
      { path: 'users', lazy: guarded('users', async () => { const { UsersPage } = await import('../features/users'); return <UsersPage />; }) },
      { path: 'audit', lazy: guarded('audit', async () => { const { AuditLogPage } = await import('../features/audit'); return <AuditLogPage />; }) },
      {
        path: 'account',
        lazy: page(async () => {
          const { AccountPage } = await import('../features/auth');
          return <AccountPage />;
        }),
      },
      {
        path: '*',
        lazy: page(async () => {
          const { NotFound } = await import('./NotFound');
          return <NotFound />;
        }),
      },
    ],
  },
];

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
