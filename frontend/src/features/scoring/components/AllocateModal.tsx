import { Alert, App, Empty, Flex, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { AllocationPlanQuery } from '../../../gql/graphql';
import { compareDecimals, formatDecimal, sumDecimals } from '../../../lib/decimal';
import { useShowError } from '../../../lib/useShowError';
import { decimalPlaces, parseScoreText } from '../grid';
import { useCommonT } from '../../../lib/messages';
import { useScoringT } from '../messages';

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
  const tr = useScoringT.translate;
  const p = parseScoreText(text);
  if (p.kind === 'empty') return tr('fillPoints');
  if (p.kind !== 'number') return tr('nonNegative');
  if (decimalPlaces(p.value) > 2) return tr('atMostTwo');
  return null;
}

/**
 * R8: a lead unit that leads a whole indicator sets the points of its tasks;
 * they must add up to the indicator's points.
 */
export function AllocateModal({ open, planId, unitId, onClose }: { open: boolean; planId: string; unitId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const tr = useScoringT();
  const common = useCommonT();
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
      void message.success(tr('allocated', { name: indicator.name }));
      onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={tr('allocateTitle')}
      okText={tr('saveAllocation')}
      cancelText={common('cancel')}
      okButtonProps={{ disabled: !ready, loading: state.fetching }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      {!data && fetching ? (
        <Skeleton active />
      ) : error && !data ? (
        <Alert type="error" showIcon title={tr('loadFailed')} />
      ) : indicators.length === 0 ? (
        <Empty description={tr('noOwnIndicator')} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {tr('allocateHint')}
          </Typography.Paragraph>
          <Select
            aria-label={tr('indicator')}
            value={indicator?.id}
            onChange={setIndicatorId}
            options={indicators.map((i) => ({
              value: i.id,
              label: (
                <>
                  <span data-i18n="data">{i.name}</span>
                  {tr('indicatorOption', { points: formatDecimal(i.points), count: i.tasks.length })}
                </>
              ),
            }))}
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
                    title: tr('task'),
                    key: 'task',
                    render: (_, t) => (
                      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t.text }} style={{ margin: 0 }}>
                        <Typography.Text strong>{t.number}.</Typography.Text> <span data-i18n="data">{t.text}</span>
                      </Typography.Paragraph>
                    ),
                  },
                  {
                    title: tr('currentPoints'),
                    key: 'now',
                    width: 110,
                    align: 'right',
                    render: (_, t) =>
                      t.points ? (
                        tr('points', { points: formatDecimal(t.points) })
                      ) : (
                        <span>
                          {formatDecimal(t.effectivePoints)} <Tag color="orange">{tr('evenSplit')}</Tag>
                        </span>
                      ),
                  },
                  {
                    title: tr('newPoints'),
                    key: 'new',
                    width: 130,
                    render: (_, t, i) => (
                      <Input
                        aria-label={tr('taskPoints', { number: t.number })}
                        value={values[t.id] ?? ''}
                        status={values[t.id] && problems[i] ? 'error' : undefined}
                        onChange={(e) => setValues((v) => ({ ...v, [t.id]: e.target.value }))}
                        suffix={tr('pointsSuffix')}
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
                title={tr('sum', { sum: formatDecimal(sum), points: formatDecimal(indicator.points) }) + (balanced ? '' : tr('mustEqual'))}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
