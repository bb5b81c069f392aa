import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip } from 'antd';
import type { ConsistencyRule } from '../gql/graphql';
import { useEnumLabel } from '../lib/enumLabels';
import { ServerText } from './ServerText';

/** A consistency flag (疑点): its rule (named in the language in use) and the server's reason. */
export interface ScoreFlag {
  rule: ConsistencyRule;
  reason: string;
  /** The reason in English; empty in records from before the server wrote it. */
  reasonEn?: string | null;
}

/**
 * A score's consistency flags as tags, the reason in words as each tag's
 * tooltip: the 专班's queue, the scorer's grid and the leader's evaluatee
 * page show doubts the same way.
 */
export function FlagTags({ flags }: { flags: readonly ScoreFlag[] }) {
  const label = useEnumLabel();
  if (flags.length === 0) return null;
  return (
    <Flex gap={4} wrap="wrap" data-flags={flags.length}>
      {flags.map((f) => (
        <Tooltip key={f.rule} title={<ServerText zh={f.reason} en={f.reasonEn} />}>
          <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            {label('ConsistencyRule', f.rule)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
