import type { CombinedError } from '@urql/core';
import { currentLocale } from './i18n';
import { useLibT } from './messages';

// Turns what the server sends into words a user can act on. The server puts
// a code in extensions.code (INVALID, NOT_FOUND, CONFLICT, INTERNAL, …), the
// message in Chinese as the error's message and in English in
// extensions.messageEn, and, for INVALID, the offending fields in
// extensions.fields (each with message and messageEn).

export interface ServerFieldError {
  field: string;
  rule?: string;
  message: string;
  messageEn?: string;
}

export interface DescribedError {
  /** The server's code, or NETWORK when no answer came, or UNKNOWN. */
  code: string;
  /** One sentence for a toast or a result page. */
  message: string;
  /** Per-field problems (INVALID only). */
  fields: ServerFieldError[];
}

const t = useLibT.translate;

// Read in the language in use each time an error is described.
const codeKeys = {
  INVALID: 'errInvalid',
  NOT_FOUND: 'errNotFound',
  CONFLICT: 'errConflict',
  INTERNAL: 'errInternal',
  TIMEOUT: 'errTimeout',
  // The database went away mid-request; nothing was saved.
  UNAVAILABLE: 'errUnavailable',
  UNAUTHENTICATED: 'errUnauthenticated',
  FORBIDDEN: 'errForbidden',
  NETWORK: 'errNetwork',
  UNKNOWN: 'errUnknown',
} as const;

function codeMessage(code: string): string {
  return t(code in codeKeys ? codeKeys[code as keyof typeof codeKeys] : 'errUnknown');
}

/**
 * An error the SPA itself raises with words meant for the user (in the
 * language in use), shown as it is; other errors' messages may be
 * technical and give way to a generic sentence.
 */
export class UserFacingError extends Error {}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/**
 * The server's words in the language in use: the English when the UI is in
 * English and the server sent it, else the Chinese.
 */
export function inLanguage(zh: string, en: unknown): string {
  return currentLocale() === 'en' && typeof en === 'string' && en ? en : zh;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

function isCombinedError(e: unknown): e is CombinedError {
  return typeof e === 'object' && e !== null && 'graphQLErrors' in e && Array.isArray((e as CombinedError).graphQLErrors);
}

function readFields(ext: Record<string, unknown> | undefined): ServerFieldError[] {
  const raw = ext?.['fields'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f): ServerFieldError[] => {
    if (typeof f !== 'object' || f === null) return [];
    const o = f as Record<string, unknown>;
    if (typeof o['field'] !== 'string') return [];
    const zh = typeof o['message'] === 'string' && o['message'] ? o['message'] : '';
    // The server words each field problem in both languages.
    const message = inLanguage(zh, o['messageEn']) || t('errField');
    return [
      {
        field: o['field'],
        message,
        ...(typeof o['rule'] === 'string' ? { rule: o['rule'] } : {}),
        ...(typeof o['messageEn'] === 'string' ? { messageEn: o['messageEn'] } : {}),
      },
    ];
  });
}

/** Describes any error from urql (CombinedError) or elsewhere in the language in use. */
export function describeError(error: unknown): DescribedError {
  if (isCombinedError(error)) {
    const first: GraphQLErrorLike | undefined = error.graphQLErrors[0];
    if (!first) {
      if (error.networkError) return { code: 'NETWORK', message: codeMessage('NETWORK'), fields: [] };
      return { code: 'UNKNOWN', message: codeMessage('UNKNOWN'), fields: [] };
    }
    const ext = first.extensions ?? {};
    const code = typeof ext['code'] === 'string' ? ext['code'] : 'UNKNOWN';
    const fields = code === 'INVALID' ? readFields(ext) : [];
    // A Chinese message from the server says more than our generic sentence
    // (e.g. 该单位仍是任务的牵头单位,不能删除), except for internals.
    const serverSays = first.message && hasChinese(first.message) && code !== 'INTERNAL' ? first.message : '';
    let message = codeMessage(code);
    if (code === 'INVALID' && fields.length > 0) {
      message = fields.map((f) => f.message).join(t('fieldSeparator'));
    } else if (code === 'CONFLICT' && (!serverSays || /已被(他|其他)人修改/.test(serverSays))) {
      // A lost update: the page reloads what was edited.
      message = codeMessage('CONFLICT');
    } else if (code === 'INTERNAL') {
      const id = ext['requestId'];
      if (typeof id === 'string' && id) message = t('errRequestId', { message, id });
    } else if (serverSays) {
      // e.g. 仍有数据引用该对象,不能删除 / Other data still refers to this object…
      message = inLanguage(serverSays, ext['messageEn']);
    }
    return { code, message, fields };
  }
  if (error instanceof UserFacingError || (error instanceof Error && hasChinese(error.message))) {
    return { code: 'UNKNOWN', message: error.message, fields: [] };
  }
  return { code: 'UNKNOWN', message: codeMessage('UNKNOWN'), fields: [] };
}

/**
 * The form path of a server field name: "input.weights.dailyMonitoring",
 * "UpdatePlanInput.Weights.DailyMonitoring" and "weights.dailyMonitoring" all
 * give ["weights", "dailyMonitoring"]; "leadUnitIds[0]" gives ["leadUnitIds"].
 */
export function fieldPath(field: string): string[] {
  const parts = field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((p) => p !== '');
  while (parts.length > 1 && (parts[0] === 'input' || /Input$/.test(parts[0] ?? ''))) parts.shift();
  return parts.map((p) => p.charAt(0).toLowerCase() + p.slice(1));
}

export interface FieldAssignment {
  name: string[];
  errors: string[];
}

/**
 * Splits field errors into those a form shows beside its fields (known
 * paths) and the rest, which go to a toast.
 */
export function assignFieldErrors(
  fields: ServerFieldError[],
  formFields: ReadonlyArray<ReadonlyArray<string>>,
): { onForm: FieldAssignment[]; rest: ServerFieldError[] } {
  const known = new Set(formFields.map((p) => p.join('.')));
  const byPath = new Map<string, FieldAssignment>();
  const rest: ServerFieldError[] = [];
  for (const f of fields) {
    const path = fieldPath(f.field);
    const key = path.join('.');
    if (!known.has(key)) {
      rest.push(f);
      continue;
    }
    const entry = byPath.get(key) ?? { name: path, errors: [] };
    entry.errors.push(f.message);
    byPath.set(key, entry);
  }
  return { onForm: [...byPath.values()], rest };
}
