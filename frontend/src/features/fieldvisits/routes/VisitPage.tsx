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
import { useFieldVisitsT } from '../messages';

type Item = FieldVisitFieldsFragment['items'][number];

/** One visit's checklist on the phone: big judgement buttons, a note, photos and the place per item; sign and submit. */
export function VisitPage() {
  const { visitId = '' } = useParams();
  const tr = useFieldVisitsT();
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
    return <Empty description={error ? tr('noServer') : tr('notFound')} />;
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
          {tr('myVisits')}
        </Button>
      </Link>
      <Typography.Title level={3} style={{ margin: '4px 0' }} data-i18n="data">
        {visit.evaluatee.unit.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {visit.date} · <span data-i18n="data">{visit.period.name}</span> · {tr('inspectorsLine')}
        <span data-i18n="data">{visit.inspectors.map((i) => i.displayName).join('、')}</span>{' '}
        <Tag color={visitStatusColors[visit.status]}>{visitStatusLabels[visit.status]}</Tag>
      </Typography.Paragraph>
      {visit.status === 'CANCELLED' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tr('cancelledVisit')}
          description={<span data-i18n="data">{[...visit.events].reverse().find((e) => e.toStatus === 'CANCELLED')?.reason}</span>} />
      )}
      {visit.status === 'RETURNED' && visit.reviewNote && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={tr('returnedVisit')} description={<span data-i18n="data">{visit.reviewNote}</span>} />}
      <SyncBar visitId={visitId} />
      <Flex vertical gap={12}>
        {visit.items.map((item) => (
          <ItemCard key={item.task.id} visitId={visitId} item={item} local={local.get(item.task.id)} photos={localPhotos.filter((p) => p.taskId === item.task.id)} editable={editable} />
        ))}
      </Flex>
      {visit.signedBy && (
        <Card size="small" style={{ marginTop: 12 }} title={tr('signature')}>
          <Typography.Text data-i18n="data">{visit.signedBy}</Typography.Text>
          {visit.signatureUrl && <img src={visit.signatureUrl} alt={tr('signatureAlt')} style={{ display: 'block', maxWidth: '100%', height: 100, objectFit: 'contain' }} />}
        </Card>
      )}
      {queuedSubmit && (
        <Alert
          style={{ marginTop: 12 }}
          type={queuedSubmit.state === 'waiting' ? 'info' : 'error'}
          showIcon
          title={
            queuedSubmit.state === 'waiting' ? (
              tr('signedWaiting', { name: queuedSubmit.signedBy })
            ) : (
              <>
                {tr('submitFailed')}
                <span data-i18n="data">{queuedSubmit.message ?? ''}</span>
              </>
            )
          }
          action={queuedSubmit.state !== 'waiting' && <Button onClick={() => void discardSubmit(visitId)}>{tr('dropSubmit')}</Button>}
        />
      )}
      {editable && <SubmitCard visit={visit} open={open} onSubmit={() => void syncer.run()} />}
    </div>
  );
}

function ItemCard({ visitId, item, local, photos, editable }: { visitId: string; item: Item; local?: QueuedFinding; photos: QueuedPhoto[]; editable: boolean }) {
  const { message } = App.useApp();
  const tr = useFieldVisitsT();
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
      message.error(tr('photoFailed'));
    }
  };
  const shown = local ?? server;
  return (
    <Card size="small" data-testid={`item-${item.task.number}`} title={<span style={{ whiteSpace: 'normal' }}>{tr('taskN', { number: item.task.number })}</span>}
      extra={local && <Tag color={local.state === 'waiting' ? 'blue' : 'red'}>{local.state === 'waiting' ? tr('qWaiting') : local.state === 'conflict' ? tr('qConflict') : tr('qRefused')}</Tag>}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }} data-i18n="data">
        {item.task.text}
      </Typography.Paragraph>
      {item.task.deadline.phrase && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {tr('deadline')}
          <span data-i18n="data">{item.task.deadline.phrase}</span>
        </Typography.Paragraph>
      )}
      <Collapse
        size="small"
        style={{ marginBottom: 10 }}
        items={[
          {
            key: 'report',
            label: item.report ? tr('reportState', { state: progressStateLabels[item.report.state] }) : tr('noReport'),
            children: item.report ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {item.report.narrative ? <span data-i18n="data">{item.report.narrative}</span> : tr('noNarrative')}
                </Typography.Paragraph>
                {item.report.evidence.map((e) => (
                  <div key={e.id}>
                    <a href={e.url} data-i18n="data">
                      {e.filename}
                    </a>
                  </div>
                ))}
              </>
            ) : (
              <Typography.Text type="secondary">{tr('noReportYet')}</Typography.Text>
            ),
          },
        ]}
      />
      {local?.state === 'conflict' && local.theirs && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 10 }}
          title={local.message ? <span data-i18n="data">{local.message}</span> : tr('changedByOther')}
          description={
            <>
              <div>
                <span data-i18n="data">{local.theirs.recordedBy}</span>
                {tr('theirFinding')}
                {judgementLabel(local.theirs.judgement)} <span data-i18n="data">{local.theirs.note}</span>
              </div>
              <div>
                {tr('yourFinding')}
                {judgementLabel(local.judgement)} <span data-i18n="data">{local.note}</span>
              </div>
              <Space style={{ marginTop: 8 }} wrap>
                <Button onClick={() => void keepMine(local)}>{tr('keepMine')}</Button>
                <Button onClick={() => void discardFinding(visitId, item.task.id)}>
                  {tr('takeTheirsBefore')}
                  <span data-i18n="data">{local.theirs.recordedBy}</span>
                  {tr('takeTheirsAfter')}
                </Button>
              </Space>
            </>
          }
        />
      )}
      {local?.state === 'refused' && (
        <Alert type="error" showIcon style={{ marginBottom: 10 }} title={<span data-i18n="data">{local.message}</span>}
          action={<Button onClick={() => void discardFinding(visitId, item.task.id)}>{tr('discard')}</Button>} />
      )}
      <div role="group" aria-label={tr('findingGroup', { number: item.task.number })} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
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
        aria-label={tr('noteLabel', { number: item.task.number })}
        placeholder={tr('notePlaceholder')}
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
          <img key={p.id} src={p.url} alt={tr('sitePhoto')} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6 }} />
        ))}
        {urls.map(({ p, url }) => (
          <div key={p.clientId} style={{ position: 'relative' }} data-testid="queued-photo">
            <img src={url} alt={tr('photoToUpload')} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6, opacity: 0.8, outline: p.state === 'waiting' ? '2px dashed #1677ff' : '2px solid #cf1322' }} />
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={tr('dropPhoto')} style={{ position: 'absolute', top: 2, right: 2 }} onClick={() => void discardPhoto(p.clientId)} />
          </div>
        ))}
      </Flex>
      {editable && (
        <>
          <input ref={camera} type="file" accept="image/*" capture="environment" hidden aria-label={tr('takePhotoLabel', { number: item.task.number })} onChange={(e) => void addPhoto(e.target.files?.[0]).then(() => (e.target.value = ''))} />
          <Button size="large" block icon={<CameraOutlined />} style={{ marginTop: 10, height: 48 }} onClick={() => camera.current?.click()}>
            {tr('takePhoto')}
          </Button>
        </>
      )}
    </Card>
  );
}

function SubmitCard({ visit, open, onSubmit }: { visit: FieldVisitFieldsFragment; open: number; onSubmit: () => void }) {
  const tr = useFieldVisitsT();
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
    <Card size="small" style={{ marginTop: 16 }} title={tr('signAndSubmit')}>
      {open > 0 && <Alert type="info" showIcon style={{ marginBottom: 10 }} title={tr('openLeft', { count: open })} />}
      <Input size="large" placeholder={tr('signerName')} aria-label={tr('signerName')} value={signedBy} onChange={(e) => setSignedBy(e.target.value)} style={{ marginBottom: 10 }} />
      <canvas ref={canvas} aria-label={tr('signArea')} style={{ width: '100%', height: 160, border: '1px dashed #bbb', borderRadius: 6, touchAction: 'none', background: '#fff' }} />
      <Flex gap={8} style={{ marginTop: 10 }}>
        <Button size="large" onClick={() => { pad.current?.clear(); setEmpty(true); }}>
          {tr('resign')}
        </Button>
        <Button size="large" type="primary" block disabled={open > 0 || empty || !signedBy.trim()} onClick={() => void submit()}>
          {tr('submitVisit')}
        </Button>
      </Flex>
    </Card>
  );
}
