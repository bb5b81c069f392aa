import { CheckCircleOutlined, CloudSyncOutlined, DownloadOutlined, ExclamationCircleOutlined, LoadingOutlined, LockOutlined, PartitionOutlined, SendOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Drawer, Empty, Flex, Grid, Modal, Result, Row, Tag, theme, Typography, Upload } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PeriodStateTag, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { SheetErrorsTable, type SheetRowErrorData } from '../../../components/SheetErrorsTable';
import { describeError } from '../../../lib/errors';
import { periodStateLabels } from '../../../lib/evaluation';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { AllocateModal } from '../components/AllocateModal';
import { CellPanel } from '../components/CellPanel';
import { ScoreGrid, sheetLayout } from '../components/ScoreGrid';
import { importScoreSheetMutation, scoreSheetQuery, submitScoresMutation } from '../documents';
import { downloadFile } from '../../../lib/download';
import { cellKey, type PastePlan, type Position, type ScoreLite } from '../grid';
import { useScoreGrid, type SaveStatus } from '../useScoreGrid';
import { useScoringT } from '../messages';
import { useCommonT } from '../../../lib/messages';

type ScoringKey = Parameters<ReturnType<typeof useScoringT>>[0];

/** `/plans/:planId/scoring`: the lead unit's score grid for a period. */
export function ScoringPage() {
  const { planId = '' } = useParams();
  const { can, session } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const t = useScoringT();

  if (!can('LEAD_SCORER')) {
    return <Result status="403" title={t('onlyScorers')} subTitle={t('onlyScorersHint')} />;
  }
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={
          <>
            {session?.user.unit ? <span data-i18n="data">{session.user.unit.name}</span> : t('ownUnit')}
            {t('hint')}
          </>
        }
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {!period ? (
        <Card>
          <Empty description={t('noPeriods')} />
        </Card>
      ) : (
        <ScoreSheetView key={period.id} planId={planId} periodId={period.id} />
      )}
    </>
  );
}

const statusLooks: Record<SaveStatus, { icon: ReactNode; text: ScoringKey; color: string }> = {
  idle: { icon: <CheckCircleOutlined />, text: 'statusIdle', color: 'default' },
  saved: { icon: <CheckCircleOutlined />, text: 'statusSaved', color: 'success' },
  saving: { icon: <LoadingOutlined />, text: 'statusSaving', color: 'processing' },
  pending: { icon: <CloudSyncOutlined />, text: 'statusPending', color: 'gold' },
  invalid: { icon: <ExclamationCircleOutlined />, text: 'statusInvalid', color: 'error' },
  conflict: { icon: <WarningOutlined />, text: 'statusConflict', color: 'error' },
  failed: { icon: <ExclamationCircleOutlined />, text: 'statusFailed', color: 'error' },
};

const sheetContext = { additionalTypenames: ['Score', 'ProgressReport'] };

function ScoreSheetView({ planId, periodId }: { planId: string; periodId: string }) {
  const { message, modal } = App.useApp();
  const t = useScoringT();
  const common = useCommonT();
  const showError = useShowError();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: scoreSheetQuery, variables: { periodId }, context: useMemo(() => sheetContext, []) });
  const sheet = data?.scoreSheet;
  const grid = useScoreGrid(periodId, sheet);
  const [, submitScores] = useMutation(submitScoresMutation);
  const [importState, importScoreSheet] = useMutation(importScoreSheetMutation);
  const [active, setActive] = useState<Position | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [allocating, setAllocating] = useState(false);
  const narrow = !(screens.md ?? true);
  const [submitting, setSubmitting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [importResult, setImportResult] = useState<{ errors: SheetRowErrorData[]; saved: number; file: string } | null>(null);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const shape = useMemo(() => (sheet ? sheetLayout(sheet) : null), [sheet]);
  const { dispatch } = grid;
  const onChange = useCallback((key: string, value: string) => dispatch({ type: 'edit', key, value }), [dispatch]);
  const onDiscard = useCallback((key: string) => dispatch({ type: 'discard', keys: [key] }), [dispatch]);
  const onPasted = useCallback(
    (plan: PastePlan) => {
      const extra = [plan.skipped > 0 ? t('pasteSkipped', { count: plan.skipped }) : '', plan.outside > 0 ? t('pasteOutside', { count: plan.outside }) : '']
        .filter(Boolean)
        .join(';');
      if (plan.targets.length === 0) void message.warning(`${t('pasteNothing')}${extra ? `:${extra}` : ''}`);
      else void message.info(`${t('pasted', { count: plan.targets.length })}${extra ? `;${extra}` : ''}`);
    },
    [message, t],
  );

  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  if (!sheet || !shape) return null;

  const scores = Object.values(grid.state.scores);
  const count = (s: ScoreLite['status']) => scores.filter((x) => x.status === s).length;
  const toSubmit = count('DRAFT') + count('RETURNED');
  const returned = count('RETURNED');
  const total = sheet.cells.length;
  const activeKey = active ? cellKey(shape.layout.rows[active.row] ?? '', shape.layout.cols[active.col] ?? '') : null;
  const activeView = activeKey ? grid.view(activeKey) : undefined;
  const look = sheet.editable ? statusLooks[grid.status] : { icon: <LockOutlined />, text: 'readOnly' as const, color: 'default' };
  const scale = token.fontSize / 14;

  const submit = () => {
    modal.confirm({
      title: t('submitTitle'),
      content: (
        <>
          {t('submitBefore')}
          <b>{t('submitCount', { count: toSubmit + grid.pendingCount })}</b>
          {t('submitAfter')}
        </>
      ),
      okText: t('submit'),
      cancelText: common('cancel'),
      onOk: async () => {
        setSubmitting(true);
        try {
          if (!(await grid.flush())) {
            void message.error(t('submitUnsaved'));
            return;
          }
          const r = await submitScores({ input: { periodId } });
          if (r.error) showError(r.error, { onConflict: reload });
          else {
            dispatch({ type: 'load', scores: (r.data?.submitScores ?? []) as ScoreLite[] });
            void message.success(t('submitted', { count: r.data?.submitScores.length ?? 0 }));
          }
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      await grid.flush();
      await downloadFile(`/files/score-template.xlsx?periodId=${encodeURIComponent(periodId)}`, `${sheet.period.name}评分模板.xlsx`);
    } catch (e) {
      void message.error(describeError(e).message);
    } finally {
      setDownloading(false);
    }
  };

  const importFile = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      void message.error(t('uploadTemplate'));
      return;
    }
    await grid.flush();
    const r = await importScoreSheet({ periodId, file });
    if (r.error) {
      showError(r.error);
      return;
    }
    const result = r.data?.importScoreSheet;
    if (!result) return;
    if (result.saved.length > 0) dispatch({ type: 'load', scores: result.saved as ScoreLite[] });
    setImportResult({ errors: result.errors, saved: result.saved.length, file: file.name });
  };

  if (sheet.tasks.length === 0) {
    return (
      <Card>
        <Empty
          description={
            <>
              <span data-i18n="data">{sheet.leadUnit.name}</span>
              {t('noLeadTasks')}
            </>
          }
        />
      </Card>
    );
  }

  const panel = (
    <CellPanel
      view={activeView}
      task={active ? shape.tasks[active.col] : undefined}
      evaluatee={active ? shape.evaluatees[active.row] : undefined}
      sheetEditable={sheet.editable}
      onValue={(v) => activeKey && dispatch({ type: 'edit', key: activeKey, value: v })}
      onComment={(c) => activeKey && dispatch({ type: 'edit', key: activeKey, comment: c })}
      onKeepMine={() => activeKey && dispatch({ type: 'keepMine', key: activeKey })}
      onTakeTheirs={() => {
        if (!activeKey) return;
        const theirs = grid.state.conflicts[activeKey]?.theirs;
        dispatch({ type: 'takeTheirs', key: activeKey });
        if (!theirs) reload();
      }}
    />
  );

  const toolbar = (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 12px' } }}>
      <Flex justify="space-between" align="center" gap={12} wrap="wrap">
        <Flex align="center" gap={10} wrap="wrap">
          <Typography.Text strong data-i18n="data">
            {sheet.period.name}
          </Typography.Text>
          <PeriodStateTag state={sheet.period.state} />
          <Tag icon={look.icon} color={look.color} data-testid="save-status" style={{ marginInlineEnd: 0 }}>
            {t(look.text)}
            {grid.status === 'conflict' ? t('cellsCount', { count: grid.conflictCount }) : grid.status === 'invalid' ? t('cellsCount', { count: grid.invalidCount }) : ''}
          </Tag>
          {grid.status === 'failed' && (
            <>
              <Typography.Text type="danger">{grid.state.failure}</Typography.Text>
              <Button size="small" onClick={() => void grid.save()}>
                {t('retry')}
              </Button>
            </>
          )}
          <Typography.Text type="secondary">
            {t('progress', { scored: scores.length, total, draft: count('DRAFT'), submitted: count('SUBMITTED'), verified: count('VERIFIED') })}
            {returned > 0 ? t('progressReturned', { count: returned }) : ''}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap="wrap">
          <Button icon={<PartitionOutlined />} onClick={() => setAllocating(true)}>
            {t('allocate')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadTemplate()}>
            {t('downloadTemplate')}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!grid.editable || importState.fetching}
            beforeUpload={(f) => {
              void importFile(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} disabled={!grid.editable} loading={importState.fetching}>
              {t('importSheet')}
            </Button>
          </Upload>
          <Button type="primary" icon={<SendOutlined />} disabled={!grid.editable || toSubmit + grid.pendingCount === 0} loading={submitting} onClick={submit}>
            {t('submit')}
            {toSubmit + grid.pendingCount > 0 ? `(${toSubmit + grid.pendingCount})` : ''}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );

  return (
    <>
      {!sheet.editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <>
              <span data-i18n="data">{sheet.period.name}</span>
              {t('lockedTitle', { state: periodStateLabels[sheet.period.state] })}
            </>
          }
          description={
            sheet.period.state === 'DRAFT' ? t('lockedDraft') : t('lockedOther')
          }
        />
      )}
      {sheet.editable && returned > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('returnedTitle', { count: returned })} description={t('returnedHint')} />
      )}
      {toolbar}
      <Row gutter={[12, 12]} wrap={!screens.xl}>
        <Col flex={screens.xl ? 'auto' : undefined} span={screens.xl ? undefined : 24} style={{ minWidth: 0 }}>
          <Flex gap={12} wrap="wrap" align="center" style={{ marginBottom: 8, fontSize: token.fontSizeSM }}>
            <Legend color="#fffbe6" label={t('legendPending')} />
            <Legend color="#ffffff" label={t('legendDraft')} />
            <Legend color="#e6f4ff" label={t('legendSubmitted')} />
            <Legend color="#f6ffed" label={t('legendVerified')} />
            <Legend color="#fff7e6" label={t('legendReturned')} />
            <Legend color="#fff1f0" label={t('legendProblem')} border="#ff4d4f" />
            {screens.md && (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {t('keysHint')}
              </Typography.Text>
            )}
          </Flex>
          {narrow && (
            <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary" ellipsis>
                {activeView && active ? (
                  <>
                    <span data-i18n="data">{shape.evaluatees[active.row]?.unit.name ?? ''}</span> · {t('taskN', { number: shape.tasks[active.col]?.number ?? '' })}
                  </>
                ) : (
                  t('clickCell')
                )}
              </Typography.Text>
              <Button size="small" disabled={!activeView} onClick={() => setPanelOpen(true)}>
                {t('commentAndProgress')}
              </Button>
            </Flex>
          )}
          <ScoreGrid
            compact={narrow}
            sheet={sheet}
            view={grid.view}
            active={active}
            onActivate={setActive}
            onChange={onChange}
            onDiscard={onDiscard}
            onPasted={onPasted}
            scale={scale}
          />
        </Col>
        {!narrow && (
          <Col flex={screens.xl ? `${Math.round(360 * scale)}px` : undefined} span={screens.xl ? undefined : 24}>
            <div style={screens.xl ? { position: 'sticky', top: 76 } : undefined}>{panel}</div>
          </Col>
        )}
      </Row>
      <AllocateModal open={allocating} planId={planId} unitId={sheet.leadUnit.id} onClose={() => setAllocating(false)} />
      {narrow && (
        <Drawer open={panelOpen} onClose={() => setPanelOpen(false)} placement="bottom" size="80%" title={t('detailTitle')} styles={{ body: { padding: 12 } }}>
          {panel}
        </Drawer>
      )}
      <Modal
        open={!!importResult}
        title={importResult && importResult.errors.length > 0 ? t('importFailed') : t('imported')}
        onCancel={() => setImportResult(null)}
        footer={
          <Button type="primary" onClick={() => setImportResult(null)}>
            {t('gotIt')}
          </Button>
        }
        width={720}
      >
        {importResult &&
          (importResult.errors.length > 0 ? (
            <>
              <Typography.Paragraph>
                {t('importProblemsBefore')}
                <span data-i18n="data">{importResult.file}</span>
                {t('importProblemsAfter', { count: importResult.errors.length })}
              </Typography.Paragraph>
              <SheetErrorsTable errors={importResult.errors} />
            </>
          ) : (
            <Result
              status="success"
              title={t('importSaved', { count: importResult.saved })}
              subTitle={importResult.saved > 0 ? t('importSavedHint') : t('importEmpty')}
            />
          ))}
      </Modal>
    </>
  );
}

function Legend({ color, label, border }: { color: string; label: string; border?: string }) {
  return (
    <Flex align="center" gap={4}>
      <span style={{ display: 'inline-block', width: 14, height: 14, background: color, border: `1px solid ${border ?? '#d9d9d9'}`, borderRadius: 2 }} />
      <span>{label}</span>
    </Flex>
  );
}
