import { Col, Descriptions, Empty, Flex, Row, Segmented, Switch, Table, Tag, theme, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { AuditLogQuery } from '../../../gql/graphql';
import { diffJson, leafText, prettyJson, type DiffKind, type DiffRow } from '../json';
import { auditRoleLabel, detailLabel } from '../labels';
import { useAuditT } from '../messages';

export type AuditRow = AuditLogQuery['auditLog']['records'][number];

const kindTags: Record<DiffKind, { label: 'added' | 'removed' | 'changed'; color: string } | null> = {
  added: { label: 'added', color: 'green' },
  removed: { label: 'removed', color: 'red' },
  changed: { label: 'changed', color: 'orange' },
  same: null,
};

function Leaf({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null) return <Typography.Text type="secondary">null</Typography.Text>;
  return (
    <span style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-i18n="data">
      {leafText(value)}
    </span>
  );
}

function JsonBlock({ title, text }: { title: string; text: string }) {
  const { token } = theme.useToken();
  const t = useAuditT();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {text ? (
        <pre
          data-i18n="data"
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
          {t('none')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The expanded row of the audit log: who and where, 说明, and the object before and after. */
export function AuditRecordDetail({ record }: { record: AuditRow }) {
  const { token } = theme.useToken();
  const t = useAuditT();
  const rows = useMemo(() => diffJson(record.before, record.after), [record.before, record.after]);
  const both = rows.some((r) => r.kind !== 'added') && rows.some((r) => r.kind !== 'removed');
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [view, setView] = useState<'diff' | 'json'>('diff');
  const shownRows = both && onlyChanges ? rows.filter((r) => r.kind !== 'same') : rows;
  const detail = detailLabel(record.detail);

  const columns: TableColumnsType<DiffRow> = [
    {
      title: t('field'),
      dataIndex: 'path',
      width: '28%',
      render: (path: string, r) => (
        <Flex gap={6} align="center" wrap="wrap">
          <Typography.Text code style={{ overflowWrap: 'anywhere' }}>
            {path || t('value')}
          </Typography.Text>
          {both && kindTags[r.kind] && (
            <Tag color={kindTags[r.kind]!.color} style={{ marginInlineEnd: 0 }}>
              {t(kindTags[r.kind]!.label)}
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: t('before'), key: 'before', render: (_, r) => <Leaf value={r.before} present={r.kind !== 'added'} /> },
    { title: t('after'), key: 'after', render: (_, r) => <Leaf value={r.after} present={r.kind !== 'removed'} /> },
  ];
  // A creation has only an after, a deletion only a before: one value column.
  const oneSided: TableColumnsType<DiffRow> = [
    { ...columns[0]!, width: '42%' },
    rows.every((r) => r.kind === 'added')
      ? { title: t('created'), key: 'after', render: (_, r) => <Leaf value={r.after} present /> }
      : { title: t('deleted'), key: 'before', render: (_, r) => <Leaf value={r.before} present /> },
  ];

  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }} data-testid="audit-detail">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'req', label: t('requestId'), children: <Typography.Text copyable>{record.requestId}</Typography.Text> },
          { key: 'addr', label: t('clientAddr'), children: record.clientAddr || '—' },
          { key: 'roles', label: t('roles'), children: record.roles.map(auditRoleLabel).join('、') || '—' },
          { key: 'unit', label: t('unit'), children: <span data-i18n="data">{record.unitName ?? '—'}</span> },
          { key: 'detail', label: t('detail'), children: detail ? <span data-i18n="data">{detail}</span> : <Typography.Text type="secondary">—</Typography.Text>, span: 2 },
        ]}
      />
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noChange')} style={{ margin: 0 }} />
      ) : (
        <>
          <Flex gap={16} align="center" wrap="wrap">
            <Segmented<'diff' | 'json'>
              size="small"
              value={view}
              onChange={setView}
              options={[
                { value: 'diff', label: t('diffView') },
                { value: 'json', label: t('jsonView') },
              ]}
            />
            {view === 'diff' && both && (
              <Flex gap={6} align="center">
                <Switch size="small" checked={onlyChanges} onChange={setOnlyChanges} aria-label={t('onlyChanges')} />
                <Typography.Text onClick={() => setOnlyChanges(!onlyChanges)} style={{ cursor: 'pointer' }}>
                  {t('onlyChanges')}({rows.filter((r) => r.kind !== 'same').length}/{rows.length})
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
              locale={{ emptyText: t('noDifference') }}
              tableLayout="fixed"
            />
          ) : (
            <Row gutter={[16, 12]}>
              <Col xs={24} md={12}>
                <JsonBlock title={t('before')} text={prettyJson(record.before)} />
              </Col>
              <Col xs={24} md={12}>
                <JsonBlock title={t('after')} text={prettyJson(record.after)} />
              </Col>
            </Row>
          )}
        </>
      )}
    </Flex>
  );
}
