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
      <PageTitle title="我的待办" hint={`${session?.user.displayName ?? ''}${session?.user.unit ? ` · ${session.user.unit.name}` : ''} · 今天 ${h.today}`} />
      <Flex vertical gap={16}>
        {sections.length > 0 ? sections : <Empty description="暂无待办" />}
      </Flex>
    </div>
  );
}

type HomePeriod = HomePeriodFieldsFragment;

function periodTitle(p: HomePeriod) {
  return (
    <Space size={8} wrap>
      <Typography.Text strong>
        {p.planName} · {p.periodName}
      </Typography.Text>
      <Tag color={periodStateColors[p.state]}>{periodStateLabels[p.state]}</Tag>
      <Countdown p={p} />
    </Space>
  );
}

function Countdown({ p }: { p: HomePeriod }) {
  const name = windowName(p.state);
  if (p.daysLeft == null || !name) return null;
  const last = p.state === 'OPEN' ? p.entryClosesOn : p.publicityEndsOn;
  return (
    <Tag color={daysLeftColor(p.daysLeft)} title={`${name}截止日期 ${last}`}>
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
  const [{ data }] = useQuery({ query: flaggedScoreCountQuery, variables: { periodId: p.periodId } });
  if (!data) return <Statistic title="有疑点待核实" value="…" />;
  return <Count title="有疑点待核实" value={data.flaggedScoreCount} danger to={`${periodLink(p, 'verification')}`} />;
}

function Section({ title, icon, extra, children }: { title: string; icon: ReactNode; extra?: ReactNode; children: ReactNode }) {
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
  return (
    <Section title="评分录入" icon={<EditOutlined />}>
      <PeriodList
        periods={periods}
        empty="没有正在评分的周期"
        render={(p) => (
          <PeriodRow
            p={p}
            counts={
              <>
                <Count title="待评分(未提交)" value={p.open} to={periodLink(p, 'scoring')} />
                <Count title="被专班退回" value={p.returned} danger to={periodLink(p, 'scoring')} />
                <Statistic title="本单位评分项" value={p.total} />
              </>
            }
            action={
              <Link to={periodLink(p, 'scoring')}>
                <Button type={p.open + p.returned > 0 ? 'primary' : 'default'}>去评分</Button>
              </Link>
            }
          />
        )}
      />
    </Section>
  );
}

function TaskForceSection({ periods }: { periods: HomePeriod[] }) {
  const closing = periods.filter((p) => p.daysLeft != null && p.daysLeft <= 7).length;
  return (
    <Section title="专班待办" icon={<FileDoneOutlined />} extra={closing > 0 && <Tag color="orange">{closing}个周期即将截止</Tag>}>
      <PeriodList
        periods={periods}
        empty="没有进行中的考评周期"
        render={(p) =>
          p.state === 'PUBLICITY' ? (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title="待答复异议" value={p.objections} danger to={periodLink(p, 'objections')} />
                  <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
                    结果公示中{p.publicityEndsOn ? `,公示截止 ${p.publicityEndsOn}` : ',尚未设置公示截止日期'}
                  </Typography.Text>
                </>
              }
              action={
                <Space wrap>
                  <Link to={`/plans/${p.planId}/periods`}>
                    <Button>考评周期</Button>
                  </Link>
                  <Link to={periodLink(p, 'objections')}>
                    <Button type={p.objections > 0 ? 'primary' : 'default'}>处理异议</Button>
                  </Link>
                </Space>
              }
            />
          ) : (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title="待核实分值" value={p.open} to={periodLink(p, 'verification')} />
                  <FlaggedCount p={p} />
                  <Count title="已退回评分单位" value={p.returned} />
                  <div>
                    <Typography.Text type="secondary">待导入</Typography.Text>
                    <div style={{ marginTop: 6 }}>
                      {p.missingImports.length === 0 ? (
                        <Tag color="green">民调与第三方评估已导入</Tag>
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
                  <Button type={p.open > 0 ? 'primary' : 'default'}>去核实</Button>
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
  return (
    <Section title="本单位考评" icon={<FormOutlined />}>
      <PeriodList
        periods={periods}
        empty="暂无进行中或已公示的考评周期"
        render={(p) =>
          p.state === 'OPEN' ? (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Count title="尚未报送进展的任务" value={p.open} danger to={periodLink(p, 'reports')} />
                  <Statistic title="本单位承担任务" value={p.total} />
                </>
              }
              action={
                <Link to={periodLink(p, 'reports')}>
                  <Button type={p.open > 0 ? 'primary' : 'default'}>去报送</Button>
                </Link>
              }
            />
          ) : (
            <PeriodRow
              p={p}
              counts={
                <>
                  <Statistic title="本单位名次" value={p.rank ?? '—'} suffix={p.rank ? '名' : undefined} />
                  <Statistic title="得分" value={p.score ?? '—'} />
                  {p.objections > 0 && <Count title="本单位异议 · 已答复" value={p.objectionsAnswered} to={periodLink(p, 'objections')} suffix={`/ ${p.objections}`} />}
                  {p.state === 'PUBLICITY' && (
                    <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
                      {p.daysLeft == null ? '公示期间可对本单位结果提出异议' : p.daysLeft >= 0 ? `距公示结束${daysLeftText(p.daysLeft)},可在此期间提出异议` : '公示已结束'}
                    </Typography.Text>
                  )}
                </>
              }
              action={
                p.evaluateeId && (
                  <Space wrap>
                    <Link to={`/plans/${p.planId}/results/${p.evaluateeId}?period=${p.periodId}`}>
                      <Button type={p.state === 'PUBLICITY' ? 'primary' : 'default'}>查看得分明细</Button>
                    </Link>
                    {p.state === 'PUBLICITY' && (p.daysLeft == null || p.daysLeft >= 0) && (
                      <Link to={`${periodLink(p, 'objections')}&new=1`}>
                        <Button>提出异议</Button>
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
  return (
    <Section
      title="实地调研"
      icon={<CameraOutlined />}
      extra={
        <Link to="/visits">
          全部调研 <RightOutlined />
        </Link>
      }
    >
      {waiting}
      {visits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今明两天没有待完成的调研" />
      ) : (
        <List
          dataSource={visits}
          rowKey={(v) => v.id}
          renderItem={(v) => (
            <List.Item actions={[<Link key="open" to={`/visits/${v.id}`}>{v.status === 'RETURNED' ? '修改' : '开始调研'}</Link>]}>
              <List.Item.Meta
                title={v.evaluateeName}
                description={
                  <Space size={8} wrap>
                    <span>{v.date}</span>
                    <span>{v.items} 项</span>
                    {v.status === 'RETURNED' ? <Tag color="red">已退回</Tag> : <Tag color="blue">待调研</Tag>}
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
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Section
          title={ranking ? `最新发布排名 · ${ranking.planName} ${ranking.periodName}` : '最新发布排名'}
          icon={<TrophyOutlined />}
          extra={
            ranking && (
              <Link to={`/plans/${ranking.planId}/ranking?period=${ranking.periodId}`}>
                完整排名 <RightOutlined />
              </Link>
            )
          }
        >
          {!ranking ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无发布的考评结果" />
          ) : (
            <Row gutter={[24, 8]}>
              {ranking.groups.map((g) => (
                <Col key={g.group} xs={24} md={12}>
                  <Typography.Text type="secondary">
                    {rankingGroupLabels[g.group]} · 共{g.ranked}个单位
                  </Typography.Text>
                  <List
                    size="small"
                    dataSource={g.top}
                    rowKey={(r) => r.evaluateeId}
                    renderItem={(r) => (
                      <List.Item extra={<Typography.Text strong>{r.score ?? '—'}</Typography.Text>}>
                        <Space>
                          <Badge count={r.rank} color={r.rank === 1 ? 'gold' : '#8c8c8c'} />
                          <Link to={`/plans/${ranking.planId}/results/${r.evaluateeId}?period=${ranking.periodId}`}>{r.unitName}</Link>
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
              发布于 {formatTime(ranking.publishedAt)}
            </Typography.Paragraph>
          )}
        </Section>
      </Col>
      <Col xs={24} lg={8}>
        <Section title="督办" icon={<AlertOutlined />}>
          {overdue ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="督办统计即将提供" />}
        </Section>
      </Col>
    </Row>
  );
}

type HomeAuditor = NonNullable<HomeQuery['home']['auditor']>;

function AuditorSection({ auditor }: { auditor: HomeAuditor }) {
  return (
    <Section
      title="近七天被拒绝的操作"
      icon={<AlertOutlined />}
      extra={
        <Link to="/audit?outcome=DENIED">
          在审计日志中查看 <RightOutlined />
        </Link>
      }
    >
      <Statistic title="被拒绝次数" value={auditor.refusedTotal} valueStyle={auditor.refusedTotal > 0 ? { color: '#cf1322' } : undefined} />
      {auditor.refused.length > 0 && (
        <List
          size="small"
          dataSource={auditor.refused}
          rowKey={(r) => r.id}
          renderItem={(r) => (
            <List.Item>
              <Space size={12} wrap>
                <Typography.Text type="secondary">{formatTime(r.at)}</Typography.Text>
                <Typography.Text strong>{r.username || '(未登录)'}</Typography.Text>
                <Typography.Text code>{r.operation}</Typography.Text>
                {r.detail && <Typography.Text type="secondary">{r.detail}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}
