import { DeleteOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { FieldVisitFieldsFragment } from '../../../gql/graphql';
import { judgementLabel } from '../labels';
import { cachedVisits, discardFinding, discardPhoto, discardSubmit, type Outbox, type QueueState } from '../outbox';

const stateTags: Record<QueueState, { color: string; label: string }> = {
  waiting: { color: 'blue', label: '待同步' },
  conflict: { color: 'orange', label: '有冲突' },
  refused: { color: 'red', label: '被拒绝' },
};

interface Row {
  key: string;
  what: string;
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
  const [visits, setVisits] = useState<FieldVisitFieldsFragment[]>([]);
  useEffect(() => {
    if (open) void cachedVisits().then(setVisits);
  }, [open]);
  const rows = useMemo(() => {
    const name = (visitId: string, taskId?: string) => {
      const v = visits.find((x) => x.id === visitId);
      const t = taskId && v?.items.find((i) => i.task.id === taskId)?.task;
      return [v ? `${v.evaluatee.unit.name} ${v.date}` : `调研 ${visitId}`, t ? `任务${t.number}` : ''].filter(Boolean).join(' · ');
    };
    const out: Row[] = [
      ...box.findings.map((f) => ({
        key: `f-${f.visitId}-${f.taskId}`,
        what: `结论:${judgementLabel(f.judgement)}${f.note ? `(${f.note.slice(0, 20)}${f.note.length > 20 ? '…' : ''})` : ''}`,
        where: name(f.visitId, f.taskId),
        state: f.state,
        message: f.message,
        discard: () => discardFinding(f.visitId, f.taskId),
      })),
      ...box.photos.map((p) => ({
        key: `p-${p.clientId}`,
        what: `照片 ${Math.round(p.blob.size / 1024)} KB`,
        where: name(p.visitId, p.taskId),
        state: p.state,
        message: p.message,
        thumb: p.blob,
        discard: () => discardPhoto(p.clientId),
      })),
      ...box.submits.map((s) => ({
        key: `s-${s.visitId}`,
        what: `签名并提交(${s.signedBy})`,
        where: name(s.visitId),
        state: s.state,
        message: s.message,
        discard: () => discardSubmit(s.visitId),
      })),
    ];
    return out;
  }, [box, visits]);
  return (
    <Drawer open={open} onClose={onClose} placement="bottom" size="70%" title={`本机保存的记录(${rows.length} 条)`}>
      {rows.length === 0 ? (
        <Empty description="没有待同步的记录" />
      ) : (
        <List
          dataSource={rows}
          renderItem={(r) => (
            <List.Item
              data-testid="queued-record"
              actions={[
                <Popconfirm key="discard" title="放弃这条记录?" description="放弃后不会上传,也无法恢复。" okText="放弃" okButtonProps={{ danger: true }} cancelText="保留" onConfirm={() => void r.discard()}>
                  <Button size="large" danger icon={<DeleteOutlined />} aria-label={`放弃:${r.where} ${r.what}`} />
                </Popconfirm>,
              ]}
            >
              <Flex gap={10} align="center" style={{ minWidth: 0 }}>
                {r.thumb && <Thumb blob={r.thumb} />}
                <div style={{ minWidth: 0 }}>
                  <div>
                    <Tag color={stateTags[r.state].color}>{stateTags[r.state].label}</Tag>
                    <Typography.Text>{r.what}</Typography.Text>
                  </div>
                  <Typography.Text type="secondary">{r.where}</Typography.Text>
                  {r.message && (
                    <div>
                      <Typography.Text type={r.state === 'refused' ? 'danger' : 'warning'}>{r.message}</Typography.Text>
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
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt="待上传照片" style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4, flex: 'none' }} />;
}
