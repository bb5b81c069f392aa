import { ArrowLeftOutlined, CameraOutlined, DeleteOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import SignaturePad from 'signature_pad';
import { useQuery } from 'urql';
import type { FieldVisitFieldsFragment, Judgement } from '../../../gql/graphql';
import { progressStateLabels } from '../../../lib/evaluation';
import { SyncBar } from '../components/SyncBar';
import { fieldVisitQuery } from '../documents';
import { currentPlace, resizePhoto } from '../image';
import { formatPlace, judgementLabel, judgementOptions, visitStatusColors, visitStatusLabels } from '../labels';
import { cachedVisit, cacheVisits, discardFinding, discardPhoto, discardSubmit, keepMine, queueFinding, queuePhoto, queueSubmit, type QueuedFinding, type QueuedPhoto } from '../outbox';
import { formatTimeSeconds } from '../../../lib/datetime';
import { useOutbox, useSyncer } from '../useOutbox';

type Item = FieldVisitFieldsFragment['items'][number];

/** One visit's checklist on the phone: big judgement buttons, a note, photos and the place per item; sign and submit. */
export function VisitPage() {
  const { visitId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: fieldVisitQuery, variables: { id: visitId }, requestPolicy: 'cache-and-network' });
  const [cached, setCached] = useState<FieldVisitFieldsFragment | null | undefined>(undefined);
  const box = useOutbox(visitId);
  const { syncer } = useSyncer();
  useEffect(() => {
    if (data?.fieldVisit) void cacheVisits([data.fieldVisit]);
    else void cachedVisit(visitId).then((v) => setCached(v ?? null));
  }, [data, visitId]);
  // After a sync the cached copy is the freshest (the mutation's answer).
  useEffect(() => {
    const reread = () => void cachedVisit(visitId).then((v) => v && setCached(v));
    syncer.addEventListener('status', reread);
    return () => syncer.removeEventListener('status', reread);
  }, [syncer, visitId]);
  const visit = (cached && data?.fieldVisit && cached.version >= data.fieldVisit.version ? cached : data?.fieldVisit) ?? cached ?? null;
  if (!visit) {
    if (cached === undefined && !error) return null;
    return <Empty description={error ? '无法连接服务器,本机也没有保存这次调研' : '调研不存在或未指派给您'} />;
  }
  const local = new Map((box?.findings ?? []).map((f) => [f.taskId, f]));
  const localPhotos = box?.photos ?? [];
  const queuedSubmit = box?.submits[0];
  const editable = visit.canRecord && !queuedSubmit;
  const open = visit.items.filter((i) => !i.finding && !local.has(i.task.id)).length;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', paddingBottom: 48 }}>
      <Link to="/visits">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          我的调研
        </Button>
      </Link>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {visit.evaluatee.unit.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {visit.date} · {visit.period.name} · 调研员 {visit.inspectors.map((i) => i.displayName).join('、')}{' '}
        <Tag color={visitStatusColors[visit.status]}>{visitStatusLabels[visit.status]}</Tag>
      </Typography.Paragraph>
      {visit.status === 'CANCELLED' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本次调研已取消,不能再记录" description={[...visit.events].reverse().find((e) => e.toStatus === 'CANCELLED')?.reason} />
      )}
      {visit.status === 'RETURNED' && visit.reviewNote && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="专班退回,请按意见修改后重新提交" description={visit.reviewNote} />}
      <SyncBar visitId={visitId} />
      <Flex vertical gap={12}>
        {visit.items.map((item) => (
          <ItemCard key={item.task.id} visitId={visitId} item={item} local={local.get(item.task.id)} photos={localPhotos.filter((p) => p.taskId === item.task.id)} editable={editable} />
        ))}
      </Flex>
      {visit.signedBy && (
        <Card size="small" style={{ marginTop: 12 }} title="接待人员签名">
          <Typography.Text>{visit.signedBy}</Typography.Text>
          {visit.signatureUrl && <img src={visit.signatureUrl} alt="签名" style={{ display: 'block', maxWidth: '100%', height: 100, objectFit: 'contain' }} />}
        </Card>
      )}
      {queuedSubmit && (
        <Alert
          style={{ marginTop: 12 }}
          type={queuedSubmit.state === 'waiting' ? 'info' : 'error'}
          showIcon
          title={queuedSubmit.state === 'waiting' ? `已签名(${queuedSubmit.signedBy}),联网后自动提交` : `提交未成功:${queuedSubmit.message ?? ''}`}
          action={queuedSubmit.state !== 'waiting' && <Button onClick={() => void discardSubmit(visitId)}>放弃提交</Button>}
        />
      )}
      {editable && <SubmitCard visit={visit} open={open} onSubmit={() => void syncer.run()} />}
    </div>
  );
}

function ItemCard({ visitId, item, local, photos, editable }: { visitId: string; item: Item; local?: QueuedFinding; photos: QueuedPhoto[]; editable: boolean }) {
  const { message } = App.useApp();
  const server = item.finding;
  const judgement = local?.judgement ?? server?.judgement ?? null;
  const [note, setNote] = useState(local?.note ?? server?.note ?? '');
  const [locating, setLocating] = useState(false);
  const camera = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => photos.map((p) => ({ p, url: URL.createObjectURL(p.blob) })), [photos]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u.url)), [urls]);

  const record = async (j: Judgement, text = note) => {
    setLocating(true);
    const place = await currentPlace();
    setLocating(false);
    await queueFinding({
      visitId, taskId: item.task.id, baseVersion: local?.baseVersion ?? server?.version ?? 0, judgement: j, note: text,
      observedAt: new Date().toISOString(), latitude: place?.latitude ?? null, longitude: place?.longitude ?? null, accuracy: place?.accuracy ?? null,
    });
  };
  const addPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const blob = await resizePhoto(file);
      await queuePhoto({ visitId, taskId: item.task.id, blob, takenAt: new Date().toISOString() });
    } catch {
      message.error('照片处理失败,请重拍');
    }
  };
  const shown = local ?? server;
  return (
    <Card size="small" data-testid={`item-${item.task.number}`} title={<span style={{ whiteSpace: 'normal' }}>任务{item.task.number}</span>} extra={local && <Tag color={local.state === 'waiting' ? 'blue' : 'red'}>{local.state === 'waiting' ? '待同步' : local.state === 'conflict' ? '有冲突' : '被拒绝'}</Tag>}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{item.task.text}</Typography.Paragraph>
      {item.task.deadline.phrase && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>时限:{item.task.deadline.phrase}</Typography.Paragraph>}
      <Collapse
        size="small"
        style={{ marginBottom: 10 }}
        items={[
          {
            key: 'report',
            label: item.report ? `进展报告:${progressStateLabels[item.report.state]}` : '未报送进展',
            children: item.report ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.report.narrative || '(无文字说明)'}</Typography.Paragraph>
                {item.report.evidence.map((e) => (
                  <div key={e.id}>
                    <a href={e.url}>{e.filename}</a>
                  </div>
                ))}
              </>
            ) : (
              <Typography.Text type="secondary">考评对象尚未报送该任务的进展。</Typography.Text>
            ),
          },
        ]}
      />
      {local?.state === 'conflict' && local.theirs && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 10 }}
          title={local.message ?? '他人已修改此项'}
          description={
            <>
              <div>
                {local.theirs.recordedBy}的结论:{judgementLabel(local.theirs.judgement)} {local.theirs.note}
              </div>
              <div>
                您的结论:{judgementLabel(local.judgement)} {local.note}
              </div>
              <Space style={{ marginTop: 8 }} wrap>
                <Button onClick={() => void keepMine(local)}>保留我的</Button>
                <Button onClick={() => void discardFinding(visitId, item.task.id)}>采用{local.theirs.recordedBy}的</Button>
              </Space>
            </>
          }
        />
      )}
      {local?.state === 'refused' && (
        <Alert type="error" showIcon style={{ marginBottom: 10 }} title={local.message} action={<Button onClick={() => void discardFinding(visitId, item.task.id)}>放弃</Button>} />
      )}
      <div role="group" aria-label={`任务${item.task.number}的结论`} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        {judgementOptions().map((o) => (
          <Button
            key={o.value}
            size="large"
            disabled={!editable || locating}
            aria-pressed={judgement === o.value}
            type={judgement === o.value ? 'primary' : 'default'}
            style={{ height: 56, fontSize: 17, ...(judgement === o.value ? { background: o.color, borderColor: o.color } : {}) }}
            onClick={() => void record(o.value)}
          >
            {o.label}
          </Button>
        ))}
      </div>
      <Input.TextArea
        aria-label={`任务${item.task.number}的说明`}
        placeholder="现场情况说明(可选)"
        autoSize={{ minRows: 2 }}
        style={{ marginTop: 10, fontSize: 16 }}
        disabled={!editable}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => judgement && note !== (shown?.note ?? '') && void record(judgement, note)}
      />
      {shown && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
          <EnvironmentOutlined /> {formatPlace(shown.latitude, shown.longitude, shown.accuracy)} · {formatTimeSeconds(shown.observedAt)}
        </Typography.Paragraph>
      )}
      <Flex gap={8} wrap style={{ marginTop: 10 }}>
        {item.photos.map((p) => (
          <img key={p.id} src={p.url} alt="现场照片" style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6 }} />
        ))}
        {urls.map(({ p, url }) => (
          <div key={p.clientId} style={{ position: 'relative' }} data-testid="queued-photo">
            <img src={url} alt="待上传照片" style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6, opacity: 0.8, outline: p.state === 'waiting' ? '2px dashed #1677ff' : '2px solid #cf1322' }} />
            <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除待上传照片" style={{ position: 'absolute', top: 2, right: 2 }} onClick={() => void discardPhoto(p.clientId)} />
          </div>
        ))}
      </Flex>
      {editable && (
        <>
          <input ref={camera} type="file" accept="image/*" capture="environment" hidden aria-label={`任务${item.task.number}拍照`} onChange={(e) => void addPhoto(e.target.files?.[0]).then(() => (e.target.value = ''))} />
          <Button size="large" block icon={<CameraOutlined />} style={{ marginTop: 10, height: 48 }} onClick={() => camera.current?.click()}>
            拍照
          </Button>
        </>
      )}
    </Card>
  );
}

function SubmitCard({ visit, open, onSubmit }: { visit: FieldVisitFieldsFragment; open: number; onSubmit: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [signedBy, setSignedBy] = useState('');
  const [empty, setEmpty] = useState(true);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')!.scale(ratio, ratio);
    const p = new SignaturePad(c, { backgroundColor: 'rgb(255,255,255)' });
    p.addEventListener('endStroke', () => setEmpty(p.isEmpty()));
    pad.current = p;
    return () => p.off();
  }, []);
  const submit = async () => {
    const p = pad.current;
    if (!p || p.isEmpty()) return;
    // canvas.toBlob, not fetch(dataURL): the CSP allows no data: fetches.
    const blob = await new Promise<Blob | null>((resolve) => canvas.current!.toBlob(resolve, 'image/png'));
    if (!blob) return;
    await queueSubmit({ visitId: visit.id, version: visit.version, signedBy: signedBy.trim(), signature: blob });
    onSubmit();
  };
  return (
    <Card size="small" style={{ marginTop: 16 }} title="接待人员签名并提交">
      {open > 0 && <Alert type="info" showIcon style={{ marginBottom: 10 }} title={`还有 ${open} 项未作出结论(不适用也须选择)`} />}
      <Input size="large" placeholder="接待人员姓名" aria-label="接待人员姓名" value={signedBy} onChange={(e) => setSignedBy(e.target.value)} style={{ marginBottom: 10 }} />
      <canvas ref={canvas} aria-label="签名区" style={{ width: '100%', height: 160, border: '1px dashed #bbb', borderRadius: 6, touchAction: 'none', background: '#fff' }} />
      <Flex gap={8} style={{ marginTop: 10 }}>
        <Button size="large" onClick={() => { pad.current?.clear(); setEmpty(true); }}>
          重签
        </Button>
        <Button size="large" type="primary" block disabled={open > 0 || empty || !signedBy.trim()} onClick={() => void submit()}>
          提交调研结果
        </Button>
      </Flex>
    </Card>
  );
}
