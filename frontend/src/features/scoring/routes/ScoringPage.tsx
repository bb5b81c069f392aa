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

/** `/plans/:planId/scoring`: the lead unit's score grid for a period. */
export function ScoringPage() {
  const { planId = '' } = useParams();
  const { can, session } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  if (!can('LEAD_SCORER')) {
    return <Result status="403" title="只有牵头单位评分员可以录入分值" subTitle="如需录入分值,请联系系统管理员开通“牵头单位评分员”角色。" />;
  }
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;

  return (
    <>
      <PageTitle
        title="评分录入"
        hint={`${session?.user.unit?.name ?? '本单位'}对牵头任务逐项评分:录入即自动保存为草稿,核对无误后提交专班核实`}
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {!period ? (
        <Card>
          <Empty description="本方案还没有考评周期" />
        </Card>
      ) : (
        <ScoreSheetView key={period.id} planId={planId} periodId={period.id} />
      )}
    </>
  );
}

const statusLooks: Record<SaveStatus, { icon: ReactNode; text: string; color: string }> = {
  idle: { icon: <CheckCircleOutlined />, text: '录入后自动保存', color: 'default' },
  saved: { icon: <CheckCircleOutlined />, text: '已保存', color: 'success' },
  saving: { icon: <LoadingOutlined />, text: '保存中…', color: 'processing' },
  pending: { icon: <CloudSyncOutlined />, text: '待保存', color: 'gold' },
  invalid: { icon: <ExclamationCircleOutlined />, text: '有误,未保存', color: 'error' },
  conflict: { icon: <WarningOutlined />, text: '有冲突', color: 'error' },
  failed: { icon: <ExclamationCircleOutlined />, text: '保存失败', color: 'error' },
};

const sheetContext = { additionalTypenames: ['Score', 'ProgressReport'] };

function ScoreSheetView({ planId, periodId }: { planId: string; periodId: string }) {
  const { message, modal } = App.useApp();
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
      const extra = [plan.skipped > 0 ? `${plan.skipped} 个值落在不承担或已核实的单元格,已忽略` : '', plan.outside > 0 ? `${plan.outside} 个值超出表格范围,已忽略` : '']
        .filter(Boolean)
        .join(';');
      if (plan.targets.length === 0) void message.warning(`没有可粘贴的单元格${extra ? `:${extra}` : ''}`);
      else void message.info(`已粘贴 ${plan.targets.length} 个分值${extra ? `;${extra}` : ''}`);
    },
    [message],
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
  const look = sheet.editable ? statusLooks[grid.status] : { icon: <LockOutlined />, text: '只读', color: 'default' };
  const scale = token.fontSize / 14;

  const submit = () => {
    modal.confirm({
      title: '提交分值给专班核实?',
      content: (
        <>
          将提交本单位本周期<b>全部 {toSubmit + grid.pendingCount} 项</b>草稿和退回修改的分值。提交后专班开始核实;专班核实前仍可修改(修改后须重新提交)。
        </>
      ),
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        setSubmitting(true);
        try {
          if (!(await grid.flush())) {
            void message.error('还有未能保存的分值(有误或有冲突),请先处理标红的单元格再提交。');
            return;
          }
          const r = await submitScores({ input: { periodId } });
          if (r.error) showError(r.error, { onConflict: reload });
          else {
            dispatch({ type: 'load', scores: (r.data?.submitScores ?? []) as ScoreLite[] });
            void message.success(`已提交 ${r.data?.submitScores.length ?? 0} 项分值,等待专班核实`);
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
      void message.error('请上传从本系统下载的评分模板(.xlsx)');
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
        <Empty description={`${sheet.leadUnit.name}在本方案中没有牵头的任务,无需评分`} />
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
          <Typography.Text strong>{sheet.period.name}</Typography.Text>
          <PeriodStateTag state={sheet.period.state} />
          <Tag icon={look.icon} color={look.color} data-testid="save-status" style={{ marginInlineEnd: 0 }}>
            {look.text}
            {grid.status === 'conflict' ? ` ${grid.conflictCount} 项` : grid.status === 'invalid' ? ` ${grid.invalidCount} 项` : ''}
          </Tag>
          {grid.status === 'failed' && (
            <>
              <Typography.Text type="danger">{grid.state.failure}</Typography.Text>
              <Button size="small" onClick={() => void grid.save()}>
                重试
              </Button>
            </>
          )}
          <Typography.Text type="secondary">
            已评 {scores.length}/{total} · 草稿 {count('DRAFT')} · 已提交 {count('SUBMITTED')} · 已核实 {count('VERIFIED')}
            {returned > 0 ? ` · 已退回 ${returned}` : ''}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap="wrap">
          <Button icon={<PartitionOutlined />} onClick={() => setAllocating(true)}>
            分配任务分值
          </Button>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadTemplate()}>
            下载评分模板
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
              导入评分表
            </Button>
          </Upload>
          <Button type="primary" icon={<SendOutlined />} disabled={!grid.editable || toSubmit + grid.pendingCount === 0} loading={submitting} onClick={submit}>
            提交{toSubmit + grid.pendingCount > 0 ? `(${toSubmit + grid.pendingCount})` : ''}
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
          title={`${sheet.period.name}处于“${periodStateLabels[sheet.period.state]}”阶段,不能录入或修改分值`}
          description={
            sheet.period.state === 'DRAFT' ? '周期开始填报后即可评分。' : '评分已锁定,表格仅供查看。如需更正,请联系专班重新开放本周期。'
          }
        />
      )}
      {sheet.editable && returned > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`有 ${returned} 项分值被专班退回`} description="退回的单元格标为橙色,点击可查看退回理由;修改后请重新提交。" />
      )}
      {toolbar}
      <Row gutter={[12, 12]} wrap={!screens.xl}>
        <Col flex={screens.xl ? 'auto' : undefined} span={screens.xl ? undefined : 24} style={{ minWidth: 0 }}>
          <Flex gap={12} wrap="wrap" align="center" style={{ marginBottom: 8, fontSize: token.fontSizeSM }}>
            <Legend color="#fffbe6" label="待保存" />
            <Legend color="#ffffff" label="草稿" />
            <Legend color="#e6f4ff" label="已提交" />
            <Legend color="#f6ffed" label="已核实" />
            <Legend color="#fff7e6" label="已退回" />
            <Legend color="#fff1f0" label="有误/冲突" border="#ff4d4f" />
            {screens.md && (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                方向键、Tab、回车在单元格间移动;可从 Excel 复制一块分值,点中起始单元格后粘贴;右上角黄色三角表示有说明
              </Typography.Text>
            )}
          </Flex>
          {narrow && (
            <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary" ellipsis>
                {activeView && active ? `${shape.evaluatees[active.row]?.unit.name ?? ''} · 任务 ${shape.tasks[active.col]?.number ?? ''}` : '点击单元格录入分值'}
              </Typography.Text>
              <Button size="small" disabled={!activeView} onClick={() => setPanelOpen(true)}>
                说明与进展
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
        <Drawer open={panelOpen} onClose={() => setPanelOpen(false)} placement="bottom" size="80%" title="评分详情" styles={{ body: { padding: 12 } }}>
          {panel}
        </Drawer>
      )}
      <Modal
        open={!!importResult}
        title={importResult && importResult.errors.length > 0 ? '评分表有误,未导入任何分值' : '评分表已导入'}
        onCancel={() => setImportResult(null)}
        footer={
          <Button type="primary" onClick={() => setImportResult(null)}>
            知道了
          </Button>
        }
        width={720}
      >
        {importResult &&
          (importResult.errors.length > 0 ? (
            <>
              <Typography.Paragraph>
                “{importResult.file}”中有 {importResult.errors.length} 处问题。请在表格中改正后重新上传;所有行都无误时才会保存。
              </Typography.Paragraph>
              <SheetErrorsTable errors={importResult.errors} />
            </>
          ) : (
            <Result
              status="success"
              title={`已保存 ${importResult.saved} 项分值`}
              subTitle={importResult.saved > 0 ? '导入的分值为草稿,请在表格中核对后点击“提交”。' : '表格中没有填写得分的行。'}
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
