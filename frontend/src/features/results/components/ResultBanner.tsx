import { Alert } from 'antd';
import type { PeriodState } from '../../../gql/graphql';
import { formatTime } from '../../../lib/evaluation';

/**
 * Says whether the numbers below are the published ones or a preview:
 * 已发布(公示于…) / 公示中 / 预览:含未核实分值,不作为正式结果.
 */
export function ResultBanner({
  preview,
  publishedAt,
  publishedLabel = '公示于',
  state,
  periodName,
  missing,
}: {
  preview: boolean;
  publishedAt: string | null | undefined;
  /** What publishedAt is: 公示于 (the publication, as rankings say) or 发布于 (the period's release). */
  publishedLabel?: string;
  state: PeriodState | undefined;
  periodName: string;
  /** Scores still missing (preview only). */
  missing?: number;
}) {
  if (preview) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="result-banner"
        data-preview="true"
        style={{ marginBottom: 12 }}
        title="预览:含未核实分值,不作为正式结果"
        description={`${periodName}尚未公示,以下数字按当前已录入的分值(含草稿和未核实的分值)即时计算,随录入和核实变化。${
          missing ? `尚有 ${missing} 项应录入的分值未计入。` : ''
        }`}
      />
    );
  }
  const when = publishedAt ? `(${publishedLabel} ${formatTime(publishedAt)})` : '';
  return (
    <Alert
      type="success"
      showIcon
      data-testid="result-banner"
      data-preview="false"
      style={{ marginBottom: 12 }}
      title={state === 'PUBLICITY' ? `公示中${when}` : `已发布${when}`}
      description={`${periodName}的结果已冻结,以下为正式结果,只计入经专班核实的分值。`}
    />
  );
}
