import { Tag, Tooltip, Typography } from 'antd';
import { formatDecimal } from '../lib/decimal';
import { useComponentsT } from './messages';

/**
 * A task's points: its own, or (marked 均分) its equal share of what the
 * indicator has left (DESIGN §2.1).
 */
export function PointsText({ points, effectivePoints }: { points: string | null | undefined; effectivePoints: string | null | undefined }) {
  const t = useComponentsT();
  const own = points !== null && points !== undefined && points !== '';
  const shown = formatDecimal(own ? points : effectivePoints);
  if (own) return <Typography.Text strong>{t('points', { points: shown })}</Typography.Text>;
  const tag = (
    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
      {t('sharedPoints')}
    </Tag>
  );
  return (
    <Tooltip title={t('sharedPointsHint')}>
      {shown ? (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text>{t('points', { points: shown })}</Typography.Text> {tag}
        </span>
      ) : (
        tag
      )}
    </Tooltip>
  );
}
