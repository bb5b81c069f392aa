import type { CombinedError } from '@urql/core';

// Turns what the server sends into words a user can act on. The server puts
// a code in extensions.code (INVALID, NOT_FOUND, CONFLICT, INTERNAL, …) and,
// for INVALID, the offending fields in extensions.fields.

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

const codeMessages: Record<string, string> = {
  INVALID: '提交的内容有误,请按提示修改后再提交。',
  NOT_FOUND: '要操作的记录不存在,可能已被他人删除。',
  CONFLICT: '该记录已被其他人修改,已为您重新加载最新内容,请核对后再操作。',
  INTERNAL: '服务器处理出错,请稍后重试;如仍有问题请联系系统管理员。',
  TIMEOUT: '请求超时,请稍后重试。',
  // The database went away mid-request; nothing was saved.
  UNAVAILABLE: '网络或数据库暂时不可用,请重试。',
  UNAUTHENTICATED: '登录已失效,请重新登录。',
  FORBIDDEN: '您没有执行此操作的权限。',
  NETWORK: '无法连接服务器,请检查网络后重试。',
  UNKNOWN: '操作未能完成,请稍后重试。',
};

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

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
    const message = typeof o['message'] === 'string' && o['message'] ? o['message'] : '此项填写有误';
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

/** Describes any error from urql (CombinedError) or elsewhere in Chinese. */
export function describeError(error: unknown): DescribedError {
  if (isCombinedError(error)) {
    const first: GraphQLErrorLike | undefined = error.graphQLErrors[0];
    if (!first) {
      if (error.networkError) return { code: 'NETWORK', message: codeMessages['NETWORK']!, fields: [] };
      return { code: 'UNKNOWN', message: codeMessages['UNKNOWN']!, fields: [] };
    }
    const ext = first.extensions ?? {};
    const code = typeof ext['code'] === 'string' ? ext['code'] : 'UNKNOWN';
    const fields = code === 'INVALID' ? readFields(ext) : [];
    // A Chinese message from the server says more than our generic sentence
    // (e.g. 该单位仍是任务的牵头单位,不能删除), except for internals.
    const serverSays = first.message && hasChinese(first.message) && code !== 'INTERNAL' ? first.message : '';
    let message = codeMessages[code] ?? codeMessages['UNKNOWN']!;
    if (code === 'INVALID' && fields.length > 0) {
      message = fields.map((f) => f.message).join(';');
    } else if (code === 'CONFLICT' && (!serverSays || /已被(他|其他)人修改/.test(serverSays))) {
      // A lost update: the page reloads what was edited.
      message = codeMessages['CONFLICT']!;
    } else if (code === 'INTERNAL') {
      const id = ext['requestId'];
      if (typeof id === 'string' && id) message = `${message}(请求编号:${id})`;
    } else if (serverSays) {
      // e.g. 仍有数据引用该对象,不能删除
      message = serverSays;
    }
    return { code, message, fields };
  }
  if (error instanceof Error && hasChinese(error.message)) {
    return { code: 'UNKNOWN', message: error.message, fields: [] };
  }
  return { code: 'UNKNOWN', message: codeMessages['UNKNOWN']!, fields: [] };
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
