// Browser test of the bell (issue 13 §2) against a running Kaoping server
// with the demo data (scripts/e2e.sh … frontend/e2e/notifications.test.mjs):
// the 专班 returns a score of 市审批服务局; its scorer sees the unread count
// on the bell, opens the list, follows the notification to the score sheet,
// and the count goes down; 全部标为已读 clears the rest.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BASE, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

/** A GraphQL request with the page's session, as the SPA sends it. */
async function gql(page, query, variables = {}) {
  const res = await page.evaluate(
    async ({ query, variables }) => {
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kaoping-CSRF': '1' },
        body: JSON.stringify({ query, variables }),
      });
      return r.json();
    },
    { query, variables },
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data;
}

async function shot(page, name) {
  await page.waitForTimeout(300); // let the popover's animation settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

const bellCount = async (page) => Number((await page.locator('[data-testid="notification-bell"] .ant-badge-count').getAttribute('title')) ?? 0);

describe('notifications', () => {
  const browsers = [];
  after(async () => {
    for (const b of browsers) await b.stop();
  });

  test('评分员 a scorer whose score was returned sees the bell count, opens it and follows the link', async () => {
    const zb = await startBrowser();
    browsers.push(zb);
    await signIn(zb.context, 'zhuanban1');
    const tf = await openPage(zb.context);
    await tf.goto(`${BASE}/`);
    const { plans } = await gql(tf, '{ plans { id periods { id name state } } }');
    const period = plans.flatMap((p) => p.periods).find((p) => p.state === 'OPEN');
    assert.ok(period, 'the demo has a period in 填报');
    const { verificationQueue } = await gql(tf, 'query($p: ID!) { verificationQueue(periodId: $p) { id version enteredByMe leadUnit { name } } }', { p: period.id });
    const mine = verificationQueue.filter((s) => s.leadUnit.name === '市审批服务局' && !s.enteredByMe).slice(0, 2);
    assert.equal(mine.length, 2, 'two submitted scores of 市审批服务局 to return');
    await gql(tf, 'mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { id } }', {
      i: mine.map((s) => ({ scoreId: s.id, version: s.version, action: 'RETURN', reason: '佐证材料不足,请补充后重新提交' })),
    });

    const b = await startBrowser();
    browsers.push(b);
    await signIn(b.context, 'scorer');
    const page = await openPage(b.context);
    await page.goto(`${BASE}/`);
    await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 60000 });
    const bell = page.getByTestId('notification-bell');
    await page.locator('[data-testid="notification-bell"] .ant-badge-count').waitFor({ timeout: 60000 });
    const before = await bellCount(page);
    assert.ok(before >= 2, `unread count ${before}, want at least the two returns`);
    await bell.click();
    const list = page.getByTestId('notification-list');
    const item = list.locator('.ant-list-item').filter({ hasText: '被专班退回' }).first();
    await item.waitFor({ timeout: 60000 });
    await list.getByText('佐证材料不足,请补充后重新提交').first().waitFor();
    await shot(page, 'notifications-bell-desktop');
    await item.click();
    await page.waitForURL(new RegExp(`/scoring\\?period=${period.id}$`), { timeout: 60000 });
    await page.waitForFunction(
      async (want) => Number(document.querySelector('[data-testid="notification-bell"] .ant-badge-count')?.getAttribute('title') ?? 0) === want,
      before - 1,
      { timeout: 60000 },
    );
    // 全部标为已读 clears the badge.
    await bell.click();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.locator('[data-testid="notification-bell"] .ant-badge-count').waitFor({ state: 'detached', timeout: 60000 });
    assert.deepEqual(page.problems, []);

    // The bell at phone size, in the same session.
    await gql(tf, 'mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { id } }', {
      i: verificationQueue
        .filter((s) => s.leadUnit.name === '市审批服务局' && !s.enteredByMe && !mine.includes(s))
        .slice(0, 1)
        .map((s) => ({ scoreId: s.id, version: s.version, action: 'RETURN', reason: '请核对得分依据' })),
    });
    const small = await openPage(b.context, phone);
    await small.goto(`${BASE}/`);
    await small.locator('[data-testid="notification-bell"] .ant-badge-count').waitFor({ timeout: 60000 });
    await small.getByTestId('notification-bell').click();
    await small.getByTestId('notification-list').getByText('请核对得分依据').waitFor({ timeout: 60000 });
    await shot(small, 'notifications-bell-phone');
    assert.deepEqual(small.problems, []);
  });
});
