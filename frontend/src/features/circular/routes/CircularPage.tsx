import { PrinterOutlined, DownloadOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Result } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PeriodPicker, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { CircularPlaceFieldsFragment } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { downloadFile } from '../../../lib/download';
import { formatLongDate } from '../../../lib/datetime';
import { dimensionNumberLabel } from '../../../lib/labels';
import { useCommonT } from '../../../lib/messages';
import { circularQuery } from '../documents';
import { useCircularT } from '../messages';
import '../circular.css';

/**
 * `/plans/:planId/circular?period=ID`: the 通报 ready to print on A4 (browser
 * print or Chromium's page.pdf), outside the app's header and menu. The
 * same content downloads as .xlsx from the server.
 */
export function CircularPage() {
  const t = useCircularT();
  const { planId = '' } = useParams();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;
  return (
    <main>
      <Flex className="circular-toolbar" gap={8} wrap="wrap" align="center" justify="space-between">
        <Link to={`/plans/${planId}/ranking`}>
          <ArrowLeftOutlined /> {t('backToRanking')}
        </Link>
        <Flex gap={8} wrap="wrap">
          <PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />
          {period && <Toolbar periodId={period.id} periodName={period.name} />}
        </Flex>
      </Flex>
      {period ? <Circular key={period.id} periodId={period.id} /> : <Empty description={t('noPeriods')} />}
    </main>
  );
}

function Toolbar({ periodId, periodName }: { periodId: string; periodName: string }) {
  const t = useCircularT();
  const common = useCommonT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const exportXlsx = async () => {
    setBusy(true);
    try {
      await downloadFile(`/files/circular.xlsx?periodId=${periodId}`, t('fileName', { period: periodName }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('exportFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={exportXlsx}>
        {common('exportXlsx')}
      </Button>
      <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
        {t('print')}
      </Button>
    </>
  );
}

function Circular({ periodId }: { periodId: string }) {
  const t = useCircularT();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: circularQuery, variables: { periodId } });
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const c = data?.circular;
  if (!c) return null;
  return (
    <article className="circular">
      <h1>{c.title}</h1>
      <p className="meta">
        {c.periodName}
        {c.publishedAt ? t('publishedOn', { date: formatLongDate(c.publishedAt) }) : ''}
      </p>
      {c.preview && <div className="preview" role="note">
          {t('preview')}
        </div>}
      <ObjectionsLine counts={data?.objectionCounts} />
      {c.groups.length === 0 && <p>{t('noEvaluatees')}</p>}
      {c.groups.map((g) => (
        <section className="group" key={g.group} aria-label={g.title}>
          <h2>{g.title}</h2>
          <p>{g.paragraph}</p>
          <h3>
            {t('groupRanking', { group: g.title })}
            {c.previousName ? t('comparedWith', { previous: c.previousName }) : ''}
          </h3>
          <PlaceTable places={g.ranking} showChange={!!c.previousName} />
          <h3>{t('topAndBottom')}</h3>
          <div className="dims">
            {g.dimensions.map((d) => (
              <div className="dim" key={d.number}>
                <h3>
                  {dimensionNumberLabel(d.number)}
                  {d.name}
                </h3>
                <PlaceTable places={d.top} caption={t('top')} />
                {/* With six units or fewer the bottom three overlap the top: only those left show. */}
                {d.bottom.length > 0 && <PlaceTable places={d.bottom} caption={t('bottom')} />}
              </div>
            ))}
          </div>
        </section>
      ))}
    </article>
  );
}

/** 公示 and its objections (issue 13 §3): how many were filed and upheld, once the results were made public. */
function ObjectionsLine({ counts }: { counts: { state: string; objectionsFiled: number; objectionsUpheld: number } | null | undefined }) {
  if (!counts || (counts.state !== 'PUBLICITY' && counts.state !== 'PUBLISHED')) return null;
  const { objectionsFiled: filed, objectionsUpheld: upheld } = counts;
  const rest = filed - upheld;
  const text =
    filed === 0
      ? '公示期间未收到异议。'
      : `公示期间共收到异议${filed}件,其中成立${upheld}件${upheld > 0 ? ',已据此更正分值并重新公示' : ''}${
          rest > 0 ? `,${rest}件${counts.state === 'PUBLICITY' ? '不成立或尚在处理' : '经复核不成立,维持原分'}` : ''
        }。`;
  return (
    <p className="objections" data-testid="circular-objections">
      {text}
    </p>
  );
}

/** 79.20, not 79.2: a printed notice shows every score with two decimals, as the .xlsx does. */
function twoPlaces(value: string): string {
  const [whole, fraction = ''] = formatDecimal(value, 2).split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

function PlaceTable({ places, caption, showChange }: { places: readonly CircularPlaceFieldsFragment[]; caption?: string; showChange?: boolean }) {
  const t = useCircularT();
  const rows = places;
  return (
    <table>
      {caption && <caption style={{ textAlign: 'left', fontWeight: 'bold' }}>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('unit')}</th>
          <th scope="col">{t('score')}</th>
          {showChange && <th scope="col">{t('change')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.evaluateeId}>
            <td className="center">{p.rank}</td>
            <td>{p.unitName}</td>
            <td className="num">{p.score ? twoPlaces(p.score) : '—'}</td>
            {showChange && <td className="center">{p.change}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
