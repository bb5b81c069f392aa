import { Tag, Tooltip, Typography } from 'antd';
import { formatDecimal } from '../lib/decimal';

/**
 * A task's points: its own, or (marked 均分) its equal share of what the
 * indicator has left (DESIGN §2.1).
 */
export function PointsText({ points, effectivePoints }: { points: string | null | undefined; effectivePoints: string | null | undefined }) {
  const own = points !== null && points !== undefined && points !== '';
  const shown = formatDecimal(own ? points : effectivePoints);
  if (own) return <Typography.Text strong>{shown} 分</Typography.Text>;
  const tag = (
    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
      均分
    </Tag>
  );
  return (
    <Tooltip title="该任务未单列分值,按所属指标的剩余分值平均分配;牵头单位可另行确定">
      {shown ? (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text>{shown} 分</Typography.Text> {tag}
        </span>
      ) : (
        tag
      )}
    </Tooltip>
  );
}
