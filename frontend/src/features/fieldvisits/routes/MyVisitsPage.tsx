import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { FieldVisitFieldsFragment } from '../../../gql/graphql';
import { SyncBar } from '../components/SyncBar';
import { myFieldVisitsQuery } from '../documents';
import { visitStatusColors, visitStatusLabels, when } from '../labels';
import { cachedVisits, cacheVisits } from '../outbox';
import { useOutbox } from '../useOutbox';

/** 我的调研: the inspector's visits, today first, then upcoming, then the rest; readable offline from the cache. */
export function MyVisitsPage() {
  const [{ data, error }] = useQuery({ query: myFieldVisitsQuery, requestPolicy: 'cache-and-network' });
  const [cached, setCached] = useState<FieldVisitFieldsFragment[] | null>(null);
  const box = useOutbox();
  useEffect(() => {
    if (data) void cacheVisits(data.myFieldVisits);
    else void cachedVisits().then(setCached);
  }, [data]);
  const visits = data?.myFieldVisits ?? cached ?? [];
  const pending = new Set([...(box?.findings ?? []).map((f) => f.visitId), ...(box?.photos ?? []).map((p) => p.visitId), ...(box?.submits ?? []).map((s) => s.visitId)]);
  const groups: { key: string; title: string; list: FieldVisitFieldsFragment[] }[] = [
    { key: 'sync', title: '待同步', list: visits.filter((v) => pending.has(v.id)) },
    { key: 'today', title: '今天', list: visits.filter((v) => when(v.date) === 'today' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'upcoming', title: '即将开始', list: visits.filter((v) => when(v.date) === 'upcoming' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'past', title: '以往调研', list: visits.filter((v) => when(v.date) === 'past' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'cancelled', title: '已取消', list: visits.filter((v) => v.status === 'CANCELLED' && !pending.has(v.id)) },
  ];
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        我的实地调研
      </Typography.Title>
      <SyncBar />
      {error && !data && cached && <Typography.Paragraph type="secondary">无法连接服务器,显示的是本机保存的调研任务。</Typography.Paragraph>}
      {visits.length === 0 && <Empty description="暂无指派给您的实地调研" />}
      {groups
        .filter((g) => g.list.length > 0)
        .map((g) => (
          <section key={g.key} aria-label={g.title} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{g.title}</Typography.Title>
            <Flex vertical gap={10}>
              {g.list.map((v) => (
                <VisitCard key={v.id} visit={v} />
              ))}
            </Flex>
          </section>
        ))}
    </div>
  );
}

function VisitCard({ visit: v }: { visit: FieldVisitFieldsFragment }) {
  const judged = v.items.filter((i) => i.finding).length;
  return (
    <Link to={`/visits/${v.id}`} style={{ display: 'block' }}>
      <Card size="small" hoverable styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {v.evaluatee.unit.name}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {v.date} · {v.period.name} · 已完成 {judged}/{v.items.length} 项
              </Typography.Text>
            </div>
            <Tag color={visitStatusColors[v.status]} style={{ marginTop: 6 }}>
              {visitStatusLabels[v.status]}
            </Tag>
            {v.status === 'RETURNED' && v.reviewNote && (
              <Typography.Paragraph type="danger" style={{ margin: '6px 0 0' }}>
                退回意见:{v.reviewNote}
              </Typography.Paragraph>
            )}
            {v.status === 'CANCELLED' && (
              <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
                取消原因:{[...v.events].reverse().find((e) => e.toStatus === 'CANCELLED')?.reason ?? '未说明'}
              </Typography.Paragraph>
            )}
          </div>
          <RightOutlined style={{ fontSize: 18, color: '#999' }} />
        </Flex>
      </Card>
    </Link>
  );
}
