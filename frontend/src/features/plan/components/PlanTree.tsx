import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Table, Tag, theme, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { DeadlineView } from '../../../components/DeadlineView';
import { PointsText } from '../../../components/PointsText';
import { compareDecimals, formatDecimal, sumDecimals } from '../../../lib/decimal';
import { dimensionNumberLabel, indicatorNumberLabel } from '../../../lib/labels';
import { useCommonT } from '../../../lib/messages';
import { usePlanT } from '../messages';
import type { DimensionData, IndicatorData, PlanData, TaskData } from '../types';

type Row =
  | { key: string; kind: 'dimension'; dimension: DimensionData; children: Row[] }
  | { key: string; kind: 'indicator'; indicator: IndicatorData; children: Row[] }
  | { key: string; kind: 'task'; task: TaskData };

export interface PlanTreeActions {
  openTask: (task: TaskData) => void;
  editDimension: (d: DimensionData) => void;
  deleteDimension: (d: DimensionData) => Promise<void>;
  addIndicator: (d: DimensionData) => void;
  editIndicator: (i: IndicatorData) => void;
  deleteIndicator: (i: IndicatorData) => Promise<void>;
  addTask: (i: IndicatorData) => void;
  editTask: (t: TaskData) => void;
  deleteTask: (t: TaskData) => Promise<void>;
}

function toRows(plan: PlanData): Row[] {
  return plan.dimensions.map((dimension) => ({
    key: `dimension:${dimension.id}`,
    kind: 'dimension',
    dimension,
    children: dimension.indicators.map((indicator) => ({
      key: `indicator:${indicator.id}`,
      kind: 'indicator',
      indicator,
      children: indicator.tasks.map((task) => ({ key: `task:${task.id}`, kind: 'task', task })),
    })),
  }));
}

function groupKeys(rows: Row[]): string[] {
  return rows.flatMap((r) => (r.kind === 'task' ? [] : [r.key, ...groupKeys(r.children)]));
}

/** "Σ of the parts is not the whole" as a warning icon with the figures. */
function SumWarning({ parts, whole, partName }: { parts: string[]; whole: string; partName: string }) {
  const t = usePlanT();
  if (parts.length === 0) return null;
  const sum = sumDecimals(parts);
  if (compareDecimals(sum, whole) === 0) return null;
  return (
    <Tooltip title={t('sumMismatch', { parts: partName, sum: formatDecimal(sum), whole: formatDecimal(whole) })}>
      <ExclamationCircleOutlined style={{ color: '#d46b08', marginInlineStart: 6 }} aria-label={t('sumMismatchLabel')} />
    </Tooltip>
  );
}

function ConfirmDelete({ title, description, onConfirm }: { title: string; description: string; onConfirm: () => Promise<void> }) {
  const t = usePlanT();
  const common = useCommonT();
  return (
    <Popconfirm title={title} description={description} okText={t('delete')} okButtonProps={{ danger: true }} cancelText={common('cancel')} onConfirm={onConfirm}>
      <Button type="link" size="small" danger>
        {t('delete')}
      </Button>
    </Popconfirm>
  );
}

/**
 * The plan's indicator system as one expandable table: dimensions (方面) →
 * indicators (指标大项) → tasks (重点任务) with points, deadline and lead units.
 */
export function PlanTree({
  plan,
  actions,
  compact = false,
  editable = true,
}: {
  plan: PlanData;
  actions: PlanTreeActions;
  compact?: boolean;
  /** False for users who may only read the plan: only 详情 is offered. */
  editable?: boolean;
}) {
  const tr = usePlanT();
  const readOnly = compact || !editable;
  const { token } = theme.useToken();
  const rows = useMemo(() => toRows(plan), [plan]);
  const allKeys = useMemo(() => groupKeys(rows), [rows]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expanded = allKeys.filter((k) => !collapsed.has(k));
  // Fixed columns grow with the type (长辈模式).
  const w = (px: number) => Math.round((px * token.fontSize) / 14);

  const columns: TableColumnsType<Row> = [
    {
      title: tr('colContent'),
      key: 'content',
      render: (_, r) => {
        if (r.kind === 'dimension') {
          const d = r.dimension;
          return (
            <Typography.Text strong style={{ fontSize: token.fontSizeLG }}>
              <span data-i18n="data">
                {dimensionNumberLabel(d.number)}
                {d.name}
              </span>
              <SumWarning parts={d.indicators.map((i) => i.points)} whole={d.points} partName={tr('partIndicators')} />
            </Typography.Text>
          );
        }
        if (r.kind === 'indicator') {
          const i = r.indicator;
          const own = i.tasks.filter((t) => t.points !== null).map((t) => t.points ?? '0');
          return (
            <Typography.Text strong>
              <span data-i18n="data">
                {indicatorNumberLabel(i.number)}
                {i.name}
              </span>
              {own.length === i.tasks.length && <SumWarning parts={own} whole={i.points} partName={tr('partTasks')} />}
            </Typography.Text>
          );
        }
        const t = r.task;
        return (
          <div
            role="button"
            tabIndex={0}
            title={tr('openTask')}
            onClick={() => actions.openTask(t)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') actions.openTask(t);
            }}
            style={{ cursor: 'pointer' }}
          >
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} data-task-text="">
              <Typography.Text strong>{t.number}.</Typography.Text> <span data-i18n="data">{t.text}</span>
            </Typography.Paragraph>
            {compact && (
              <Flex gap={4} wrap="wrap" style={{ marginTop: 4 }}>
                {t.leadUnits.map((u) => (
                  <Tag key={u.id} style={{ marginInlineEnd: 0 }} data-i18n="data">
                    {u.name}
                  </Tag>
                ))}
              </Flex>
            )}
          </div>
        );
      },
    },
    {
      title: tr('colPoints'),
      key: 'points',
      width: w(compact ? 84 : 112),
      render: (_, r) => {
        if (r.kind === 'dimension') return <Typography.Text strong>{tr('points', { points: formatDecimal(r.dimension.points) })}</Typography.Text>;
        if (r.kind === 'indicator') return <Typography.Text>{tr('points', { points: formatDecimal(r.indicator.points) })}</Typography.Text>;
        return <PointsText points={r.task.points} effectivePoints={r.task.effectivePoints} />;
      },
    },
    ...(compact
      ? []
      : ([
          {
            title: tr('colDeadline'),
            key: 'deadline',
            width: w(200),
            render: (_, r) => (r.kind === 'task' ? <DeadlineView deadline={r.task.deadline} /> : null),
          },
          {
            title: tr('colLeads'),
            key: 'leadUnits',
            width: w(200),
            render: (_, r) =>
              r.kind === 'task' ? (
                r.task.leadUnits.length === 0 ? (
                  <Typography.Text type="secondary">{tr('unstated')}</Typography.Text>
                ) : (
                <Flex gap={4} wrap="wrap" data-lead-units="">
                  {r.task.leadUnits.map((u) => (
                    <Tag key={u.id} color="blue" style={{ marginInlineEnd: 0 }} data-i18n="data">
                      {u.name}
                    </Tag>
                  ))}
                </Flex>
                )
              ) : null,
          },
        ] satisfies TableColumnsType<Row>)),
    {
      title: tr('colActions'),
      key: 'actions',
      width: w(readOnly ? 76 : 190),
      render: (_, r) => {
        if (readOnly) {
          return r.kind === 'task' ? (
            <Button type="link" size="small" onClick={() => actions.openTask(r.task)}>
              {tr('details')}
            </Button>
          ) : null;
        }
        if (r.kind === 'dimension') {
          const d = r.dimension;
          return (
            <Flex wrap="wrap">
              <Button type="link" size="small" onClick={() => actions.addIndicator(d)}>
                {tr('addIndicator')}
              </Button>
              <Button type="link" size="small" onClick={() => actions.editDimension(d)}>
                {tr('edit')}
              </Button>
              <ConfirmDelete
                title={tr('deleteDimension', { name: d.name })}
                description={tr('deleteDimensionHint')}
                onConfirm={() => actions.deleteDimension(d)}
              />
            </Flex>
          );
        }
        if (r.kind === 'indicator') {
          const i = r.indicator;
          return (
            <Flex wrap="wrap">
              <Button type="link" size="small" onClick={() => actions.addTask(i)}>
                {tr('addTask')}
              </Button>
              <Button type="link" size="small" onClick={() => actions.editIndicator(i)}>
                {tr('edit')}
              </Button>
              <ConfirmDelete
                title={tr('deleteIndicator', { name: i.name })}
                description={tr('deleteIndicatorHint')}
                onConfirm={() => actions.deleteIndicator(i)}
              />
            </Flex>
          );
        }
        const t = r.task;
        return (
          <Flex wrap="wrap">
            <Button type="link" size="small" onClick={() => actions.openTask(t)}>
              {tr('details')}
            </Button>
            <Button type="link" size="small" onClick={() => actions.editTask(t)}>
              {tr('edit')}
            </Button>
            <ConfirmDelete
              title={tr('deleteTask', { number: t.number })}
              description={tr('deleteTaskHint')}
              onConfirm={() => actions.deleteTask(t)}
            />
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => setCollapsed(new Set())}>
          {tr('expandAll')}
        </Button>
        <Button size="small" onClick={() => setCollapsed(new Set(allKeys))}>
          {tr('collapseAll')}
        </Button>
      </Flex>
      <Table<Row>
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="middle"
        tableLayout="fixed"
        sticky={{ offsetHeader: 64 }}
        expandable={{
          expandedRowKeys: expanded,
          indentSize: compact ? 8 : 20,
          onExpand: (open, r) =>
            setCollapsed((prev) => {
              const next = new Set(prev);
              if (open) next.delete(r.key);
              else next.add(r.key);
              return next;
            }),
        }}
        onRow={(r) => ({
          'data-kind': r.kind,
          style: r.kind === 'dimension' ? { background: token.colorFillQuaternary } : undefined,
        })}
        locale={{ emptyText: tr('emptyPlan') }}
      />
    </>
  );
}
