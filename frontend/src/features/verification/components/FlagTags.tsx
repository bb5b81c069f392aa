import { Alert } from 'antd';
import type { QueueRow } from '../types';

export { FlagTags } from '../../../components/FlagTags';

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
