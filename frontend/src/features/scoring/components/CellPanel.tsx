import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Tag, Typography } from 'antd';
import { DeadlineView } from '../../../components/DeadlineView';
import { formatDecimal } from '../../../lib/decimal';
import { formatFileSize, formatTime, progressStateColors, progressStateLabels, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { belowHalf, maxEnterable, parseScoreText } from '../grid';
import { useScoringT } from '../messages';
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
  const t = useScoringT();
  if (!view || !task || !evaluatee) {
    return (
      <Card size="small" title={t('detailTitle')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panelEmpty')} />
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
          <Typography.Text strong data-i18n="data">
            {evaluatee.unit.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            {t('panelTask', { number: task.number, max })}
            {top !== max ? t('panelTop', { top }) : ''}
          </Typography.Text>
        </Flex>
      }
      data-testid="cell-panel"
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => (open ? t('collapse') : t('expand')) }} style={{ margin: 0 }}>
        <span data-i18n="data">{task.text}</span>
      </Typography.Paragraph>
      {task.deadline.phrase && (
        <Flex gap={8} align="center" wrap="wrap">
          <Typography.Text type="secondary">{t('deadline')}</Typography.Text>
          <DeadlineView deadline={task.deadline} compact />
        </Flex>
      )}

      {conflict && (
        <Alert
          type="error"
          showIcon
          title={t('conflictTitle')}
          description={
            <Flex vertical gap={8}>
              <span>
                {conflict.theirs ? (
                  <>
                    {conflict.theirs.enteredBy ? <span data-i18n="data">{conflict.theirs.enteredBy}</span> : t('someoneElse')}
                    {conflict.theirs.enteredAt ? t('conflictWhen', { time: formatTime(conflict.theirs.enteredAt) }) : ''}
                    {t('conflictSaved')}
                    <b>{formatDecimal(conflict.theirs.value)}</b>
                    {t('pointsOpen')}
                    {scoreStatusLabels[conflict.theirs.status]}
                    {conflict.theirs.comment ? (
                      <>
                        {t('conflictComment')}
                        <span data-i18n="data">{conflict.theirs.comment}</span>
                      </>
                    ) : (
                      ''
                    )}
                    {t('conflictYours')}
                    <b>{view.text || t('emptyValue')}</b>
                    {t('pointsEnd')}
                  </>
                ) : (
                  <span data-i18n="data">{conflict.message}</span>
                )}
              </span>
              <Flex gap={8} wrap="wrap">
                {conflict.theirs && conflict.theirs.status !== 'VERIFIED' && (
                  <Button size="small" type="primary" onClick={onKeepMine}>
                    {t('keepMine')}
                  </Button>
                )}
                <Button size="small" onClick={onTakeTheirs}>
                  {conflict.theirs ? t('takeTheirs') : t('dropMine')}
                </Button>
              </Flex>
            </Flex>
          }
        />
      )}

      <Flex vertical gap={6}>
        <Flex gap={8} align="center" wrap="wrap">
          <Typography.Text strong>{t('score')}</Typography.Text>
          {score && <Tag color={scoreStatusColors[score.status]}>{scoreStatusLabels[score.status]}</Tag>}
          {view.edit && <Tag color="gold">{t('unsaved')}</Tag>}
        </Flex>
        <Input
          aria-label={t('scoreDetail')}
          value={view.text}
          onChange={(e) => onValue(e.target.value)}
          disabled={!view.editable}
          status={view.problem ? 'error' : undefined}
          suffix={t('outOf', { max })}
          inputMode="decimal"
          style={{ textAlign: 'right' }}
        />
        {view.problem && <Typography.Text type="danger">{view.problem}</Typography.Text>}
      </Flex>
      <Flex vertical gap={6}>
        <Typography.Text strong>
          {t('comment')}
          {needsComment && <Typography.Text type="danger">{t('commentRequired')}</Typography.Text>}
        </Typography.Text>
        <Input.TextArea
          aria-label={t('commentLabel')}
          value={view.comment}
          onChange={(e) => onComment(e.target.value)}
          disabled={!view.editable}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
          placeholder={needsComment ? t('commentNeeded') : t('commentOptional')}
        />
      </Flex>

      {score?.status === 'RETURNED' && (
        <Alert type="warning" showIcon title={t('returnedByTaskForce')} description={t('returnedReason', { reason: score.reviewReason ?? t('notGiven') })} />
      )}
      {score?.status === 'SUBMITTED' && view.editable && (
        <Typography.Text type="secondary">{t('submittedNote')}</Typography.Text>
      )}
      {score?.status === 'VERIFIED' && (
        <Alert
          type="success"
          showIcon
          title={t('verifiedBy', { who: score.verifiedBy ?? t('taskForce'), when: score.verifiedAt ? `(${formatTime(score.verifiedAt)})` : '' })}
          description={
            score.originalValue
              ? t('adjusted', { from: formatDecimal(score.originalValue), to: formatDecimal(score.value), reason: score.reviewReason ?? '' })
              : undefined
          }
        />
      )}
      {!sheetEditable && <Typography.Text type="secondary">{t('notEditable')}</Typography.Text>}
      {score && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <span data-i18n="data">{score.enteredBy}</span> {t('enteredAt', { time: formatTime(score.enteredAt) })}
        </Typography.Text>
      )}

      <div>
        <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
          {t('progressReport')}
        </Typography.Title>
        {!report ? (
          <Typography.Text type="secondary">
            <span data-i18n="data">{evaluatee.unit.name}</span>
            {t('noReport')}
          </Typography.Text>
        ) : (
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 72, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'state', label: t('state'), children: <Tag color={progressStateColors[report.state]}>{progressStateLabels[report.state]}</Tag> },
              {
                key: 'narrative',
                label: t('narrative'),
                children: report.narrative ? (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: 'collapsible', symbol: (o) => (o ? t('collapse') : t('expand')) }}>
                    <span data-i18n="data">{report.narrative}</span>
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('notFilled')}</Typography.Text>
                ),
              },
              {
                key: 'evidence',
                label: t('evidence'),
                children:
                  report.evidence.length === 0 ? (
                    <Typography.Text type="secondary">{t('none')}</Typography.Text>
                  ) : (
                    <Flex vertical gap={4}>
                      {report.evidence.map((f) => (
                        <Typography.Link key={f.id} href={f.url} download={f.filename} style={{ wordBreak: 'break-all' }}>
                          <PaperClipOutlined /> <span data-i18n="data">{f.filename}</span> <Typography.Text type="secondary">({formatFileSize(f.size)})</Typography.Text>
                        </Typography.Link>
                      ))}
                    </Flex>
                  ),
              },
              { key: 'by', label: t('reportedBy'), children: <span data-i18n="data">{`${report.updatedBy} · ${formatTime(report.updatedAt)}`}</span> },
            ]}
          />
        )}
      </div>
    </Card>
  );
}
