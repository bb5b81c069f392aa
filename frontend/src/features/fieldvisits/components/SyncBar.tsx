import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { waitingCount } from '../outbox';
import { useFieldVisitsT } from '../messages';
import { QueueDrawer } from './QueueDrawer';
import { useOnline, useOutbox, useSyncer } from '../useOutbox';

/** The always-visible sync state: online or not, how many records wait, and a 同步 button. */
export function SyncBar({ visitId }: { visitId?: string }) {
  const tr = useFieldVisitsT();
  const online = useOnline();
  const box = useOutbox(visitId);
  const { syncer, status } = useSyncer();
  const [listOpen, setListOpen] = useState(false);
  const waiting = box ? waitingCount(box) : 0;
  const attention = box ? box.findings.filter((f) => f.state !== 'waiting').length + box.photos.filter((p) => p.state !== 'waiting').length + box.submits.filter((s) => s.state !== 'waiting').length : 0;
  const text = !online
    ? tr('offline', { count: waiting })
    : status.running
      ? tr('syncing', { count: waiting })
      : waiting > 0
        ? `${tr('waiting', { count: waiting })}${status.nextRetryAt ? tr('retryIn', { seconds: Math.max(1, Math.round((status.nextRetryAt - Date.now()) / 1000)) }) : ''}`
        : tr('allSynced');
  return (
    <Alert
      type={!online ? 'warning' : waiting > 0 || attention > 0 ? 'info' : 'success'}
      showIcon
      icon={online ? <CloudSyncOutlined /> : <DisconnectOutlined />}
      style={{ marginBottom: 12 }}
      title={
        <Flex align="center" justify="space-between" gap={8} wrap>
          <span data-testid="sync-status" data-waiting={waiting}>
            {text}
            {attention > 0 && <Typography.Text type="danger">{tr('attention', { count: attention })}</Typography.Text>}
          </span>
          <Flex gap={8}>
            {box && waiting + attention > 0 && (
              <Button size="large" onClick={() => setListOpen(true)}>
                {tr('details')}
              </Button>
            )}
            <Button size="large" icon={<CloudSyncOutlined />} loading={status.running} disabled={!online} onClick={() => void syncer.run()}>
              {tr('sync')}
            </Button>
          </Flex>
          {box && <QueueDrawer box={box} open={listOpen} onClose={() => setListOpen(false)} />}
        </Flex>
      }
    />
  );
}
