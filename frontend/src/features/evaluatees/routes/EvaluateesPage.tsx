import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Result, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { graphql } from '../../../gql';
import type { EvaluateesPageQuery, RankingGroup } from '../../../gql/graphql';
import { planLabel, rankingGroupLabels, rankingGroups, unitKindColors, unitKindLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { AddEvaluateesModal } from '../components/AddEvaluateesModal';
import { evaluateesPageQuery } from '../documents';
import { useEvaluateesT } from '../messages';

const updateEvaluateeMutation = graphql(`
  mutation UpdateEvaluatee($input: UpdateEvaluateeInput!) {
    updateEvaluatee(input: $input) {
      id
      group
      version
    }
  }
`);

const deleteEvaluateeMutation = graphql(`
  mutation DeleteEvaluatee($id: ID!, $version: Int!) {
    deleteEvaluatee(id: $id, version: $version)
  }
`);

type EvaluateeData = EvaluateesPageQuery['evaluatees'][number];

const pageContext = { additionalTypenames: ['Evaluatee'] };

/** `/plans/:planId/evaluatees`: the plan's evaluatees by ranking group; add, regroup, remove. */
export function EvaluateesPage() {
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const t = useEvaluateesT();
  const showError = useShowError();
  const editable = useSession().can('TASK_FORCE');
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: evaluateesPageQuery,
    variables: { planId },
    context: useMemo(() => pageContext, []),
  });
  const [, updateEvaluatee] = useMutation(updateEvaluateeMutation);
  const [, deleteEvaluatee] = useMutation(deleteEvaluateeMutation);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const groups = useMemo(() => {
    const all = [...(data?.evaluatees ?? [])].sort((a, b) => a.unit.sortKey - b.unit.sortKey);
    return rankingGroups.map((g) => ({ group: g, members: all.filter((e) => e.group === g) }));
  }, [data]);
  const existingUnitIds = useMemo(() => new Set((data?.evaluatees ?? []).map((e) => e.unit.id)), [data]);

  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  if (!data?.plan) {
    return (
      <Result
        status="404"
        title={t('planNotFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('backHome')}
          </Button>
        }
      />
    );
  }

  const changeGroup = async (e: EvaluateeData, group: RankingGroup) => {
    setBusy(e.id);
    const result = await updateEvaluatee({ input: { id: e.id, version: e.version, group } });
    setBusy(null);
    if (result.error) showError(result.error, { onConflict: reload });
    else void message.success(t('moved', { name: e.unit.name, group: rankingGroupLabels[group] }));
  };

  const remove = async (e: EvaluateeData) => {
    const result = await deleteEvaluatee({ id: e.id, version: e.version }, { additionalTypenames: ['Evaluatee'] });
    if (result.error) showError(result.error, { onConflict: reload });
    else void message.success(t('removed', { name: e.unit.name }));
  };

  const columns: TableColumnsType<EvaluateeData> = [
    { title: t('index'), key: 'index', width: 64, render: (_, __, i) => i + 1 },
    {
      title: t('name'),
      key: 'name',
      render: (_, e) => (
        <Typography.Text strong data-i18n="data">
          {e.unit.name}
        </Typography.Text>
      ),
    },
    {
      title: t('type'),
      key: 'kind',
      width: 100,
      responsive: ['sm'],
      render: (_, e) => <Tag color={unitKindColors[e.unit.kind]}>{unitKindLabels[e.unit.kind]}</Tag>,
    },
    {
      title: t('group'),
      key: 'group',
      width: 140,
      render: (_, e) =>
        !editable ? (
          rankingGroupLabels[e.group]
        ) : (
        <Select<RankingGroup>
          size="small"
          value={e.group}
          loading={busy === e.id}
          disabled={busy === e.id}
          onChange={(g) => changeGroup(e, g)}
          options={rankingGroups.map((g) => ({ value: g, label: rankingGroupLabels[g] }))}
          style={{ width: 120 }}
          aria-label={t('groupOf', { name: e.unit.name })}
        />
      ),
    },
  ];
  if (editable)
    columns.push({
      title: t('actions'),
      key: 'actions',
      width: 72,
      render: (_, e) => (
        <Popconfirm
          title={t('removeTitle', { name: e.unit.name })}
          description={t('removeHint')}
          okText={t('remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('cancel')}
          onConfirm={() => remove(e)}
        >
          <Button type="link" size="small" danger>
            {t('remove')}
          </Button>
        </Popconfirm>
      ),
    });

  const total = data.evaluatees.length;
  return (
    <>
      <PageTitle
        title={t('title')}
        hint={
          <>
            <span data-i18n="data">{planLabel(data.plan)}</span>
            {t('hint', { count: total })}
          </>
        }
        actions={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('addTitle')}
            </Button>
          )
        }
      />
      {total === 0 ? (
        <Card>
          <Empty description={t('none')}>
            {editable && (
              <Button type="primary" onClick={() => setAdding(true)}>
                {t('addTitle')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {groups.map(({ group, members }) => (
            <Col xs={24} xl={12} key={group}>
              <Card
                size="small"
                title={
                  <Flex gap={8} align="center">
                    {rankingGroupLabels[group]}
                    <Tag style={{ marginInlineEnd: 0 }}>{t('members', { count: members.length })}</Tag>
                  </Flex>
                }
                styles={{ body: { padding: 0 } }}
              >
                <Table<EvaluateeData>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={members}
                  pagination={false}
                  locale={{ emptyText: t('groupEmpty', { group: rankingGroupLabels[group] }) }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <AddEvaluateesModal planId={planId} open={adding} existingUnitIds={existingUnitIds} onClose={() => setAdding(false)} />
    </>
  );
}
