// Shared by the browser tests: where the server is, which Chromium to drive,
// and a fresh headless browser profile per run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
export const BASE = (process.env.KAOPING_URL || 'http://localhost:8080').replace(/\/+$/, '');
/** Screenshots for humans to look at (gitignored). */
export const SHOTS = join(here, 'screenshots');
export const TASK3 = '全面提升“12345”政务热线服务水平';
export const desktop = { width: 1440, height: 900 };
/** A demo account of the 专班 (task force); override for another server. */
export const USER = process.env.KAOPING_USER || 'zhuanban1';
export const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';
export const phone = { width: 390, height: 844 };

/** CHROMIUM_PATH, else what scripts/chromium.sh prints, else Debian's chromium. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const script = join(repo, 'scripts/chromium.sh');
  if (existsSync(script)) {
    try {
      const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
      if (out) return out.split('\n').pop();
    } catch {
      // fall through to the default
    }
  }
  return '/usr/bin/chromium';
}

/** Throws a clear error when no Kaoping server answers at BASE. */
export async function assertServerUp() {
  try {
    const res = await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`/healthz answered ${res.status} ${(await res.text()).trim()}`);
  } catch (err) {
    throw new Error(
      `Kaoping server not reachable at ${BASE} (${err instanceof Error ? err.message : err}). ` +
        'Start it with demo data (go run ./server demo && go run ./server serve) or set KAOPING_URL.',
      { cause: err },
    );
  }
}

/**
 * Checks the server, then starts headless Chromium with a fresh profile
 * under the OS temp folder (so nothing remembered — last plan, 长辈模式 —
 * changes what a test sees). Returns the context and a stop function.
 */
export async function startBrowser() {
  await assertServerUp();
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'kaoping-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'zh-CN',
    viewport: desktop,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const stop = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, stop };
}

/**
 * Signs the browser profile in through the login page (the session cookie
 * then serves every page of the context). Fails clearly on a wrong account.
 */
export async function signIn(context, user = USER, password = PASSWORD) {
  const page = await context.newPage();
  try {
    await page.goto(`${BASE}/login`);
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15000 }).catch(async () => {
      const alert = await page.locator('.ant-alert').allInnerTexts();
      throw new Error(`could not sign in as ${user} at ${BASE}: ${alert.join(' ') || 'no answer'} (set KAOPING_USER / KAOPING_PASSWORD)`);
    });
  } finally {
    await page.close();
  }
}

/** Opens a page that records uncaught errors in `page.problems`. */
export async function openPage(context, viewport = desktop) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  return Object.assign(page, { problems });
}
