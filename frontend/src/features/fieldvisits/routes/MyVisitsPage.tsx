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
import { useFieldVisitsT } from '../messages';

/** 我的调研: the inspector's visits, today first, then upcoming, then the rest; readable offline from the cache. */
export function MyVisitsPage() {
  const tr = useFieldVisitsT();
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
    { key: 'sync', title: tr('gSync'), list: visits.filter((v) => pending.has(v.id)) },
    { key: 'today', title: tr('gToday'), list: visits.filter((v) => when(v.date) === 'today' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'upcoming', title: tr('gUpcoming'), list: visits.filter((v) => when(v.date) === 'upcoming' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'past', title: tr('gPast'), list: visits.filter((v) => when(v.date) === 'past' && !pending.has(v.id) && v.status !== 'CANCELLED') },
    { key: 'cancelled', title: tr('gCancelled'), list: visits.filter((v) => v.status === 'CANCELLED' && !pending.has(v.id)) },
  ];
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {tr('myTitle')}
      </Typography.Title>
      <SyncBar />
      {error && !data && cached && <Typography.Paragraph type="secondary">{tr('cachedOnly')}</Typography.Paragraph>}
      {visits.length === 0 && <Empty description={tr('noneAssigned')} />}
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
  const tr = useFieldVisitsT();
  const judged = v.items.filter((i) => i.finding).length;
  return (
    <Link to={`/visits/${v.id}`} style={{ display: 'block' }}>
      <Card size="small" hoverable styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 18 }} data-i18n="data">
              {v.evaluatee.unit.name}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {v.date} · <span data-i18n="data">{v.period.name}</span> · {tr('done', { done: judged, total: v.items.length })}
              </Typography.Text>
            </div>
            <Tag color={visitStatusColors[v.status]} style={{ marginTop: 6 }}>
              {visitStatusLabels[v.status]}
            </Tag>
            {v.status === 'RETURNED' && v.reviewNote && (
              <Typography.Paragraph type="danger" style={{ margin: '6px 0 0' }}>
                {tr('returnNote')}
                <span data-i18n="data">{v.reviewNote}</span>
              </Typography.Paragraph>
            )}
            {v.status === 'CANCELLED' && (
              <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
                {tr('cancelReason')}
                <span data-i18n="data">{[...v.events].reverse().find((e) => e.toStatus === 'CANCELLED')?.reason ?? tr('notGiven')}</span>
              </Typography.Paragraph>
            )}
          </div>
          <RightOutlined style={{ fontSize: 18, color: '#999' }} />
        </Flex>
      </Card>
    </Link>
  );
}
