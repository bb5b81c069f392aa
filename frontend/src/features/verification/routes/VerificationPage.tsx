import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Grid, Input, Result, Segmented, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PeriodStateTag, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { PeriodAction, PeriodState, ScoreStatus } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { enumLabel } from '../../../lib/enumLabels';
import { formatTime } from '../../../lib/evaluation';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { DecisionModal, type Decision, type DecisionValues } from '../components/DecisionModal';
import { FlagTags } from '../components/FlagTags';
import { RowDetail } from '../components/RowDetail';
import { verificationLookupQuery, verificationQueueQuery, verifyScoresMutation } from '../documents';
import { useVerificationT } from '../messages';
import type { QueueRow } from '../types';


const queueContext = { additionalTypenames: ['Score'] };

/** `/plans/:planId/verification`: the 专班 verifies the lead units' submitted scores. */
export function VerificationPage() {
  const tr = useVerificationT();
  const { planId = '' } = useParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  if (!can('TASK_FORCE')) return <Result status="403" title={tr('taskForceOnly')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={tr('planNotFound')} />;

  return (
    <>
      <PageTitle
        title={tr('title')}
        hint={tr('hint')}
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {!period ? (
        <Card>
          <Empty description={tr('noPeriods')} />
        </Card>
      ) : (
        <Queue key={period.id} planId={planId} periodId={period.id} periodName={period.name} periodState={period.state} allowedActions={period.allowedActions} />
      )}
    </>
  );
}

function Queue({
  planId,
  periodId,
  periodName,
  periodState,
  allowedActions,
}: {
  planId: string;
  periodId: string;
  periodName: string;
  periodState: PeriodState;
  allowedActions: readonly PeriodAction[];
}) {
  const tr = useVerificationT();
  const { message } = App.useApp();
  const showError = useShowError();
  const screens = Grid.useBreakpoint();
  const compact = !(screens.md ?? true);
  const [status, setStatus] = useState<ScoreStatus>('SUBMITTED');
  const [lookup] = useQuery({ query: verificationLookupQuery, variables: { planId } });
  const [queue, reexecute] = useQuery({ query: verificationQueueQuery, variables: { periodId, status }, context: useMemo(() => queueContext, []) });
  const [verifyState, verify] = useMutation(verifyScoresMutation);
  const [selected, setSelected] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [decision, setDecision] = useState<{ row: QueueRow; kind: Decision } | null>(null);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  // What this user may do is the server's answer, not a copy of its rules.
  const canVerify = allowedActions.includes('VERIFY_SCORES');

  const rows = useMemo<QueueRow[]>(() => {
    const tasks = new Map(lookup.data?.plan?.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).map((t) => [t.id, t]) ?? []);
    const evaluatees = new Map((lookup.data?.evaluatees ?? []).map((e) => [e.id, e]));
    return (queue.data?.verificationQueue ?? [])
      .map((s) => {
        const t = tasks.get(s.taskId);
        const e = evaluatees.get(s.evaluateeId);
        return {
          ...s,
          taskNumber: t?.number ?? 0,
          taskText: t?.text ?? tr('taskNumber', { number: s.taskId }),
          maxPoints: t?.effectivePoints ?? null,
          evaluateeName: e ? e.unit.name : tr('evaluateeFallback', { id: s.evaluateeId }),
          evaluateeSort: e ? (e.group === 'DISTRICTS' ? 0 : 100000) + e.unit.sortKey : 0,
        };
      })
      .sort((a, b) => a.taskNumber - b.taskNumber || a.evaluateeSort - b.evaluateeSort || a.leadUnit.name.localeCompare(b.leadUnit.name, 'zh'));
  }, [lookup.data, queue.data, tr]);

  // Every word typed must appear in the task (任务12 or its text), the evaluatee or the lead unit.
  const flaggedCount = useMemo(() => rows.filter((r) => r.flags.length > 0).length, [rows]);
  const shown = useMemo(() => {
    const words = search.trim().split(/\s+/).filter(Boolean);
    const candidates = flaggedOnly ? rows.filter((r) => r.flags.length > 0) : rows;
    if (words.length === 0) return candidates;
    return candidates.filter((r) => {
      const hay = `任务${r.taskNumber} ${r.taskText} ${r.evaluateeName} ${r.leadUnit.name} ${r.enteredBy}`;
      return words.every((w) => (/^任务\d+$/.test(w) ? new RegExp(`${w}(?!\\d)`).test(hay) : hay.includes(w)));
    });
  }, [rows, search, flaggedOnly]);

  const groupOf = useMemo(() => new Map((lookup.data?.evaluatees ?? []).map((e) => [e.id, e.group])), [lookup.data]);
  const own = (r: QueueRow) => r.enteredByMe;

  const run = async (items: Array<{ scoreId: string; version: number; action: 'ACCEPT' | 'ADJUST' | 'RETURN'; value?: string; reason?: string }>, done: string) => {
    const r = await verify({ input: { items } }, queueContext);
    if (r.error) {
      showError(r.error, { onConflict: reload });
      return false;
    }
    void message.success(done);
    setSelected([]);
    return true;
  };

  // A flagged score is confirmed one at a time, with a note: the bulk
  // action accepts the others and leaves the flagged ones selected.
  const acceptSelected = async () => {
    const chosen = shown.filter((r) => selected.includes(r.id));
    const flagged = chosen.filter((r) => r.flags.length > 0);
    const items = chosen.filter((r) => r.flags.length === 0).map((r) => ({ scoreId: r.id, version: r.version, action: 'ACCEPT' as const }));
    if (items.length > 0 && !(await run(items, tr('acceptedMany', { count: items.length })))) return;
    if (flagged.length > 0) {
      setSelected(flagged.map((r) => r.id));
      void message.warning(tr('flaggedLeft', { count: flagged.length }));
    }
  };
  const accept = (r: QueueRow) => {
    if (r.flags.length > 0) setDecision({ row: r, kind: 'ACCEPT' });
    else void run([{ scoreId: r.id, version: r.version, action: 'ACCEPT' }], tr('acceptedOne', { evaluatee: r.evaluateeName, number: r.taskNumber }));
  };

  const decide = async (v: DecisionValues) => {
    if (!decision) return;
    const { row, kind } = decision;
    const ok = await run(
      [{ scoreId: row.id, version: row.version, action: kind, reason: v.reason, ...(kind === 'ADJUST' ? { value: v.value } : {}) }],
      kind === 'ADJUST'
        ? tr('adjusted', { evaluatee: row.evaluateeName, number: row.taskNumber, value: v.value ?? '' })
        : kind === 'ACCEPT'
          ? tr('confirmed', { evaluatee: row.evaluateeName, number: row.taskNumber })
          : tr('returned', { unit: row.leadUnit.name }),
    );
    if (ok) setDecision(null);
  };

  const uniq = (values: string[]) => [...new Set(values)].map((v) => ({ text: v, value: v }));
  const columns: TableColumnsType<QueueRow> = [
    {
      title: tr('colTask'),
      key: 'task',
      width: 260,
      filters: uniq(rows.map((r) => tr('taskNumber', { number: r.taskNumber }))),
      filterSearch: true,
      onFilter: (v, r) => tr('taskNumber', { number: r.taskNumber }) === v,
      render: (_, r) => (
        <Tooltip title={r.taskText} placement="topLeft" mouseEnterDelay={0.3}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            <Typography.Text strong>{tr('taskNumber', { number: r.taskNumber })}</Typography.Text> <span data-i18n="data">{r.taskText}</span>
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
    {
      title: tr('colEvaluatee'),
      key: 'evaluatee',
      width: 130,
      filters: [
        { text: enumLabel('RankingGroup', 'DISTRICTS'), value: 'DISTRICTS' },
        { text: enumLabel('RankingGroup', 'DEPARTMENTS'), value: 'DEPARTMENTS' },
        ...uniq(rows.map((r) => r.evaluateeName)),
      ],
      filterSearch: true,
      onFilter: (v, r) => r.evaluateeName === v || groupOf.get(r.evaluateeId) === v,
      render: (_, r) => <span data-i18n="data">{r.evaluateeName}</span>,
    },
    {
      title: tr('colLead'),
      key: 'lead',
      width: 130,
      responsive: ['md'],
      filters: uniq(rows.map((r) => r.leadUnit.name)),
      onFilter: (v, r) => r.leadUnit.name === v,
      render: (_, r) => <span data-i18n="data">{r.leadUnit.name}</span>,
    },
    {
      title: tr('colScore'),
      key: 'value',
      width: 110,
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          <Typography.Text strong>{formatDecimal(r.value)}</Typography.Text>
          {r.maxPoints && <Typography.Text type="secondary"> / {formatDecimal(r.maxPoints)}</Typography.Text>}
          {r.originalValue && (
            <div>
              <Tooltip title={tr('adjustedFrom', { value: formatDecimal(r.originalValue), reason: r.reviewReason ?? '' })}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {tr('adjustedTag')}
                </Tag>
              </Tooltip>
            </div>
          )}
        </span>
      ),
    },
    {
      title: tr('colFlags'),
      key: 'flags',
      width: 150,
      responsive: ['md'],
      render: (_, r) => (r.flags.length > 0 ? <FlagTags flags={r.flags} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: tr('colComment'),
      dataIndex: 'comment',
      responsive: ['lg'],
      render: (c: string, r) =>
        status === 'RETURNED' ? (
          <Typography.Text type="warning">{tr('returnReason', { reason: r.reviewReason ?? '' })}</Typography.Text>
        ) : c ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c }} style={{ margin: 0 }} data-i18n="data">
            {c}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: status === 'VERIFIED' ? tr('colEnteredVerified') : tr('colEntered'),
      key: 'entered',
      width: 170,
      responsive: ['sm'],
      render: (_, r) => (
        <Flex vertical gap={0} style={{ fontSize: 12 }}>
          <span>
            <span data-i18n="data">{r.enteredBy}</span>
            {own(r) && (
              <Tag color="purple" style={{ marginInlineStart: 4 }}>
                {tr('mine')}
              </Tag>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.enteredAt)}
          </Typography.Text>
          {r.verifiedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tr('verifiedBy', { user: r.verifiedBy, time: formatTime(r.verifiedAt) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];
  const actions = (r: QueueRow) =>
    own(r) ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {tr('ownEntry')}
      </Typography.Text>
    ) : (
      <Flex gap={0} wrap="wrap" vertical={compact}>
        <Button type="link" size="small" onClick={() => accept(r)}>
          {tr('accept')}
        </Button>
        <Button type="link" size="small" onClick={() => setDecision({ row: r, kind: 'ADJUST' })}>
          {tr('adjust')}
        </Button>
        <Button type="link" size="small" danger onClick={() => setDecision({ row: r, kind: 'RETURN' })}>
          {tr('return')}
        </Button>
      </Flex>
    );
  if (status === 'SUBMITTED' && canVerify) columns.push({ title: tr('colActions'), key: 'actions', width: 168, fixed: 'right', render: (_, r) => actions(r) });

  // On a phone: one column with everything, and the buttons beside it.
  const compactColumns: TableColumnsType<QueueRow> = [
    {
      title: tr('colValue'),
      key: 'all',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>
            {tr('taskNumber', { number: r.taskNumber })} · <span data-i18n="data">{r.evaluateeName}</span>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span data-i18n="data">
              {r.leadUnit.name} · {r.enteredBy}
            </span>
          </Typography.Text>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>
            <Typography.Text strong>{formatDecimal(r.value)}</Typography.Text>
            {r.maxPoints && <Typography.Text type="secondary">{tr('outOfMax', { max: formatDecimal(r.maxPoints) })}</Typography.Text>}
            {status === 'RETURNED' && r.reviewReason && <Typography.Text type="warning">{tr('returnedShort', { reason: r.reviewReason })}</Typography.Text>}
          </span>
          <FlagTags flags={r.flags} />
        </Flex>
      ),
    },
    ...(status === 'SUBMITTED' && canVerify ? [{ title: tr('colActions'), key: 'actions', width: 64, render: (_: unknown, r: QueueRow) => actions(r) }] : []),
  ];

  const first = !queue.data && queue.fetching;
  const failed = queue.error && !queue.data;
  const selectable = status === 'SUBMITTED' && canVerify;

  return (
    <>
      {!canVerify && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={tr('notVerifiable', { period: periodName, state: enumLabel('PeriodState', periodState) })}
          description={tr('notVerifiableHint')}
        />
      )}
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <Flex justify="space-between" align="center" gap={12} wrap="wrap" style={{ marginBottom: 12 }}>
          <Flex gap={12} align="center" wrap="wrap">
            <Segmented<ScoreStatus>
              value={status}
              onChange={(v) => {
                setStatus(v);
                setSelected([]);
              }}
              options={[
                { value: 'SUBMITTED', label: tr('viewSubmitted') },
                { value: 'VERIFIED', label: tr('viewVerified') },
                { value: 'RETURNED', label: tr('viewReturned') },
              ]}
            />
            <PeriodStateTag state={periodState} />
            <Typography.Text type="secondary">{shown.length === rows.length ? tr('total', { count: rows.length }) : tr('showing', { shown: shown.length, count: rows.length })}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap="wrap" style={{ flex: compact ? '1 1 100%' : undefined }}>
            {status === 'SUBMITTED' && (
              <Flex gap={6} align="center">
                <Switch size="small" checked={flaggedOnly} onChange={setFlaggedOnly} aria-label={tr('flaggedOnly')} />
                <Typography.Text>{tr('flaggedOnlyCount', { count: flaggedCount })}</Typography.Text>
              </Flex>
            )}
            <Input.Search
              allowClear
              placeholder={tr('search')}
              aria-label={tr('searchLabel')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: compact ? '100%' : 260 }}
            />
            {selectable && (
              <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={verifyState.fetching && selected.length > 0} onClick={() => void acceptSelected()}>
                {tr('acceptSelected')}
                {selected.length > 0 ? `(${selected.length})` : ''}
              </Button>
            )}
          </Flex>
        </Flex>
        {first ? (
          <PageLoading rows={8} />
        ) : failed ? (
          <QueryError error={queue.error} onRetry={reload} />
        ) : (
          <Table<QueueRow>
            rowKey="id"
            size="middle"
            columns={compact ? compactColumns : columns}
            dataSource={shown}
            loading={lookup.fetching && !lookup.data}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (n) => tr('total', { count: n }) } : false}
            scroll={compact ? undefined : { x: 900 }}
            rowSelection={
              selectable
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getCheckboxProps: (r) => ({ disabled: own(r), title: own(r) ? tr('ownEntryCheckbox') : undefined }),
                  }
                : undefined
            }
            expandable={{ expandedRowRender: (r) => <RowDetail row={r} periodId={periodId} />, columnTitle: '' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={status === 'SUBMITTED' ? tr('emptySubmitted') : status === 'VERIFIED' ? tr('emptyVerified') : tr('emptyReturned')}
                />
              ),
            }}
          />
        )}
      </Card>
      <DecisionModal row={decision?.row ?? null} decision={decision?.kind ?? 'ADJUST'} busy={verifyState.fetching} onCancel={() => setDecision(null)} onOk={(v) => void decide(v)} />
    </>
  );
}
