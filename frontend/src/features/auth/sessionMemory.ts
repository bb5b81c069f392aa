import { readStored, writeStored } from '../../lib/storage';

// Whether this browser had a session, so that when the server ends it (30
// idle minutes, 12 hours, or an administrator disabling the account or
// changing its roles) the sign-in page can say 登录已过期 instead of greeting
// a first visit. Only a flag is stored, never who or a token.

const key = 'kaoping.signedIn';

export function rememberSignedIn(): void {
  if (readStored(key) !== '1') writeStored(key, '1');
}

export function forgetSignedIn(): void {
  writeStored(key, null);
}

export function wasSignedIn(): boolean {
  return readStored(key) === '1';
}

/**
 * The sign-in page for someone who was at `here` (path and query): it comes
 * back there after signing in, and says the session expired when it did.
 */
export function loginPath(here: string, expired: boolean): string {
  const params = new URLSearchParams();
  if (expired) params.set('expired', '1');
  if (here && here !== '/' && !here.startsWith('/login')) params.set('next', here);
  const q = params.toString();
  return q ? `/login?${q}` : '/login';
}

/** The step-by-step setup page for a restricted session, coming back to `here` after. */
export function setupPath(here: string): string {
  return here && here !== '/' && !here.startsWith('/account') && !here.startsWith('/login')
    ? `/account/setup?next=${encodeURIComponent(here)}`
    : '/account/setup';
}
