import { DeleteOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { FieldVisitFieldsFragment } from '../../../gql/graphql';
import { judgementLabel } from '../labels';
import { useFieldVisitsT } from '../messages';
import { cachedVisits, discardFinding, discardPhoto, discardSubmit, type Outbox, type QueueState } from '../outbox';

const stateTags: Record<QueueState, { color: string; label: 'qWaiting' | 'qConflict' | 'qRefused' }> = {
  waiting: { color: 'blue', label: 'qWaiting' },
  conflict: { color: 'orange', label: 'qConflict' },
  refused: { color: 'red', label: 'qRefused' },
};

interface Row {
  key: string;
  what: string;
  /** The inspector's own words (data), after `what`. */
  note?: string;
  where: string;
  state: QueueState;
  message?: string;
  thumb?: Blob;
  discard: () => Promise<void>;
}

/**
 * Every record still on the phone, one by one: what it is, where it
 * belongs, where it stands, and a way to throw away just that one
 * (field-app users' most asked-for control, ODK/Enketo).
 */
export function QueueDrawer({ box, open, onClose }: { box: Outbox; open: boolean; onClose: () => void }) {
  const tr = useFieldVisitsT();
  const [visits, setVisits] = useState<FieldVisitFieldsFragment[]>([]);
  useEffect(() => {
    if (open) void cachedVisits().then(setVisits);
  }, [open]);
  const rows = useMemo(() => {
    const name = (visitId: string, taskId?: string) => {
      const v = visits.find((x) => x.id === visitId);
      const t = taskId && v?.items.find((i) => i.task.id === taskId)?.task;
      return [v ? `${v.evaluatee.unit.name} ${v.date}` : tr('visitN', { id: visitId }), t ? tr('taskN', { number: t.number }) : ''].filter(Boolean).join(' · ');
    };
    const out: Row[] = [
      ...box.findings.map((f) => ({
        key: `f-${f.visitId}-${f.taskId}`,
        what: tr('qFinding', { judgement: judgementLabel(f.judgement) }),
        note: f.note ? `(${f.note.slice(0, 20)}${f.note.length > 20 ? '…' : ''})` : undefined,
        where: name(f.visitId, f.taskId),
        state: f.state,
        message: f.message,
        discard: () => discardFinding(f.visitId, f.taskId),
      })),
      ...box.photos.map((p) => ({
        key: `p-${p.clientId}`,
        what: tr('qPhoto', { kb: Math.round(p.blob.size / 1024) }),
        where: name(p.visitId, p.taskId),
        state: p.state,
        message: p.message,
        thumb: p.blob,
        discard: () => discardPhoto(p.clientId),
      })),
      ...box.submits.map((s) => ({
        key: `s-${s.visitId}`,
        what: tr('qSubmit', { name: s.signedBy }),
        where: name(s.visitId),
        state: s.state,
        message: s.message,
        discard: () => discardSubmit(s.visitId),
      })),
    ];
    return out;
  }, [box, visits, tr]);
  return (
    <Drawer open={open} onClose={onClose} placement="bottom" size="70%" title={tr('qTitle', { count: rows.length })}>
      {rows.length === 0 ? (
        <Empty description={tr('qEmpty')} />
      ) : (
        <List
          dataSource={rows}
          renderItem={(r) => (
            <List.Item
              data-testid="queued-record"
              actions={[
                <Popconfirm key="discard" title={tr('qDiscardTitle')} description={tr('qDiscardHint')} okText={tr('discard')} okButtonProps={{ danger: true }} cancelText={tr('keep')} onConfirm={() => void r.discard()}>
                  <Button size="large" danger icon={<DeleteOutlined />} aria-label={tr('qDiscardLabel', { what: `${r.where} ${r.what}${r.note ?? ''}` })} />
                </Popconfirm>,
              ]}
            >
              <Flex gap={10} align="center" style={{ minWidth: 0 }}>
                {r.thumb && <Thumb blob={r.thumb} />}
                <div style={{ minWidth: 0 }}>
                  <div>
                    <Tag color={stateTags[r.state].color}>{tr(stateTags[r.state].label)}</Tag>
                    <Typography.Text>
                      {r.what}
                      {r.note && <span data-i18n="data">{r.note}</span>}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" data-i18n="data">
                    {r.where}
                  </Typography.Text>
                  {r.message && (
                    <div>
                      <Typography.Text type={r.state === 'refused' ? 'danger' : 'warning'} data-i18n="data">
                        {r.message}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

function Thumb({ blob }: { blob: Blob }) {
  const tr = useFieldVisitsT();
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt={tr('photoToUpload')} style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4, flex: 'none' }} />;
}
