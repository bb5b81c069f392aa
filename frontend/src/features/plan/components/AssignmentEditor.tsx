import { App, Button, Card, Checkbox, Empty, Flex, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { graphql } from '../../../gql';
import type { RankingGroup } from '../../../gql/graphql';
import { enumLabel } from '../../../lib/enumLabels';
import { rankingGroups } from '../../../lib/labels';
import { useCommonT } from '../../../lib/messages';
import { usePlanT } from '../messages';
import { useShowError } from '../../../lib/useShowError';

const planEvaluateesQuery = graphql(`
  query AssignmentEvaluatees($planId: ID!) {
    evaluatees(planId: $planId) {
      id
      group
      unit {
        id
        name
        sortKey
      }
    }
  }
`);

const setTaskAssignmentsMutation = graphql(`
  mutation SetTaskAssignments($input: SetTaskAssignmentsInput!) {
    setTaskAssignments(input: $input) {
      id
      version
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

/** Choose which of the plan's evaluatees carry a task (the assignment matrix, one row). */
export function AssignmentEditor({
  planId,
  taskId,
  assigned,
  onDone,
}: {
  planId: string;
  taskId: string;
  assigned: string[];
  onDone: () => void;
}) {
  const t = usePlanT();
  const common = useCommonT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: planEvaluateesQuery, variables: { planId } });
  const [saving, save] = useMutation(setTaskAssignmentsMutation);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(assigned));

  const byGroup = useMemo(() => {
    const all = [...(data?.evaluatees ?? [])].sort((a, b) => a.unit.sortKey - b.unit.sortKey);
    return new Map<RankingGroup, typeof all>(rankingGroups.map((g) => [g, all.filter((e) => e.group === g)]));
  }, [data]);

  if (!data && fetching) return <PageLoading rows={4} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if ((data?.evaluatees.length ?? 0) === 0) {
    return (
      <Empty description={t('noPlanEvaluatees')}>
        <Link to={`/plans/${planId}/evaluatees`}>{t('addEvaluatees')}</Link>
      </Empty>
    );
  }

  const toggle = (ids: string[], on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const submit = async () => {
    const result = await save({ input: { taskId, evaluateeIds: [...chosen] } });
    if (result.error) {
      showError(result.error, { onConflict: onDone });
      return;
    }
    void message.success(t('assignmentsSaved', { count: chosen.size }));
    onDone();
  };

  return (
    <Flex vertical gap={12}>
      {rankingGroups.map((g) => {
        const members = byGroup.get(g) ?? [];
        if (members.length === 0) return null;
        const ids = members.map((e) => e.id);
        const count = ids.filter((id) => chosen.has(id)).length;
        return (
          <Card
            key={g}
            size="small"
            title={
              <Checkbox
                checked={count === ids.length}
                indeterminate={count > 0 && count < ids.length}
                onChange={(e) => toggle(ids, e.target.checked)}
              >
                {t('groupChosen', { group: enumLabel('RankingGroup', g), count, total: ids.length })}
              </Checkbox>
            }
          >
            <Flex wrap="wrap" gap="4px 16px">
              {members.map((e) => (
                <Checkbox key={e.id} checked={chosen.has(e.id)} onChange={(ev) => toggle([e.id], ev.target.checked)}>
                  {e.unit.name}
                </Checkbox>
              ))}
            </Flex>
          </Card>
        );
      })}
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Text type="secondary">{t('chosenCount', { count: chosen.size })}</Typography.Text>
        <Space>
          <Button onClick={onDone}>{common('cancel')}</Button>
          <Button type="primary" loading={saving.fetching} onClick={submit}>
            {t('saveAssignments')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
