// Browser test of the home page (issue 13 §1) against a running Kaoping
// server with the demo data loaded (scripts/e2e.sh … frontend/e2e/home.test.mjs):
// each role signs in on its own to-do list with counts and links: the
// contact its missing progress reports and its published place, the scorer
// its open cells, the 专班 its verification queue, the inspector today's
// visit and this browser's outbox, the leader the latest published ranking.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BASE, openPage, PASSWORD, phone, SHOTS, startBrowser } from './browser.mjs';

async function signInOn(context, username) {
  const page = await openPage(context);
  await page.goto(`${BASE}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 15000 });
  // Generous: on a loaded CI machine the first home answer has taken over 15 s.
  await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 60000 });
  return page;
}

async function shot(page, name) {
  await page.waitForTimeout(300); // let animations settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The same page at phone size, in the same session. */
async function phoneShot(context, name, waitText) {
  const page = await openPage(context, phone);
  try {
    await page.goto(`${BASE}/`);
    await page.getByText(waitText).first().waitFor({ timeout: 15000 });
    await shot(page, name);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
}

describe('home', () => {
  const browsers = [];
  const fresh = async () => {
    const b = await startBrowser();
    browsers.push(b);
    return b;
  };
  after(async () => {
    for (const b of browsers) await b.stop();
  });

  test('联络员 contact lands on its home: reports missing this period, its published place, links to both', async () => {
    const b = await fresh();
    const page = await signInOn(b.context, 'contact');
    const section = page.locator('.ant-card').filter({ hasText: '本单位考评' });
    await section.getByText('2023年下半年').waitFor({ timeout: 15000 });
    await section.getByText('尚未报送进展的任务').waitFor();
    await section.getByText('本单位名次').waitFor();
    await shot(page, 'home-contact-desktop');
    await section.getByRole('button', { name: '查看得分明细' }).first().click();
    await page.waitForURL(/\/results\/[^/?]+\?period=/, { timeout: 15000 });
    await page.goBack();
    await section.getByRole('button', { name: '去报送' }).click();
    await page.waitForURL(/\/reports\?period=/, { timeout: 15000 });
    assert.deepEqual(page.problems, []);
    await phoneShot(b.context, 'home-contact-phone', '本单位考评');
  });

  test('评分员 scorer and 专班 see their queues with links to the sheet and the verification page', async () => {
    const b = await fresh();
    const page = await signInOn(b.context, 'scorer');
    const section = page.locator('.ant-card').filter({ hasText: '评分录入' });
    await section.getByText('待评分(未提交)').waitFor({ timeout: 15000 });
    await shot(page, 'home-scorer-desktop');
    await section.getByRole('button', { name: '去评分' }).first().click();
    await page.waitForURL(/\/scoring\?period=/, { timeout: 15000 });
    assert.deepEqual(page.problems, []);

    const zb = await fresh();
    const tf = await signInOn(zb.context, 'zhuanban1');
    const queue = tf.locator('.ant-card').filter({ hasText: '专班待办' });
    await queue.getByText('待核实分值').waitFor({ timeout: 15000 });
    await shot(tf, 'home-taskforce-desktop');
    await queue.getByRole('button', { name: '去核实' }).first().click();
    await tf.waitForURL(/\/verification\?period=/, { timeout: 15000 });
    assert.deepEqual(tf.problems, []);
  });

  test('调研员 inspector sees today’s visit and the sync state of this browser; 领导 leader the published ranking', async () => {
    const b = await fresh();
    const page = await signInOn(b.context, 'inspector');
    const section = page.locator('.ant-card').filter({ hasText: '实地调研' });
    // Which visits are due depends on what the field-visit browser tests did
    // to the demo's visits before this file ran; the section and the sync
    // state of this browser are always there.
    await section.getByTestId('sync-status').waitFor({ timeout: 60000 });
    await phoneShot(b.context, 'home-inspector-phone', '实地调研');

    const l = await fresh();
    const leader = await signInOn(l.context, 'leader');
    const ranking = leader.locator('.ant-card').filter({ hasText: '最新发布排名' });
    await ranking.getByText('旗县区组').waitFor({ timeout: 15000 });
    await leader.getByText('督办').first().waitFor();
    await shot(leader, 'home-leader-desktop');
    assert.deepEqual(leader.problems, []);
    assert.deepEqual(page.problems, []);
  });
});
