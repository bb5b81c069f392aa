// Browser test of the plan page against a running Kaoping server with the
// demo data loaded (it signs in as the demo 专班 account zhuanban1, or
// KAOPING_USER / KAOPING_PASSWORD): KAOPING_URL=http://localhost:8080 npm run e2e
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, openPage, SHOTS, signIn, startBrowser, TASK3 } from './browser.mjs';

let browser;
before(async () => {
  browser = await startBrowser();
  await signIn(browser.context);
});
after(async () => {
  await browser?.stop();
});

test('the menu leads from the home page to the demo plan and task 3 shows its lead units and evaluatees', async () => {
  const page = await openPage(browser.context);
  try {
    await page.goto(`${BASE}/`);
    await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 15000 });
    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '考评方案' }).click();
    await page.waitForURL(/\/plans\/[^/]+$/, { timeout: 15000 });

    // Task 3's row in the plan tree, and its lead units in that row.
    const row = page.locator('tr[data-kind="task"]').filter({ hasText: TASK3 });
    await row.first().waitFor({ timeout: 15000 });
    assert.equal(await row.count(), 1, 'exactly one row for task 3');
    const leadUnits = await row.locator('[data-lead-units] .ant-tag').allInnerTexts();
    assert.ok(leadUnits.includes('市政府办公室'), `lead units of task 3: ${leadUnits.join('、')}`);
    assert.ok(leadUnits.includes('市公安局'), `lead units of task 3: ${leadUnits.join('、')}`);
    await page.screenshot({ path: join(SHOTS, 'plan.png') });

    // Its detail: the full text and the evaluatees carrying it, by group.
    await row.locator('[data-task-text]').click();
    await page.waitForURL(/\/plans\/[^/]+\/tasks\/[^/]+$/);
    const detail = page.getByTestId('task-detail');
    const evaluatees = detail.locator('[data-testid="task-evaluatees"] .ant-tag');
    await evaluatees.first().waitFor({ timeout: 15000 });
    assert.ok((await evaluatees.count()) > 0, 'task 3 lists evaluatees');
    const text = await detail.innerText();
    assert.match(text, /旗县区组|市直部门组/);
    assert.ok(text.includes(TASK3), 'the detail shows the full task text');
    await page.screenshot({ path: join(SHOTS, 'task-3.png') });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await page.close();
  }
});
