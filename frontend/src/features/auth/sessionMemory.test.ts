import { describe, expect, it } from 'vitest';
import { forgetSignedIn, loginPath, rememberSignedIn, setupPath, wasSignedIn } from './sessionMemory';
import { safeNext } from './routes/LoginPage';

describe('loginPath', () => {
  it('comes back to the page and its query, saying the session expired', () => {
    const path = loginPath('/audit?username=admin&outcome=DENIED', true);
    const url = new URL(path, 'http://x');
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('expired')).toBe('1');
    expect(url.searchParams.get('next')).toBe('/audit?username=admin&outcome=DENIED');
    // What the sign-in page will follow after signing in.
    expect(safeNext(url.searchParams.get('next'))).toBe('/audit?username=admin&outcome=DENIED');
  });

  it('says nothing on a first visit and never comes back to / or /login', () => {
    expect(loginPath('/', false)).toBe('/login');
    expect(loginPath('/login?next=/x', true)).toBe('/login?expired=1');
    expect(loginPath('/units', false)).toBe('/login?next=%2Funits');
  });
});

describe('setupPath', () => {
  it('keeps the page to return to after the setup steps', () => {
    expect(setupPath('/plans/1')).toBe('/account/setup?next=%2Fplans%2F1');
    expect(setupPath('/')).toBe('/account/setup');
    expect(setupPath('/account/setup')).toBe('/account/setup');
  });
});

describe('signed-in memory', () => {
  it('remembers a session until the user signs out', () => {
    expect(wasSignedIn()).toBe(false);
    rememberSignedIn();
    expect(wasSignedIn()).toBe(true);
    forgetSignedIn();
    expect(wasSignedIn()).toBe(false);
  });
});
