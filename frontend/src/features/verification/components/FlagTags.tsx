import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Tooltip } from 'antd';
import { useEnumLabel } from '../../../lib/enumLabels';
import { useVerificationT } from '../messages';
import type { QueueRow } from '../types';

/** A score's consistency flags (疑点) as tags; the reason in words is the tooltip. */
export function FlagTags({ flags }: { flags: QueueRow['flags'] }) {
  const label = useEnumLabel();
  if (flags.length === 0) return null;
  return (
    <Flex gap={4} wrap="wrap" data-flags={flags.length}>
      {flags.map((f) => (
        <Tooltip key={f.rule} title={f.reason}>
          <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            {label('ConsistencyRule', f.rule)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

/** The flags spelled out, where the 专班 decides on the score. */
export function FlagList({ flags }: { flags: QueueRow['flags'] }) {
  const t = useVerificationT();
  const label = useEnumLabel();
  if (flags.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('flagsFound', { count: flags.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {flags.map((f) => (
            <li key={f.rule}>
              <strong>{label('ConsistencyRule', f.rule)}</strong>
              {t('labelSeparator')}
              {f.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
}
