import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { assignFieldErrors, describeError, type DescribedError } from './errors';
import { useLibT } from './messages';

export interface ShowErrorOptions {
  /** Per-field messages of an INVALID error go beside these form's fields. */
  form?: FormInstance;
  /** Called on CONFLICT, after telling the user: reload what was edited. */
  onConflict?: () => void;
}

/** Shows an error the way a user can act on it; returns what it showed. */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, options: ShowErrorOptions = {}): DescribedError => {
      const d = describeError(error);
      if (d.code === 'INVALID' && options.form && d.fields.length > 0) {
        const names = options.form.getFieldsError().map((f) => f.name.map(String));
        const { onForm, rest } = assignFieldErrors(d.fields, names);
        options.form.setFields(onForm);
        if (rest.length > 0) void message.error(rest.map((f) => f.message).join(useLibT.translate('fieldSeparator')));
        else if (onForm.length === 0) void message.error(d.message);
        return d;
      }
      if (d.code === 'CONFLICT') {
        void message.warning(d.message, 5);
        options.onConflict?.();
        return d;
      }
      void message.error(d.message, 5);
      return d;
    },
    [message],
  );
}
