import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip } from 'antd';

/** A consistency flag (疑点) as the server words it. */
export interface ScoreFlag {
  rule: string;
  label: string;
  reason: string;
}

/**
 * A score's consistency flags as tags, the reason in words as each tag's
 * tooltip: the 专班's queue, the scorer's grid and the leader's evaluatee
 * page show doubts the same way.
 */
export function FlagTags({ flags }: { flags: readonly ScoreFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <Flex gap={4} wrap="wrap" data-flags={flags.length}>
      {flags.map((f) => (
        <Tooltip key={f.rule} title={f.reason}>
          <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            {f.label}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
