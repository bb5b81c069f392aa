import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { nowInShanghai } from '../../../lib/datetime';
import { useEffect, useMemo } from 'react';
import type { UnitKind } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { emptyAuditFilter, type AuditFilterValues } from '../filter';
import { objectTypeOptions, operationOptions, outcomeMeta, outcomes, type Outcome } from '../labels';

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

const presets = (): { label: string; value: [Dayjs, Dayjs] }[] => [
  { label: '今天', value: [today(), today()] },
  { label: '最近 7 天', value: [today().subtract(6, 'day'), today()] },
  { label: '最近 30 天', value: [today().subtract(29, 'day'), today()] },
  { label: '本月', value: [today().startOf('month'), today()] },
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
          <Form.Item style={{ marginBottom: 12 }} name="username" label="用户" tooltip="登录用的用户名,须完整输入">
            <Input allowClear placeholder="用户名,如 zhuanban1" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="unitId" label="单位">
            <Select allowClear showSearch={{ filterOption: (input, o) => matches(input, o as { label?: string }) }} placeholder="全部单位" options={unitOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="operation" label="操作" tooltip="可从列表选择,也可直接输入操作名">
            <AutoComplete allowClear placeholder="如:登录、修改任务" options={operationOptions} filterOption={(input, o) => matches(input, o)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="outcome" label="结果">
            <Select
              allowClear
              placeholder="全部结果"
              options={outcomes.map((o) => ({ value: o, label: `${outcomeMeta[o].label}(${o})` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="objectType" label="对象类型">
            <AutoComplete allowClear placeholder="如:任务、用户" options={objectTypeOptions} filterOption={(input, o) => matches(input, o)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item style={{ marginBottom: 12 }} name="objectId" label="对象编号">
            <Input allowClear placeholder="如:22" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={8}>
          <Form.Item style={{ marginBottom: 12 }} name="range" label="时间范围">
            <DatePicker.RangePicker allowEmpty={[true, true]} presets={presets()} style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
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
                重置
              </Button>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
            </Flex>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
