import { AlertOutlined, CameraOutlined, EditOutlined, FileDoneOutlined, FormOutlined, RightOutlined, TrophyOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { HomePeriodFieldsFragment, HomeQuery } from '../../../gql/graphql';
import { formatTime, periodStateColors, periodStateLabels, scoringMethodLabels } from '../../../lib/evaluation';
import { rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { flaggedScoreCountQuery, homeQuery } from '../documents';
import { daysLeftColor, daysLeftText, windowName } from '../format';
import { useHomeT } from '../messages';

/**
 * Slots the app fills from other features (a feature never imports another):
 * the inspector's outbox count from fieldvisits, the leader's 督办 counts
 * once they exist.
 */
export interface HomeSlots {
  /** Inspector: findings, photos and submissions waiting in this browser's outbox. */
  waitingToSync?: ReactNode;
  /** Leader: 督办 (overdue tasks) counts; a placeholder until that query exists. */
  overdue?: ReactNode;
}

/** `/` for every role but the admin: what this user must do now, with counts and links. */
export function HomePage({ slots = {} }: { slots?: HomeSlots }) {
  const { session } = useSession();
  const t = useHomeT();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: homeQuery, requestPolicy: 'cache-and-network' });
  if (!data && fetching) return <PageLoading />;
  if (!data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const h = data.home;
  const sections = [
    h.contact && <ContactSection key="contact" periods={h.contact} />,
    h.scorer && <ScorerSection key="scorer" periods={h.scorer} />,
    h.taskForce && <TaskForceSection key="taskForce" periods={h.taskForce} />,
    h.inspector && <InspectorSection key="inspector" visits={h.inspector.visits} waiting={slots.waitingToSync} />,
    h.leader && <LeaderSection key="leader" ranking={h.leader.ranking} overdue={slots.overdue} />,
    h.auditor && <AuditorSection key="auditor" auditor={h.auditor} />,
  ].filter(Boolean);
  return (
    <div style={{ maxWidth: 1100 }}>
      <PageTitle
        title={t('title')}
        hint={
          <>
            <span data-i18n="data">
              {session?.user.displayName ?? ''}
              {session?.user.unit ? ` · ${session.user.unit.name}` : ''}
            </span>
            {` · ${t('today', { date: h.today })}`}
          </>
        }
      />
      <Flex vertical gap={16}>
        {sections.length > 0 ? sections : <Empty description={t('nothing')} />}
      </Flex>
    </div>
  );
}

type HomePeriod = HomePeriodFieldsFragment;

function periodTitle(p: HomePeriod) {
  return (
    <Space size={8} wrap>
      <Typography.Text strong data-i18n="data">
        {p.planName} · {p.periodName}
      </Typography.Text>
      <Tag color={periodStateColors[p.state]}>{periodStateLabels[p.state]}</Tag>
      <Countdown p={p} />
    </Space>
  );
}

function Countdown({ p }: { p: HomePeriod }) {
  const t = useHomeT();
  const name = windowName(p.state);
  if (p.daysLeft == null || !name) return null;
  const last = p.state === 'OPEN' ? p.entryClosesOn : p.publicityEndsOn;
  return (
    <Tag color={daysLeftColor(p.daysLeft)} title={t('windowCloses', { window: name, date: last })}>
      {name}
      {daysLeftText(p.daysLeft)}
    </Tag>
  );
}

function Count({ title, value, danger, to, suffix }: { title: string; value: number; danger?: boolean; to?: string; suffix?: string }) {
  const stat = <Statistic title={title} value={value} suffix={suffix} valueStyle={danger && value > 0 ? { color: '#cf1322' } : undefined} />;
  return to && (value > 0 || suffix) ? <Link to={to}>{stat}</Link> : stat;
}

/** 疑点: its own small query, so the home's one statement per section stays one. */
function FlaggedCount({ p }: { p: HomePeriod }) {
  const t = useHomeT();
  const [{ data }] = useQuery({ query: flaggedScoreCountQuery, variables: { periodId: p.periodId } });
  if (!data) return <Statistic title={t('flagged')} value="…" />;
  return <Count title={t('flagged')} value={data.flaggedScoreCount} danger to={`${periodLink(p, 'verification')}`} />;
}

function Section({ title, icon, extra, children }: { title: ReactNode; icon: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
      extra={extra}
      styles={{ body: { paddingBlock: 8 } }}
    >
      {children}
    </Card>
  );
}

function PeriodList({ periods, empty, render }: { periods: HomePeriod[]; empty: string; render: (p: HomePeriod) => ReactNode }) {
  if (periods.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return <List dataSource={periods} rowKey={(p) => p.periodId} renderItem={(p) => <List.Item>{render(p)}</List.Item>} />;
}

function PeriodRow({ p, counts, action }: { p: HomePeriod; counts: ReactNode; action?: ReactNode }) {
  return (
    <Flex vertical gap={8} style={{ width: '100%' }}>
      {periodTitle(p)}
      <Flex justify="space-between" align="flex-end" gap={16} wrap="wrap">
        <Flex gap={32} wrap="wrap">
          {counts}
        </Flex>
        {action}
      </Flex>
    </Flex>
  );
}

const periodLink = (p: HomePeriod, page: string) => `/plans/${p.planId}/${page}?period=${p.periodId}`;

function ScorerSection({ periods }: { periods: HomePeriod[] }) {
  const t = useHomeT();
  return (
    <Section title={t('scorerTitle')} icon={<EditOutlined />}>
      <PeriodList
        periods={periods}
        empty={t('scorerEmpty')}
        render={(p) => (
          <PeriodRow
            p={p}
            counts={
              <>
                <Count title={t('scorerOpen')} value={p.open} to={periodLink(p, 'scoring')} />
                <Count title={t('scorerReturned')} value={p.returned} danger to={periodLink(p, 'scoring')} />
                <Statistic title={t('scorerTotal')} value={p.total} />
              </>
            }
            action={
              <Link to={periodLink(p, 'scoring')}>
                <Button type={p.open + p.returned > 0 ? 'primary' : 'default'}>{t('goScore')}</Button>
              </Link>
            }
          />
        )}
      />
    </Section>
  );
}

function TaskForceSection({ periods }: { periods: HomePeriod[] }) {
  const t = useHomeT();
  const closing = periods.filter((p) => p.daysLeft != null && p.daysLeft <= 7).length;
  return (
    <Section title={t('taskForceTitle')} icon={<FileDoneOutlined />} extra={closing > 0 && <Tag color="orange">{t('closingSoon', { count: closing })}</Tag>}>
      <PeriodList
        periods={periods}
        empty={t('taskForceEmpty')}
        render={(p) =>
          p.state === 'PUBLICITY' ? (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title={t('objectionsPending')} value={p.objections} danger to={periodLink(p, 'objections')} />
                  <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
                    {t('inPublicity')}
                    {p.publicityEndsOn ? t('publicityEnds', { date: p.publicityEndsOn }) : t('publicityNoEnd')}
                  </Typography.Text>
                </>
              }
              action={
                <Space wrap>
                  <Link to={`/plans/${p.planId}/periods`}>
                    <Button>{t('periods')}</Button>
                  </Link>
                  <Link to={periodLink(p, 'objections')}>
                    <Button type={p.objections > 0 ? 'primary' : 'default'}>{t('handleObjections')}</Button>
                  </Link>
                </Space>
              }
            />
          ) : (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title={t('toVerify')} value={p.open} to={periodLink(p, 'verification')} />
                  <FlaggedCount p={p} />
                  <Count title={t('returnedToScorers')} value={p.returned} />
                  <div>
                    <Typography.Text type="secondary">{t('toImport')}</Typography.Text>
                    <div style={{ marginTop: 6 }}>
                      {p.missingImports.length === 0 ? (
                        <Tag color="green">{t('allImported')}</Tag>
                      ) : (
                        p.missingImports.map((m) => (
                          <Link key={m} to={periodLink(p, 'sources')}>
                            <Tag color="orange">{scoringMethodLabels[m]}</Tag>
                          </Link>
                        ))
                      )}
                    </div>
                  </div>
                </>
              }
              action={
                <Link to={periodLink(p, 'verification')}>
                  <Button type={p.open > 0 ? 'primary' : 'default'}>{t('goVerify')}</Button>
                </Link>
              }
            />
          )
        }
      />
    </Section>
  );
}

function ContactSection({ periods }: { periods: HomePeriod[] }) {
  const t = useHomeT();
  return (
    <Section title={t('contactTitle')} icon={<FormOutlined />}>
      <PeriodList
        periods={periods}
        empty={t('contactEmpty')}
        render={(p) =>
          p.state === 'OPEN' ? (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title={t('noReport')} value={p.open} danger to={periodLink(p, 'reports')} />
                  <Statistic title={t('ownTasks')} value={p.total} />
                </>
              }
              action={
                <Link to={periodLink(p, 'reports')}>
                  <Button type={p.open > 0 ? 'primary' : 'default'}>{t('goReport')}</Button>
                </Link>
              }
            />
          ) : (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Statistic title={t('rank')} value={p.rank ?? '—'} suffix={p.rank && t('rankSuffix') ? t('rankSuffix') : undefined} />
                  <Statistic title={t('score')} value={p.score ?? '—'} />
                  {p.objections > 0 && <Count title={t('ownObjectionsAnswered')} value={p.objectionsAnswered} to={periodLink(p, 'objections')} suffix={`/ ${p.objections}`} />}
                  {p.state === 'PUBLICITY' && (
                    <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
                      {p.daysLeft == null ? t('objectionContact') : p.daysLeft >= 0 ? t('objectionUntil', { left: daysLeftText(p.daysLeft) }) : t('publicityOver')}
                    </Typography.Text>
                  )}
                </>
              }
              action={
                p.evaluateeId && (
                  <Space wrap>
                    <Link to={`/plans/${p.planId}/results/${p.evaluateeId}?period=${p.periodId}`}>
                      <Button type={p.state === 'PUBLICITY' ? 'primary' : 'default'}>{t('scoreDetail')}</Button>
                    </Link>
                    {p.state === 'PUBLICITY' && (p.daysLeft == null || p.daysLeft >= 0) && (
                      <Link to={`${periodLink(p, 'objections')}&new=1`}>
                        <Button>{t('fileObjection')}</Button>
                      </Link>
                    )}
                  </Space>
                )
              }
            />
          )
        }
      />
    </Section>
  );
}

type HomeVisit = NonNullable<HomeQuery['home']['inspector']>['visits'][number];

function InspectorSection({ visits, waiting }: { visits: HomeVisit[]; waiting?: ReactNode }) {
  const t = useHomeT();
  return (
    <Section
      title={t('visitsTitle')}
      icon={<CameraOutlined />}
      extra={
        <Link to="/visits">
          {t('allVisits')} <RightOutlined />
        </Link>
      }
    >
      {waiting}
      {visits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noVisits')} />
      ) : (
        <List
          dataSource={visits}
          rowKey={(v) => v.id}
          renderItem={(v) => (
            <List.Item actions={[<Link key="open" to={`/visits/${v.id}`}>{v.status === 'RETURNED' ? t('revise') : t('startVisit')}</Link>]}>
              <List.Item.Meta
                title={<span data-i18n="data">{v.evaluateeName}</span>}
                description={
                  <Space size={8} wrap>
                    <span>{v.date}</span>
                    <span>{t('items', { count: v.items })}</span>
                    {v.status === 'RETURNED' ? <Tag color="red">{t('visitReturned')}</Tag> : <Tag color="blue">{t('visitDue')}</Tag>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}

type HomeRanking = NonNullable<NonNullable<HomeQuery['home']['leader']>['ranking']>;

function LeaderSection({ ranking, overdue }: { ranking: HomeRanking | null; overdue?: ReactNode }) {
  const t = useHomeT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Section
          title={
            ranking ? (
              <>
                {t('latestRanking')} · <span data-i18n="data">{`${ranking.planName} ${ranking.periodName}`}</span>
              </>
            ) : (
              t('latestRanking')
            )
          }
          icon={<TrophyOutlined />}
          extra={
            ranking && (
              <Link to={`/plans/${ranking.planId}/ranking?period=${ranking.periodId}`}>
                {t('fullRanking')} <RightOutlined />
              </Link>
            )
          }
        >
          {!ranking ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRanking')} />
          ) : (
            <Row gutter={[24, 8]}>
              {ranking.groups.map((g) => (
                <Col key={g.group} xs={24} md={12}>
                  <Typography.Text type="secondary">
                    {rankingGroupLabels[g.group]} · {t('groupUnits', { count: g.ranked })}
                  </Typography.Text>
                  <List
                    size="small"
                    dataSource={g.top}
                    rowKey={(r) => r.evaluateeId}
                    renderItem={(r) => (
                      <List.Item extra={<Typography.Text strong>{r.score ?? '—'}</Typography.Text>}>
                        <Space>
                          <Badge count={r.rank} color={r.rank === 1 ? 'gold' : '#8c8c8c'} />
                          <Link to={`/plans/${ranking.planId}/results/${r.evaluateeId}?period=${ranking.periodId}`} data-i18n="data">
                            {r.unitName}
                          </Link>
                        </Space>
                      </List.Item>
                    )}
                  />
                </Col>
              ))}
            </Row>
          )}
          {ranking?.publishedAt && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('publishedAt', { time: formatTime(ranking.publishedAt) })}
            </Typography.Paragraph>
          )}
        </Section>
      </Col>
      <Col xs={24} lg={8}>
        <Section title={t('overdue')} icon={<AlertOutlined />}>
          {overdue ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overdueSoon')} />}
        </Section>
      </Col>
    </Row>
  );
}

type HomeAuditor = NonNullable<HomeQuery['home']['auditor']>;

function AuditorSection({ auditor }: { auditor: HomeAuditor }) {
  const t = useHomeT();
  return (
    <Section
      title={t('refusedTitle')}
      icon={<AlertOutlined />}
      extra={
        <Link to="/audit?outcome=DENIED">
          {t('inAuditLog')} <RightOutlined />
        </Link>
      }
    >
      <Statistic title={t('refusedCount')} value={auditor.refusedTotal} valueStyle={auditor.refusedTotal > 0 ? { color: '#cf1322' } : undefined} />
      {auditor.refused.length > 0 && (
        <List
          size="small"
          dataSource={auditor.refused}
          rowKey={(r) => r.id}
          renderItem={(r) => (
            <List.Item>
              <Space size={12} wrap>
                <Typography.Text type="secondary">{formatTime(r.at)}</Typography.Text>
                {r.username ? (
                  <Typography.Text strong data-i18n="data">
                    {r.username}
                  </Typography.Text>
                ) : (
                  <Typography.Text strong>{t('anonymous')}</Typography.Text>
                )}
                <Typography.Text code>{r.operation}</Typography.Text>
                {r.detail && (
                  <Typography.Text type="secondary" data-i18n="data">
                    {r.detail}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}
