import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { nowInShanghai } from '../../../lib/datetime';
import { useEffect, useMemo } from 'react';
import type { UnitKind } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { emptyAuditFilter, type AuditFilterValues } from '../filter';
import { objectTypeOptions, operationOptions, outcomeMeta, outcomes, type Outcome } from '../labels';
import { useAuditT } from '../messages';

interface FormValues {
  username?: string;
  unitId?: string;
  operation?: string;
  objectType?: string;
  objectId?: string;
  outcome?: Outcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toForm(f: AuditFilterValues): FormValues {
  return {
    username: f.username,
    unitId: f.unitId || undefined,
    operation: f.operation,
    objectType: f.objectType,
    objectId: f.objectId,
    outcome: f.outcome || undefined,
    range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
  };
}

function fromForm(v: FormValues): AuditFilterValues {
  const [from, to] = v.range ?? [null, null];
  return {
    username: (v.username ?? '').trim(),
    unitId: v.unitId ?? '',
    operation: (v.operation ?? '').trim(),
    objectType: (v.objectType ?? '').trim(),
    objectId: (v.objectId ?? '').trim(),
    outcome: v.outcome ?? '',
    from: from ? from.format('YYYY-MM-DD') : '',
    to: to ? to.format('YYYY-MM-DD') : '',
  };
}

const matches = (input: string, option?: { label?: string; value?: string }) =>
  `${option?.label ?? ''}`.toLowerCase().includes(input.trim().toLowerCase());

// Days as the users' calendar has them (Shanghai), not the browser's.
const today = () => nowInShanghai().startOf('day');

const presets = (t: ReturnType<typeof useAuditT>): { label: string; value: [Dayjs, Dayjs] }[] => [
  { label: t('today'), value: [today(), today()] },
  { label: t('last7'), value: [today().subtract(6, 'day'), today()] },
  { label: t('last30'), value: [today().subtract(29, 'day'), today()] },
  { label: t('thisMonth'), value: [today().startOf('month'), today()] },
];

/** The filters of the audit log; applied by 查询, cleared by 重置. */
export function AuditFilters({
  value,
  units,
  onApply,
}: {
  value: AuditFilterValues;
  units: readonly { id: string; name: string; kind: UnitKind }[];
  onApply: (f: AuditFilterValues) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const t = useAuditT();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(value));
  }, [form, value]);
  const unitOptions = useMemo(
    () =>
      unitKinds
        .map((k) => ({ label: unitKindLabels[k], title: unitKindLabels[k], options: units.filter((u) => u.kind === k).map((u) => ({ value: u.id, label: u.name })) }))
        .filter((g) => g.options.length > 0),
    [units],
  );

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(v) => onApply(fromForm(v))} initialValues={toForm(value)} className="audit-filters">
      <Row gutter={[16, 0]} style={{ marginBottom: -12 }}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="username" label={t('user')} tooltip={t('userTip')}>
            <Input allowClear placeholder={t('userPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="unitId" label={t('unit')}>
            <Select allowClear showSearch={{ filterOption: (input, o) => matches(input, o as { label?: string }) }} placeholder={t('allUnits')} options={unitOptions} labelRender={(o) => <span data-i18n="data">{o.label}</span>} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="operation" label={t('operation')} tooltip={t('operationTip')}>
            <AutoComplete allowClear placeholder={t('operationPlaceholder')} options={operationOptions()} filterOption={(input, o) => matches(input, o)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="outcome" label={t('outcome')}>
            <Select
              allowClear
              placeholder={t('allOutcomes')}
              options={outcomes.map((o) => ({ value: o, label: `${outcomeMeta(o).label}(${o})` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="objectType" label={t('objectType')}>
            <AutoComplete allowClear placeholder={t('objectTypePlaceholder')} options={objectTypeOptions()} filterOption={(input, o) => matches(input, o)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="objectId" label={t('objectId')}>
            <Input allowClear placeholder={t('objectIdPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={8}>
          <Form.Item style={{ marginBottom: 12 }} name="range" label={t('range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} presets={presets(t)} style={{ width: '100%' }} placeholder={[t('from'), t('to')]} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={4}>
          <Form.Item style={{ marginBottom: 12 }} label={<span aria-hidden>&nbsp;</span>} colon={false}>
            <Flex gap={8} justify="flex-end">
              <Button
                onClick={() => {
                  form.setFieldsValue(toForm(emptyAuditFilter));
                  onApply(emptyAuditFilter);
                }}
              >
                {t('reset')}
              </Button>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('query')}
              </Button>
            </Flex>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
