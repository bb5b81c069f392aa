// The audit log keeps the object before and after a change as JSON text.
// These helpers show it: pretty-printed, and as a field-by-field comparison.

/** The parsed value, or undefined when there is none (null, "null", ""). */
export function parseAuditJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text.trim() === '' || text.trim() === 'null') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Indented JSON; text that is not JSON comes back unchanged; '' when there is nothing. */
export function prettyJson(text: string | null | undefined): string {
  const v = parseAuditJson(text);
  if (v === undefined) return '';
  if (typeof v === 'string' && v === text) return text;
  return JSON.stringify(v, null, 2);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * Leaves of a JSON value by path ("Unit.Name", "[0].value.Roles"). A list of
 * plain values (e.g. roles) is one leaf, so a change reads as one line.
 */
export function flattenJson(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flattenJson(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.length > 0 && !value.every(isScalar)) {
    value.forEach((v, i) => flattenJson(v, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix, value);
  }
  return out;
}

export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  path: string;
  kind: DiffKind;
  /** Absent when the field is not there before (added). */
  before?: unknown;
  after?: unknown;
}

/**
 * Field-by-field comparison of before and after, in the order the fields
 * appear (before's first, then those only after has). A creation has only
 * added rows, a deletion only removed ones.
 */
export function diffJson(beforeText: string | null | undefined, afterText: string | null | undefined): DiffRow[] {
  const b = parseAuditJson(beforeText);
  const a = parseAuditJson(afterText);
  const before = b === undefined ? new Map<string, unknown>() : flattenJson(b);
  const after = a === undefined ? new Map<string, unknown>() : flattenJson(a);
  const rows: DiffRow[] = [];
  for (const [path, bv] of before) {
    if (!after.has(path)) rows.push({ path, kind: 'removed', before: bv });
    else {
      const av = after.get(path);
      rows.push({ path, kind: JSON.stringify(av) === JSON.stringify(bv) ? 'same' : 'changed', before: bv, after: av });
    }
  }
  for (const [path, av] of after) if (!before.has(path)) rows.push({ path, kind: 'added', after: av });
  return rows;
}

/** A leaf as text: strings as they are, anything else as JSON. */
export function leafText(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
