import { Col, Descriptions, Empty, Flex, Row, Segmented, Switch, Table, Tag, theme, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { AuditLogQuery } from '../../../gql/graphql';
import { diffJson, leafText, prettyJson, type DiffKind, type DiffRow } from '../json';
import { auditRoleLabel, detailLabel } from '../labels';

export type AuditRow = AuditLogQuery['auditLog']['records'][number];

const kindTags: Record<DiffKind, { label: string; color: string } | null> = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '修改', color: 'orange' },
  same: null,
};

function Leaf({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null) return <Typography.Text type="secondary">null</Typography.Text>;
  return <span style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{leafText(value)}</span>;
}

function JsonBlock({ title, text }: { title: string; text: string }) {
  const { token } = theme.useToken();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {text ? (
        <pre
          style={{
            margin: '6px 0 0',
            padding: 12,
            maxHeight: 360,
            overflow: 'auto',
            background: token.colorFillQuaternary,
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadius,
            fontSize: 12,
            lineHeight: 1.6,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {text}
        </pre>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          (无)
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The expanded row of the audit log: who and where, 说明, and the object before and after. */
export function AuditRecordDetail({ record }: { record: AuditRow }) {
  const { token } = theme.useToken();
  const rows = useMemo(() => diffJson(record.before, record.after), [record.before, record.after]);
  const both = rows.some((r) => r.kind !== 'added') && rows.some((r) => r.kind !== 'removed');
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [view, setView] = useState<'diff' | 'json'>('diff');
  const shownRows = both && onlyChanges ? rows.filter((r) => r.kind !== 'same') : rows;
  const detail = detailLabel(record.detail);

  const columns: TableColumnsType<DiffRow> = [
    {
      title: '字段',
      dataIndex: 'path',
      width: '28%',
      render: (path: string, r) => (
        <Flex gap={6} align="center" wrap="wrap">
          <Typography.Text code style={{ overflowWrap: 'anywhere' }}>
            {path || '(值)'}
          </Typography.Text>
          {both && kindTags[r.kind] && (
            <Tag color={kindTags[r.kind]!.color} style={{ marginInlineEnd: 0 }}>
              {kindTags[r.kind]!.label}
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: '修改前', key: 'before', render: (_, r) => <Leaf value={r.before} present={r.kind !== 'added'} /> },
    { title: '修改后', key: 'after', render: (_, r) => <Leaf value={r.after} present={r.kind !== 'removed'} /> },
  ];
  // A creation has only an after, a deletion only a before: one value column.
  const oneSided: TableColumnsType<DiffRow> = [
    { ...columns[0]!, width: '42%' },
    rows.every((r) => r.kind === 'added')
      ? { title: '新建的内容', key: 'after', render: (_, r) => <Leaf value={r.after} present /> }
      : { title: '删除前的内容', key: 'before', render: (_, r) => <Leaf value={r.before} present /> },
  ];

  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }} data-testid="audit-detail">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'req', label: '请求编号', children: <Typography.Text copyable>{record.requestId}</Typography.Text> },
          { key: 'addr', label: '客户端地址', children: record.clientAddr || '—' },
          { key: 'roles', label: '角色', children: record.roles.map(auditRoleLabel).join('、') || '—' },
          { key: 'unit', label: '单位', children: record.unitName ?? '—' },
          { key: 'detail', label: '说明', children: detail ?? <Typography.Text type="secondary">—</Typography.Text>, span: 2 },
        ]}
      />
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该操作没有修改数据" style={{ margin: 0 }} />
      ) : (
        <>
          <Flex gap={16} align="center" wrap="wrap">
            <Segmented<'diff' | 'json'>
              size="small"
              value={view}
              onChange={setView}
              options={[
                { value: 'diff', label: '逐项对比' },
                { value: 'json', label: '原始 JSON' },
              ]}
            />
            {view === 'diff' && both && (
              <Flex gap={6} align="center">
                <Switch size="small" checked={onlyChanges} onChange={setOnlyChanges} aria-label="只看变化的字段" />
                <Typography.Text onClick={() => setOnlyChanges(!onlyChanges)} style={{ cursor: 'pointer' }}>
                  只看变化的字段({rows.filter((r) => r.kind !== 'same').length}/{rows.length})
                </Typography.Text>
              </Flex>
            )}
          </Flex>
          {view === 'diff' ? (
            <Table<DiffRow>
              size="small"
              rowKey="path"
              columns={both ? columns : oneSided}
              dataSource={shownRows}
              pagination={false}
              bordered
              onRow={(r) => ({ style: both && r.kind !== 'same' ? { background: token.colorWarningBg } : undefined })}
              locale={{ emptyText: '修改前后没有区别' }}
              tableLayout="fixed"
            />
          ) : (
            <Row gutter={[16, 12]}>
              <Col xs={24} md={12}>
                <JsonBlock title="修改前" text={prettyJson(record.before)} />
              </Col>
              <Col xs={24} md={12}>
                <JsonBlock title="修改后" text={prettyJson(record.after)} />
              </Col>
            </Row>
          )}
        </>
      )}
    </Flex>
  );
}
