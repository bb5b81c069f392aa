import { Flex, Tag, Typography } from 'antd';
import type { DeadlineState } from '../gql/graphql';
import { deadlineTags } from '../lib/deadline';
import { useComponentsT } from './messages';

export interface DeadlineLike {
  phrase: string;
  month?: number | null;
  state?: DeadlineState | null;
  continuing: boolean;
}

/** A deadline as written, with a tag for the state it expects and 持续 when it goes on. */
export function DeadlineView({ deadline, compact = false }: { deadline: DeadlineLike; compact?: boolean }) {
  const t = useComponentsT();
  const tags = deadlineTags(deadline);
  return (
    <Flex vertical={!compact} gap={4} wrap="wrap" align={compact ? 'center' : 'flex-start'}>
      {deadline.phrase ? (
        <Typography.Text data-i18n="data">{deadline.phrase}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('deadlineUnstated')}</Typography.Text>
      )}
      {tags.length > 0 && (
        <Flex gap={4} wrap="wrap">
          {tags.map((tag) => (
            <Tag key={tag.label} color={tag.color} style={{ marginInlineEnd: 0 }}>
              {tag.label}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
