// Exact decimal helpers for the Decimal scalar, which travels as a string.
// Points and weights are summed and compared here without binary floating
// point, so 33.3 + 33.3 + 33.4 is exactly 100.

interface Scaled {
  units: bigint; // value × 10^scale
  scale: number;
}

const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/;

/** Parses "12", "0.5", "-1.25", ".5"; null for anything else (including ""). */
export function parseDecimal(value: string | number | null | undefined): Scaled | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : value;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const digits = BigInt((intPart || '0') + fracPart);
  return { units: m[1] === '-' ? -digits : digits, scale: fracPart.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

function toText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const intPart = abs.slice(0, abs.length - scale);
  let frac = scale > 0 ? abs.slice(abs.length - scale) : '';
  frac = frac.replace(/0+$/, '');
  const text = frac ? `${intPart}.${frac}` : intPart;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Exact sum of decimal strings; empty or invalid entries count as 0. */
export function sumDecimals(values: ReadonlyArray<string | number | null | undefined>): string {
  const parsed = values.map(parseDecimal).filter((v): v is Scaled => v !== null);
  const scale = Math.max(0, ...parsed.map((v) => v.scale));
  const total = parsed.reduce((acc, v) => acc + rescale(v, scale), 0n);
  return toText(total, scale);
}

/** Exact comparison: negative, 0 or positive like a sort comparator. Invalid values count as 0. */
export function compareDecimals(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const x = parseDecimal(a) ?? { units: 0n, scale: 0 };
  const y = parseDecimal(b) ?? { units: 0n, scale: 0 };
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * For display: rounds half up (四舍五入) to `places` decimals and drops
 * trailing zeros ("0.50" → "0.5", "0.6666666667" → "0.67"). Returns "" for
 * an empty or invalid value.
 */
export function formatDecimal(value: string | number | null | undefined, places = 2): string {
  const v = parseDecimal(value);
  if (!v) return '';
  if (v.scale <= places) return toText(v.units, v.scale);
  const drop = 10n ** BigInt(v.scale - places);
  const negative = v.units < 0n;
  const abs = negative ? -v.units : v.units;
  let q = abs / drop;
  if ((abs % drop) * 2n >= drop) q += 1n;
  return toText(negative ? -q : q, places);
}
