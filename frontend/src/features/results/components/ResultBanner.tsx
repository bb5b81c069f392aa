import { Alert } from 'antd';
import type { PeriodState } from '../../../gql/graphql';
import { formatTime } from '../../../lib/evaluation';
import { useResultsT } from '../messages';

/**
 * Says whether the numbers below are the published ones or a preview:
 * 已发布(公示于…) / 公示中 / 预览:含未核实分值,不作为正式结果.
 */
export function ResultBanner({
  preview,
  publishedAt,
  publishedAs = 'publicity',
  state,
  periodName,
  missing,
}: {
  preview: boolean;
  publishedAt: string | null | undefined;
  /** What publishedAt is: 公示于 (the publication, as rankings say) or 发布于 (the period's release). */
  publishedAs?: 'publicity' | 'release';
  state: PeriodState | undefined;
  periodName: string;
  /** Scores still missing (preview only). */
  missing?: number;
}) {
  const t = useResultsT();
  if (preview) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="result-banner"
        data-preview="true"
        style={{ marginBottom: 12 }}
        title={t('previewTitle')}
        description={
          <>
            <span data-i18n="data">{periodName}</span>
            {t('previewDescription')}
            {missing ? t('previewMissing', { count: missing }) : ''}
          </>
        }
      />
    );
  }
  const label = t(publishedAs === 'release' ? 'releasedAtLabel' : 'publishedAtLabel');
  const when = publishedAt ? t('publishedWhen', { label, time: formatTime(publishedAt) }) : '';
  return (
    <Alert
      type="success"
      showIcon
      data-testid="result-banner"
      data-preview="false"
      style={{ marginBottom: 12 }}
      title={t(state === 'PUBLICITY' ? 'inPublicity' : 'published', { when })}
      description={
        <>
          <span data-i18n="data">{periodName}</span>
          {t('frozenDescription')}
        </>
      }
    />
  );
}
