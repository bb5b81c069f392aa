import { PaperClipOutlined } from '@ant-design/icons';
import { Col, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { enumLabel } from '../../../lib/enumLabels';
import { formatFileSize, formatTime, progressStateColors } from '../../../lib/evaluation';
import { rowReportsQuery } from '../documents';
import { useVerificationT } from '../messages';
import type { QueueRow } from '../types';
import { FlagList } from './FlagTags';

/** Under a queue row: the score's history and the evaluatee's progress report on the task. */
export function RowDetail({ row, periodId }: { row: QueueRow; periodId: string }) {
  const t = useVerificationT();
  const [{ data, fetching, error }] = useQuery({ query: rowReportsQuery, variables: { periodId, evaluateeId: row.evaluateeId } });
  const report = data?.progressReports.find((r) => r.taskId === row.taskId);

  return (
    <Row gutter={[24, 12]} style={{ padding: '4px 8px' }}>
      {row.flags.length > 0 && (
        <Col span={24}>
          <FlagList flags={row.flags} />
        </Col>
      )}
      <Col xs={24} xl={14}>
        <Typography.Text strong>{t('history')}</Typography.Text>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          style={{ marginTop: 6 }}
          dataSource={row.history}
          columns={[
            { title: t('colTime'), dataIndex: 'at', width: 136, render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span> },
            { title: t('colUser'), dataIndex: 'username' },
            { title: t('colAction'), dataIndex: 'action', width: 84, render: (a: string) => <span style={{ whiteSpace: 'nowrap' }}>{enumLabel('ScoreChangeAction', a)}</span> },
            {
              title: t('colValue'),
              key: 'value',
              width: 110,
              align: 'right',
              render: (_, h) =>
                h.oldValue && h.newValue && h.oldValue !== h.newValue ? `${formatDecimal(h.oldValue)} → ${formatDecimal(h.newValue)}` : formatDecimal(h.newValue ?? h.oldValue),
            },
            { title: t('colStatus'), key: 'status', width: 72, render: (_, h) => enumLabel('ScoreStatus', h.newStatus) },
            { title: t('colReason'), dataIndex: 'reason', render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text> },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Text strong>{t('report')}</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {fetching && !data ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : error && !data ? (
            <Typography.Text type="secondary">{describeError(error).message}</Typography.Text>
          ) : !report ? (
            <Typography.Text type="secondary">{t('noReport')}</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              <Flex gap={8} align="center" wrap="wrap">
                <Tag color={progressStateColors[report.state]}>{enumLabel('ProgressState', report.state)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {report.updatedBy} · {formatTime(report.updatedAt)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: 'collapsible', symbol: (o) => (o ? t('collapse') : t('expand')) }}>
                {report.narrative || t('noNarrative')}
              </Typography.Paragraph>
              {report.evidence.map((f) => (
                <Typography.Link key={f.id} href={f.url} download={f.filename}>
                  <PaperClipOutlined /> {f.filename} <Typography.Text type="secondary">({formatFileSize(f.size)})</Typography.Text>
                </Typography.Link>
              ))}
            </Flex>
          )}
        </div>
      </Col>
    </Row>
  );
}
