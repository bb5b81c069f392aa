import type { FormRule } from 'antd';
import { usePlanT } from '../messages';

/** Points are kept to two decimals (分值最多两位小数). */
export const twoDecimalsRule: FormRule = {
  validator: (_, value: unknown) =>
    value === null || value === undefined || value === '' || /^\d+(\.\d{1,2})?$/.test(String(value))
      ? Promise.resolve()
      : Promise.reject(new Error(usePlanT.translate('twoDecimals'))),
};
