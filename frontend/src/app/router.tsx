import { createBrowserRouter, RouterProvider } from 'react-router';
import { AccountPage, LoginPage } from '../features/auth';
import { EvaluateesPage } from '../features/evaluatees';
import { ImportPage } from '../features/import';
import { PlanPage, TaskDetailDrawer } from '../features/plan';
import { UnitsPage } from '../features/units';
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
        element: <PlanPage />,
        children: [{ path: 'tasks/:taskId', element: <TaskDetailDrawer /> }],
      },
      { path: 'plans/:planId/evaluatees', element: <EvaluateesPage /> },
      { path: 'units', element: <UnitsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
