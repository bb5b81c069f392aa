// The password policy the server enforces (server/auth/password.go
// CheckPolicy), so forms can say what is wrong before sending. The server
// also refuses recently used passwords, which only it can check.

import { useLibT } from './messages';

const t = useLibT.translate;

/** The policy in zh-CN (kept for pages not yet converted; use passwordPolicyHint). */
export const passwordPolicyText = '至少 8 位,须含大写字母、小写字母、数字、符号中的至少三类,且不能与用户名相同';

/** The policy in the language in use: call it while rendering. */
export function passwordPolicyHint(): string {
  return t('passwordPolicy');
}

/** What `password` lacks under the policy, in the language in use; empty when it passes. */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  if ([...password].length < 8) problems.push(t('passwordTooShort'));
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  // As Go's unicode.IsUpper / IsLower / IsDigit; everything else (including
  // Chinese characters) counts as a symbol.
  for (const ch of password) {
    if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else symbol = true;
  }
  if ([upper, lower, digit, symbol].filter(Boolean).length < 3) problems.push(t('passwordClasses'));
  if (username !== '' && password.toLowerCase() === username.toLowerCase()) problems.push(t('passwordIsUsername'));
  return problems;
}

const groups = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%*+=?!'];

function randomIndex(n: number): number {
  const buf = new Uint32Array(1);
  // Rejection sampling keeps every character equally likely.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

/**
 * A random password that passes the policy: one character of each group,
 * the rest from all of them, shuffled; no look-alikes (0/O, 1/l/I).
 */
export function generatePassword(length = 12): string {
  const all = groups.join('');
  const chars = groups.map((g) => g[randomIndex(g.length)]!);
  while (chars.length < Math.max(length, 8)) chars.push(all[randomIndex(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
