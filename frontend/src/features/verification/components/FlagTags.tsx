import { Alert } from 'antd';
import { ServerText } from '../../../components/ServerText';
import { useEnumLabel } from '../../../lib/enumLabels';
import { useVerificationT } from '../messages';
import type { QueueRow } from '../types';

export { FlagTags } from '../../../components/FlagTags';

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
              <ServerText zh={f.reason} en={f.reasonEn} />
            </li>
          ))}
        </ul>
      }
    />
  );
}
