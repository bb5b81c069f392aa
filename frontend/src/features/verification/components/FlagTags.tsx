import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Tooltip } from 'antd';
import type { QueueRow } from '../types';

/** A score's consistency flags (疑点) as tags; the reason in words is the tooltip. */
export function FlagTags({ flags }: { flags: QueueRow['flags'] }) {
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

/** The flags spelled out, where the 专班 decides on the score. */
export function FlagList({ flags }: { flags: QueueRow['flags'] }) {
  if (flags.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`系统发现 ${flags.length} 处疑点`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {flags.map((f) => (
            <li key={f.rule}>
              <strong>{f.label}</strong>:{f.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
}
