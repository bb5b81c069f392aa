import { PaperClipOutlined } from '@ant-design/icons';
import { Col, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { formatFileSize, formatTime, progressStateColors, progressStateLabels, scoreActionLabels, scoreStatusLabels } from '../../../lib/evaluation';
import { rowReportsQuery } from '../documents';
import type { QueueRow } from '../types';
import { FlagList } from './FlagTags';

/** Under a queue row: the score's history and the evaluatee's progress report on the task. */
export function RowDetail({ row, periodId }: { row: QueueRow; periodId: string }) {
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
        <Typography.Text strong>变更记录</Typography.Text>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          style={{ marginTop: 6 }}
          dataSource={row.history}
          columns={[
            { title: '时间', dataIndex: 'at', width: 136, render: (t: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(t)}</span> },
            { title: '操作人', dataIndex: 'username' },
            { title: '操作', dataIndex: 'action', width: 84, render: (a: string) => <span style={{ whiteSpace: 'nowrap' }}>{scoreActionLabels[a] ?? a}</span> },
            {
              title: '分值',
              key: 'value',
              width: 110,
              align: 'right',
              render: (_, h) =>
                h.oldValue && h.newValue && h.oldValue !== h.newValue ? `${formatDecimal(h.oldValue)} → ${formatDecimal(h.newValue)}` : formatDecimal(h.newValue ?? h.oldValue),
            },
            { title: '状态', key: 'status', width: 72, render: (_, h) => scoreStatusLabels[h.newStatus] },
            { title: '理由', dataIndex: 'reason', render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text> },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Text strong>进展报送</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {fetching && !data ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : error && !data ? (
            <Typography.Text type="secondary">{describeError(error).message}</Typography.Text>
          ) : !report ? (
            <Typography.Text type="secondary">该考评对象尚未报送本任务的进展。</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              <Flex gap={8} align="center" wrap="wrap">
                <Tag color={progressStateColors[report.state]}>{progressStateLabels[report.state]}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {report.updatedBy} · {formatTime(report.updatedAt)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: 'collapsible', symbol: (o) => (o ? '收起' : '展开') }}>
                {report.narrative || '(未填写进展情况)'}
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
