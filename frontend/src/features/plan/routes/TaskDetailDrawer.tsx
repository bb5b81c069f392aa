import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Flex, Grid, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useOutletContext, useParams } from 'react-router';
import { useQuery } from 'urql';
import { DeadlineView } from '../../../components/DeadlineView';
import { PointsText } from '../../../components/PointsText';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { graphql } from '../../../gql';
import type { RankingGroup } from '../../../gql/graphql';
import { enumLabel } from '../../../lib/enumLabels';
import { dimensionNumberLabel, indicatorNumberLabel, rankingGroups } from '../../../lib/labels';
import { AssignmentEditor } from '../components/AssignmentEditor';
import { usePlanT } from '../messages';
import type { PlanOutletContext } from '../types';

const taskDetailQuery = graphql(`
  query TaskDetail($id: ID!) {
    task(id: $id) {
      ...PlanTaskFields
      evaluatees {
        id
        group
        unit {
          id
          name
          sortKey
        }
      }
    }
  }
`);

/** `/plans/:planId/tasks/:taskId`: a task in full, the evaluatees carrying it, and editing them. */
export function TaskDetailDrawer() {
  const t = usePlanT();
  const { planId = '', taskId = '' } = useParams();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { findTask, editTask, editable } = useOutletContext<PlanOutletContext>();
  const [editing, setEditing] = useState(false);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: taskDetailQuery, variables: { id: taskId } });
  const task = data?.task;
  const place = findTask(taskId);

  const grouped = useMemo(() => {
    const list = [...(task?.evaluatees ?? [])].sort((a, b) => a.unit.sortKey - b.unit.sortKey);
    return rankingGroups.map((g): [RankingGroup, typeof list] => [g, list.filter((e) => e.group === g)]);
  }, [task]);

  const close = () => navigate(`/plans/${planId}`);

  let body;
  if (!data && fetching) body = <PageLoading />;
  else if (error && !data) body = <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!task) body = <Empty description={t('taskMissing')} />;
  else
    body = (
      <>
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: screens.sm ? 130 : 96, whiteSpace: 'nowrap' } }}
          items={[
            ...(place
              ? [
                  { key: 'dim', label: t('inDimension'), children: `${dimensionNumberLabel(place.dimension.number)}${place.dimension.name}` },
                  { key: 'ind', label: t('inIndicator'), children: `${indicatorNumberLabel(place.indicator.number)}${place.indicator.name}` },
                ]
              : []),
            {
              key: 'text',
              label: t('taskText'),
              children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{task.text}</Typography.Paragraph>,
            },
            { key: 'points', label: t('colPoints'), children: <PointsText points={task.points} effectivePoints={task.effectivePoints} /> },
            { key: 'deadline', label: t('colDeadline'), children: <DeadlineView deadline={task.deadline} compact /> },
            {
              key: 'lead',
              label: t('colLeads'),
              children: (
                <Flex gap={4} wrap="wrap">
                  {task.leadUnits.map((u) => (
                    <Tag key={u.id} color="blue" style={{ marginInlineEnd: 0 }}>
                      {u.name}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ margin: '28px 0 12px' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('evaluateesCount', { count: task.evaluatees.length })}
          </Typography.Title>
          {editable && !editing && (
            <Button icon={<TeamOutlined />} onClick={() => setEditing(true)}>
              {t('changeEvaluatees')}
            </Button>
          )}
        </Flex>
        {editing ? (
          <AssignmentEditor
            key={task.version}
            planId={planId}
            taskId={task.id}
            assigned={task.evaluatees.map((e) => e.id)}
            onDone={() => setEditing(false)}
          />
        ) : (
          <Flex vertical gap={16} data-testid="task-evaluatees">
            {task.evaluatees.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noEvaluatees')} />}
            {grouped.map(([g, list]) =>
              list.length === 0 ? null : (
                <div key={g}>
                  <Typography.Text strong>
                    {t('groupCount', { group: enumLabel('RankingGroup', g), count: list.length })}
                  </Typography.Text>
                  <Flex gap={6} wrap="wrap" style={{ marginTop: 8 }}>
                    {list.map((e) => (
                      <Tag key={e.id} style={{ marginInlineEnd: 0 }}>
                        {e.unit.name}
                      </Tag>
                    ))}
                  </Flex>
                </div>
              ),
            )}
          </Flex>
        )}
      </>
    );

  return (
    <Drawer
      open
      onClose={close}
      size={screens.md ? 720 : '100%'}
      title={task ? t('taskTitle', { number: task.number }) : t('taskDetails')}
      extra={
        editable &&
        place && (
          <Button icon={<EditOutlined />} onClick={() => editTask(place.task)}>
            {t('editTask')}
          </Button>
        )
      }
    >
      <div data-testid="task-detail">{body}</div>
    </Drawer>
  );
}
