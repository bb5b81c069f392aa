import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, InputNumber, Radio, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import type { ObjectionFieldsFragment } from '../../../gql/graphql';
import { enumLabelMap } from '../../../lib/enumLabels';
import { formatDecimal } from '../../../lib/decimal';
import { formatFileSize, formatTime, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { useShowError } from '../../../lib/useShowError';
import { answerObjectionMutation } from '../documents';
import { changedCorrections, objectionStatusColors } from '../format';
import { useObjectionsT } from '../messages';
import { objectionTarget, type TaskName } from '../names';

type Decision = 'uphold' | 'reject';

interface Values {
  decision: Decision;
  answer: string;
  values: Record<string, string | null>;
}

const objectionContext = { additionalTypenames: ['Objection', 'Period', 'Score'] };

/** The 专班's answer to one objection: the reason and evidence, the scores it is about, 采纳 (with corrections) or 维持原分. */
export function AnswerObjectionDrawer({
  objection,
  unitName,
  tasks,
  canAnswer,
  onClose,
  onConflict,
}: {
  objection: ObjectionFieldsFragment | null;
  unitName: string;
  tasks: ReadonlyMap<string, TaskName>;
  /** False outside 公示: the objection is shown, not answered. */
  canAnswer: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const t = useObjectionsT();
  const [form] = Form.useForm<Values>();
  const [state, answer] = useMutation(answerObjectionMutation);
  const showError = useShowError();
  const { message, modal } = App.useApp();
  const decision = Form.useWatch('decision', form);
  const [correctionError, setCorrectionError] = useState<string | null>(null);
  const statusLabels = enumLabelMap('ObjectionStatus');
  const o = objection;
  const open = o !== null;
  const answerable = canAnswer && o?.status === 'OPEN';

  useEffect(() => {
    if (o) {
      form.setFieldsValue({ decision: undefined, answer: '', values: {} });
      setCorrectionError(null);
    }
  }, [o?.id, o?.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!o) return <Drawer open={false} />;

  const submit = (v: Values) => {
    const corrections = v.decision === 'uphold' ? changedCorrections(o.scores, v.values ?? {}) : [];
    if (v.decision === 'uphold' && corrections.length === 0) {
      setCorrectionError(t('needCorrection'));
      return;
    }
    setCorrectionError(null);
    const byId = new Map(o.scores.map((s) => [s.id, s]));
    const summary = corrections.map((c) => {
      const s = byId.get(c.scoreId);
      return `${s ? `${t('taskNumber', { number: tasks.get(s.taskId)?.number ?? '' })} ${s.leadUnit.name}` : ''}:${formatDecimal(s?.value ?? '')} → ${formatDecimal(c.value)}`;
    });
    modal.confirm({
      title: v.decision === 'uphold' ? t('confirmUphold') : t('confirmReject'),
      content:
        v.decision === 'uphold' ? (
          <Flex vertical gap={4}>
            <span>{t('upholdSummary', { unit: unitName })}</span>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {summary.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Flex>
        ) : (
          t('rejectSummary')
        ),
      okText: v.decision === 'uphold' ? t('upholdOk') : t('rejectOk'),
      cancelText: t('thinkAgain'),
      onOk: async () => {
        const r = await answer({ input: { objectionId: o.id, version: o.version, uphold: v.decision === 'uphold', answer: v.answer.trim(), corrections: corrections.length ? corrections : undefined } }, objectionContext);
        if (r.error) {
          showError(r.error, { form, onConflict });
          return;
        }
        void message.success(v.decision === 'uphold' ? t('upheldDone') : t('rejectedDone'));
        onClose();
      },
    });
  };

  return (
    <Drawer
      title={<span data-i18n="data">{`${unitName} · ${objectionTarget(o.taskId, tasks)}`}</span>}
      open={open}
      onClose={onClose}
      size={screens.lg ? 720 : '100%'}
      destroyOnHidden
      footer={
        answerable && (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button type="primary" loading={state.fetching} onClick={() => form.submit()} disabled={!decision}>
              {t('submitAnswer')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'status', label: t('status'), children: <Tag color={objectionStatusColors[o.status]}>{statusLabels[o.status]}</Tag> },
            { key: 'target', label: t('target'), children: <span data-i18n="data">{objectionTarget(o.taskId, tasks, true)}</span> },
            { key: 'filed', label: t('filedLabel'), children: <span data-i18n="data">{`${o.filedBy}(${formatTime(o.filedAt)})`}</span> },
            { key: 'reason', label: t('reason'), children: <span style={{ whiteSpace: 'pre-wrap' }} data-i18n="data">{o.reason}</span> },
            {
              key: 'evidence',
              label: t('evidence'),
              children:
                o.evidence.length === 0 ? (
                  <Typography.Text type="secondary">{t('notProvided')}</Typography.Text>
                ) : (
                  <Flex vertical gap={2}>
                    {o.evidence.map((f) => (
                      <Typography.Link key={f.id} href={f.url} download={f.filename} target="_blank" data-evidence-link="" style={{ wordBreak: 'break-all' }}>
                        <PaperClipOutlined /> {f.filename}({formatFileSize(f.size)})
                      </Typography.Link>
                    ))}
                  </Flex>
                ),
            },
            ...(o.answer
              ? [
                  { key: 'answer', label: t('answerLabel'), children: <span style={{ whiteSpace: 'pre-wrap' }} data-i18n="data">{o.answer}</span> },
                  { key: 'by', label: t('answeredBy'), children: <span data-i18n="data">{`${o.answeredBy ?? ''}(${formatTime(o.answeredAt)})`}</span> },
                ]
              : []),
            ...(o.correction ? [{ key: 'correction', label: t('correction'), children: <span data-i18n="data">{o.correction}</span> }] : []),
          ]}
        />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" disabled={!answerable} onValuesChange={() => setCorrectionError(null)}>
          <Typography.Text strong>{t('currentScores')}</Typography.Text>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginTop: 8, marginBottom: 16 }}
            scroll={{ x: 520, y: 360 }}
            dataSource={o.scores}
            locale={{ emptyText: answerable ? t('noScores') : '—' }}
            columns={[
              ...(o.taskId ? [] : [{ title: t('colTask'), key: 'task', width: 80, render: (_: unknown, s: (typeof o.scores)[number]) => t('taskNumber', { number: tasks.get(s.taskId)?.number ?? '' }) }]),
              { title: t('colLead'), key: 'lead', render: (_, s) => <span data-i18n="data">{s.leadUnit.name}</span> },
              { title: t('colValue'), dataIndex: 'value', width: 80, align: 'right', render: (v: string) => formatDecimal(v) },
              { title: t('status'), key: 'status', width: 96, render: (_, s) => <Tag color={scoreStatusColors[s.status]}>{scoreStatusLabels[s.status]}</Tag> },
              ...(decision === 'uphold'
                ? [
                    {
                      title: t('colNew'),
                      key: 'new',
                      width: 130,
                      render: (_: unknown, s: (typeof o.scores)[number]) =>
                        s.enteredByMe ? (
                          <Tooltip title={t('ownScoreTip')}>
                            <Typography.Text type="secondary">{t('ownScore')}</Typography.Text>
                          </Tooltip>
                        ) : (
                          <Form.Item name={['values', s.id]} noStyle>
                            <InputNumber<string> stringMode min="0" step="0.5" precision={2} placeholder={formatDecimal(s.value)} style={{ width: '100%' }} aria-label={t('correctTo', { unit: s.leadUnit.name })} />
                          </Form.Item>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {correctionError && <Alert type="error" showIcon title={correctionError} style={{ marginBottom: 16 }} />}
          {answerable && (
            <>
              <Form.Item name="decision" label={t('decision')} rules={[{ required: true, message: t('decisionRequired') }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'uphold', label: t('upholdOption') },
                    { value: 'reject', label: t('rejectOption') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="answer"
                label={decision === 'reject' ? t('rejectReason') : t('answerReason')}
                rules={[
                  { required: true, whitespace: true, message: decision === 'reject' ? t('rejectReasonRequired') : t('answerReasonRequired') },
                  { max: 2000, message: t('answerMax') },
                ]}
                extra={t('answerExtra')}
              >
                <Input.TextArea rows={4} showCount maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Flex>
    </Drawer>
  );
}
