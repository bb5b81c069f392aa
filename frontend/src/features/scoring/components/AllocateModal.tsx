import { Alert, App, Empty, Flex, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { AllocationPlanQuery } from '../../../gql/graphql';
import { compareDecimals, formatDecimal, sumDecimals } from '../../../lib/decimal';
import { useShowError } from '../../../lib/useShowError';
import { decimalPlaces, parseScoreText } from '../grid';

const allocationPlanQuery = graphql(`
  query AllocationPlan($planId: ID!) {
    plan(id: $planId) {
      id
      dimensions {
        id
        number
        indicators {
          id
          number
          name
          points
          tasks {
            id
            number
            text
            points
            effectivePoints
            leadUnits {
              id
            }
          }
        }
      }
    }
  }
`);

const allocateMutation = graphql(`
  mutation AllocateTaskPoints($input: AllocateTaskPointsInput!) {
    allocateTaskPoints(input: $input) {
      id
      points
      tasks {
        id
        points
        effectivePoints
      }
    }
  }
`);

type IndicatorData = NonNullable<AllocationPlanQuery['plan']>['dimensions'][number]['indicators'][number];

/** The indicators whose every task the unit leads alone (DESIGN R8). */
export function ownIndicators(plan: AllocationPlanQuery['plan'] | undefined, unitId: string): IndicatorData[] {
  return (plan?.dimensions ?? [])
    .flatMap((d) => d.indicators)
    .filter((i) => i.tasks.length > 0 && i.tasks.every((t) => t.leadUnits.length === 1 && t.leadUnits[0]?.id === unitId));
}

function pointsProblem(text: string): string | null {
  const p = parseScoreText(text);
  if (p.kind === 'empty') return '请填写分值';
  if (p.kind !== 'number') return '请填写不小于 0 的数字';
  if (decimalPlaces(p.value) > 2) return '最多两位小数';
  return null;
}

/**
 * R8: a lead unit that leads a whole indicator sets the points of its tasks;
 * they must add up to the indicator's points.
 */
export function AllocateModal({ open, planId, unitId, onClose }: { open: boolean; planId: string; unitId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [{ data, fetching, error }] = useQuery({ query: allocationPlanQuery, variables: { planId }, pause: !open });
  const [state, allocate] = useMutation(allocateMutation);
  const indicators = useMemo(() => ownIndicators(data?.plan, unitId), [data, unitId]);
  const [indicatorId, setIndicatorId] = useState<string | undefined>();
  const [values, setValues] = useState<Record<string, string>>({});
  const indicator = indicators.find((i) => i.id === indicatorId) ?? indicators[0];

  useEffect(() => {
    if (indicator) setValues(Object.fromEntries(indicator.tasks.map((t) => [t.id, t.points ?? ''])));
  }, [indicator]);

  const problems = indicator ? indicator.tasks.map((t) => pointsProblem(values[t.id] ?? '')) : [];
  const numberOf = (taskId: string): string | null => {
    const p = parseScoreText(values[taskId] ?? '');
    return p.kind === 'number' ? p.value : null;
  };
  const sum = indicator ? sumDecimals(indicator.tasks.map((t) => numberOf(t.id) ?? '0')) : '0';
  const balanced = !!indicator && compareDecimals(sum, indicator.points) === 0;
  const ready = !!indicator && problems.every((p) => p === null) && balanced;

  const submit = async () => {
    if (!indicator || !ready) return;
    const r = await allocate(
      {
        input: {
          indicatorId: indicator.id,
          allocations: indicator.tasks.map((t) => ({ taskId: t.id, points: numberOf(t.id) ?? '0' })),
        },
      },
      { additionalTypenames: ['Task', 'Indicator'] },
    );
    if (r.error) showError(r.error);
    else {
      void message.success(`已确定“${indicator.name}”各任务的分值`);
      onClose();
    }
  };

  return (
    <Modal
      open={open}
      title="分配任务分值"
      okText="保存分配"
      cancelText="取消"
      okButtonProps={{ disabled: !ready, loading: state.fetching }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      {!data && fetching ? (
        <Skeleton active />
      ) : error && !data ? (
        <Alert type="error" showIcon title="加载失败,请稍后重试" />
      ) : indicators.length === 0 ? (
        <Empty description="本单位没有独自牵头整个指标的情况;任务分值按考评办法或由专班确定" />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            按考评办法,独自牵头整个指标的牵头单位可自行确定其下各任务的分值,合计须等于指标分值。未确定前各任务平均分配。调整后请核对已录入的分值是否超过新的满分。
          </Typography.Paragraph>
          <Select
            aria-label="指标"
            value={indicator?.id}
            onChange={setIndicatorId}
            options={indicators.map((i) => ({ value: i.id, label: `${i.name}(${formatDecimal(i.points)} 分,${i.tasks.length} 项任务)` }))}
          />
          {indicator && (
            <>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={indicator.tasks}
                columns={[
                  {
                    title: '任务',
                    key: 'task',
                    render: (_, t) => (
                      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t.text }} style={{ margin: 0 }}>
                        <Typography.Text strong>{t.number}.</Typography.Text> {t.text}
                      </Typography.Paragraph>
                    ),
                  },
                  {
                    title: '现分值',
                    key: 'now',
                    width: 110,
                    align: 'right',
                    render: (_, t) =>
                      t.points ? (
                        `${formatDecimal(t.points)} 分`
                      ) : (
                        <span>
                          {formatDecimal(t.effectivePoints)} <Tag color="orange">均分</Tag>
                        </span>
                      ),
                  },
                  {
                    title: '新分值',
                    key: 'new',
                    width: 130,
                    render: (_, t, i) => (
                      <Input
                        aria-label={`任务${t.number}分值`}
                        value={values[t.id] ?? ''}
                        status={values[t.id] && problems[i] ? 'error' : undefined}
                        onChange={(e) => setValues((v) => ({ ...v, [t.id]: e.target.value }))}
                        suffix="分"
                        inputMode="decimal"
                        title={problems[i] ?? undefined}
                      />
                    ),
                  },
                ]}
              />
              <Alert
                type={balanced ? 'success' : 'warning'}
                showIcon
                title={`合计 ${formatDecimal(sum)} 分 / 指标分值 ${formatDecimal(indicator.points)} 分${balanced ? '' : ',须相等'}`}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
