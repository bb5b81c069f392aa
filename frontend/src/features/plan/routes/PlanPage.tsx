import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Grid, Result } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Outlet, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { graphql } from '../../../gql';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { CopyPlanButton } from '../components/CopyPlanButton';
import { PlanSettingsModal } from '../components/PlanSettingsModal';
import { PlanSummary } from '../components/PlanSummary';
import { PlanTree, type PlanTreeActions } from '../components/PlanTree';
import { SectionModal, type SectionTarget } from '../components/SectionModal';
import { TaskModal, type TaskTarget } from '../components/TaskModal';
import { planPageQuery } from '../documents';
import { usePlanT } from '../messages';
import type { PlanData, PlanOutletContext, TaskData, TaskPlace } from '../types';

const deleteDimensionMutation = graphql(`
  mutation DeleteDimension($id: ID!, $version: Int!) {
    deleteDimension(id: $id, version: $version)
  }
`);
const deleteIndicatorMutation = graphql(`
  mutation DeleteIndicator($id: ID!, $version: Int!) {
    deleteIndicator(id: $id, version: $version)
  }
`);
const deleteTaskMutation = graphql(`
  mutation DeleteTask($id: ID!, $version: Int!) {
    deleteTask(id: $id, version: $version)
  }
`);

// The plan query also depends on these types when the plan has none of
// them yet (urql's document cache only sees typenames it has received).
const planContext = { additionalTypenames: ['Dimension', 'Indicator', 'Task', 'Unit'] };

function nextNumber(items: ReadonlyArray<{ number: number }>): number {
  return items.reduce((max, i) => Math.max(max, i.number), 0) + 1;
}

function indexTasks(plan: PlanData | null | undefined): Map<string, TaskPlace> {
  const map = new Map<string, TaskPlace>();
  for (const dimension of plan?.dimensions ?? [])
    for (const indicator of dimension.indicators) for (const task of indicator.tasks) map.set(task.id, { dimension, indicator, task });
  return map;
}

/** `/plans/:planId`: the plan summary and its indicator tree, with editing. */
export function PlanPage() {
  const tr = usePlanT();
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const showError = useShowError();
  const editable = useSession().can('TASK_FORCE');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: planPageQuery, variables: { id: planId }, context: useMemo(() => planContext, []) });
  const [, deleteDimension] = useMutation(deleteDimensionMutation);
  const [, deleteIndicator] = useMutation(deleteIndicatorMutation);
  const [, deleteTask] = useMutation(deleteTaskMutation);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [section, setSection] = useState<SectionTarget | null>(null);
  const [taskTarget, setTaskTarget] = useState<TaskTarget | null>(null);

  const plan = data?.plan;
  const places = useMemo(() => indexTasks(plan), [plan]);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const editTask = useCallback(
    (task: TaskData) => {
      const place = places.get(task.id);
      setTaskTarget({ existing: task, indicatorName: place?.indicator.name ?? '' });
    },
    [places],
  );

  const remove = async (
    run: (v: { id: string; version: number }, ctx: { additionalTypenames: string[] }) => Promise<{ error?: unknown }>,
    item: { id: string; version: number },
    typename: string,
    what: string,
  ) => {
    const result = await run({ id: item.id, version: item.version }, { additionalTypenames: [typename] });
    if (result.error) showError(result.error, { onConflict: reload });
    else void message.success(tr('deleted', { what }));
  };

  if (!data && fetching) return <PageLoading rows={12} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  if (!plan) {
    return (
      <Result
        status="404"
        title={tr('planNotFound')}
        subTitle={tr('planNotFoundHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {tr('backHome')}
          </Button>
        }
      />
    );
  }

  const actions: PlanTreeActions = {
    openTask: (t) => navigate(`/plans/${plan.id}/tasks/${t.id}`),
    editDimension: (d) => setSection({ level: 'dimension', existing: d }),
    deleteDimension: (d) => remove(deleteDimension, d, 'Dimension', tr('whatDimension')),
    addIndicator: (d) => setSection({ level: 'indicator', dimensionId: d.id, dimensionName: d.name, nextNumber: nextNumber(d.indicators) }),
    editIndicator: (i) => setSection({ level: 'indicator', existing: i }),
    deleteIndicator: (i) => remove(deleteIndicator, i, 'Indicator', tr('whatIndicator')),
    addTask: (i) => setTaskTarget({ indicatorId: i.id, indicatorName: i.name, nextNumber: nextNumber(plan.dimensions.flatMap((d) => d.indicators.flatMap((x) => x.tasks))) }),
    editTask,
    deleteTask: (t) => remove(deleteTask, t, 'Task', tr('whatTask')),
  };

  const outlet: PlanOutletContext = { plan, findTask: (id) => places.get(id), editTask, editable };

  return (
    <>
      <PageTitle
        title={<span data-i18n="data">{plan.name}</span>}
        hint={tr('planHint', { year: plan.year })}
        actions={
          editable && (
          <>
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              {tr('settings')}
            </Button>
            <CopyPlanButton plan={plan} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSection({ level: 'dimension', planId: plan.id, nextNumber: nextNumber(plan.dimensions) })}>
              {tr('addDimension')}
            </Button>
          </>
          )
        }
      />
      <PlanSummary plan={plan} />
      <PlanTree plan={plan} actions={actions} compact={!(screens.md ?? true)} editable={editable} />
      <PlanSettingsModal plan={plan} open={settingsOpen} onClose={() => setSettingsOpen(false)} onConflict={reload} />
      <SectionModal target={section} onClose={() => setSection(null)} onConflict={reload} />
      <TaskModal target={taskTarget} onClose={() => setTaskTarget(null)} onConflict={reload} />
      <Outlet context={outlet} />
    </>
  );
}
