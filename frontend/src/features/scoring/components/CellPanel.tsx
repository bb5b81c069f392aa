import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Tag, Typography } from 'antd';
import { DeadlineView } from '../../../components/DeadlineView';
import { formatDecimal } from '../../../lib/decimal';
import { formatFileSize, formatTime, progressStateColors, progressStateLabels, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { belowHalf, maxEnterable, parseScoreText } from '../grid';
import type { CellView, SheetData } from '../useScoreGrid';

type SheetTask = SheetData['tasks'][number];
type SheetEvaluatee = SheetData['evaluatees'][number];

export interface CellPanelProps {
  view: CellView | undefined;
  task: SheetTask | undefined;
  evaluatee: SheetEvaluatee | undefined;
  sheetEditable: boolean;
  onValue: (value: string) => void;
  onComment: (comment: string) => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * The focused cell in full: the task, the score with its 说明 and status,
 * a conflict to settle, and the evaluatee's latest progress report with its
 * evidence — what the lead unit scores against.
 */
export function CellPanel({ view, task, evaluatee, sheetEditable, onValue, onComment, onKeepMine, onTakeTheirs }: CellPanelProps) {
  if (!view || !task || !evaluatee) {
    return (
      <Card size="small" title="评分详情">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="点击表格中的单元格,在这里查看进展报送、填写说明" />
      </Card>
    );
  }
  const { score, cell, conflict } = view;
  const parsed = parseScoreText(view.text);
  const needsComment = parsed.kind === 'number' && belowHalf(parsed.value, cell.maxPoints);
  const report = cell.report;
  const max = formatDecimal(cell.maxPoints);
  const top = maxEnterable(cell.maxPoints);

  return (
    <Card
      size="small"
      title={
        <Flex vertical gap={0} style={{ padding: '6px 0', whiteSpace: 'normal' }}>
          <Typography.Text strong>{evaluatee.unit.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            任务 {task.number} · 满分 {max} 分{top !== max ? `(最多可填 ${top})` : ''}
          </Typography.Text>
        </Flex>
      }
      data-testid="cell-panel"
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }} style={{ margin: 0 }}>
        {task.text}
      </Typography.Paragraph>
      {task.deadline.phrase && (
        <Flex gap={8} align="center" wrap="wrap">
          <Typography.Text type="secondary">完成时限</Typography.Text>
          <DeadlineView deadline={task.deadline} compact />
        </Flex>
      )}

      {conflict && (
        <Alert
          type="error"
          showIcon
          title="该分值已被他人修改"
          description={
            <Flex vertical gap={8}>
              <span>
                {conflict.theirs ? (
                  <>
                    {conflict.theirs.enteredBy ?? '他人'}
                    {conflict.theirs.enteredAt ? `于 ${formatTime(conflict.theirs.enteredAt)} ` : ''}保存为 <b>{formatDecimal(conflict.theirs.value)}</b> 分(
                    {scoreStatusLabels[conflict.theirs.status]}
                    {conflict.theirs.comment ? `,说明:${conflict.theirs.comment}` : ''});您填写的是 <b>{view.text || '(空)'}</b> 分。
                  </>
                ) : (
                  conflict.message
                )}
              </span>
              <Flex gap={8} wrap="wrap">
                {conflict.theirs && conflict.theirs.status !== 'VERIFIED' && (
                  <Button size="small" type="primary" onClick={onKeepMine}>
                    保留我的分值
                  </Button>
                )}
                <Button size="small" onClick={onTakeTheirs}>
                  {conflict.theirs ? '采用对方的分值' : '放弃我的修改'}
                </Button>
              </Flex>
            </Flex>
          }
        />
      )}

      <Flex vertical gap={6}>
        <Flex gap={8} align="center" wrap="wrap">
          <Typography.Text strong>得分</Typography.Text>
          {score && <Tag color={scoreStatusColors[score.status]}>{scoreStatusLabels[score.status]}</Tag>}
          {view.edit && <Tag color="gold">未保存的修改</Tag>}
        </Flex>
        <Input
          aria-label="得分(详情)"
          value={view.text}
          onChange={(e) => onValue(e.target.value)}
          disabled={!view.editable}
          status={view.problem ? 'error' : undefined}
          suffix={`/ ${max} 分`}
          inputMode="decimal"
          style={{ textAlign: 'right' }}
        />
        {view.problem && <Typography.Text type="danger">{view.problem}</Typography.Text>}
      </Flex>
      <Flex vertical gap={6}>
        <Typography.Text strong>
          说明{needsComment && <Typography.Text type="danger">(低于满分一半,必填)</Typography.Text>}
        </Typography.Text>
        <Input.TextArea
          aria-label="评分说明"
          value={view.comment}
          onChange={(e) => onComment(e.target.value)}
          disabled={!view.editable}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
          placeholder={needsComment ? '请写明扣分理由' : '可选:评分依据、扣分理由'}
        />
      </Flex>

      {score?.status === 'RETURNED' && (
        <Alert type="warning" showIcon title="专班退回" description={`理由:${score.reviewReason ?? '(未说明)'}。修改后请重新提交。`} />
      )}
      {score?.status === 'SUBMITTED' && view.editable && (
        <Typography.Text type="secondary">已提交专班核实;修改后变为草稿,需重新提交。</Typography.Text>
      )}
      {score?.status === 'VERIFIED' && (
        <Alert
          type="success"
          showIcon
          title={`已由${score.verifiedBy ?? '专班'}核实${score.verifiedAt ? `(${formatTime(score.verifiedAt)})` : ''},不能再修改`}
          description={score.originalValue ? `专班将 ${formatDecimal(score.originalValue)} 分调整为 ${formatDecimal(score.value)} 分,理由:${score.reviewReason ?? ''}` : undefined}
        />
      )}
      {!sheetEditable && <Typography.Text type="secondary">本周期当前不能录入分值,仅可查看。</Typography.Text>}
      {score && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {score.enteredBy} 录入于 {formatTime(score.enteredAt)}
        </Typography.Text>
      )}

      <div>
        <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
          进展报送
        </Typography.Title>
        {!report ? (
          <Typography.Text type="secondary">{evaluatee.unit.name}尚未报送本任务本周期的进展。</Typography.Text>
        ) : (
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 72, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'state', label: '状态', children: <Tag color={progressStateColors[report.state]}>{progressStateLabels[report.state]}</Tag> },
              {
                key: 'narrative',
                label: '进展情况',
                children: report.narrative ? (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: 'collapsible', symbol: (o) => (o ? '收起' : '展开') }}>
                    {report.narrative}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">(未填写)</Typography.Text>
                ),
              },
              {
                key: 'evidence',
                label: '佐证材料',
                children:
                  report.evidence.length === 0 ? (
                    <Typography.Text type="secondary">无</Typography.Text>
                  ) : (
                    <Flex vertical gap={4}>
                      {report.evidence.map((f) => (
                        <Typography.Link key={f.id} href={f.url} download={f.filename} style={{ wordBreak: 'break-all' }}>
                          <PaperClipOutlined /> {f.filename} <Typography.Text type="secondary">({formatFileSize(f.size)})</Typography.Text>
                        </Typography.Link>
                      ))}
                    </Flex>
                  ),
              },
              { key: 'by', label: '报送', children: `${report.updatedBy} · ${formatTime(report.updatedAt)}` },
            ]}
          />
        )}
      </div>
    </Card>
  );
}
