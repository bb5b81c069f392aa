// The 专班's verification queue shows consistency flags (疑点): filtered to
// the flagged rows, a flagged score is accepted only with a confirming note.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, SHOTS, openPage, signIn, startBrowser } from './browser.mjs';

let session;
let planId;
let periodId;
let flaggedEvaluatee;

before(async () => {
  session = await startBrowser();
  await signIn(session.context, 'zhuanban1');
  const res = await session.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query: '{ plans { id periods { id state } } }' },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const plans = body.data;
  planId = plans.plans[0].id;
  periodId = plans.plans[0].periods.find((p) => p.state === 'OPEN' || p.state === 'REVIEW')?.id;
  assert.ok(periodId, 'the demo has a period where scores are verified');
  const queue = await session.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query: 'query($p: ID!) { verificationQueue(periodId: $p) { evaluateeId flags { rule } } }', variables: { p: periodId } },
  });
  const flagged = (await queue.json()).data.verificationQueue.filter((s) => s.flags.length > 0);
  assert.ok(flagged.length > 0, 'the demo queue has flagged scores');
  flaggedEvaluatee = flagged[0].evaluateeId;
});

after(async () => {
  await session?.stop();
});

test('the 专班 filters the queue to flagged scores and accepts one with a confirming note', async () => {
  const page = await openPage(session.context);
  try {
    await page.goto(`${BASE}/plans/${planId}/verification?period=${periodId}`);
    await page.locator('tr.ant-table-row').first().waitFor({ timeout: 60000 });
    const all = await page.locator('tr.ant-table-row').count();
    await page.getByRole('switch', { name: '只看有疑点的' }).click();
    const rows = page.locator('tr.ant-table-row');
    await rows.first().locator('[data-flags]').waitFor({ timeout: 15000 });
    const flaggedRows = await rows.count();
    assert.ok(flaggedRows > 0, 'the demo queue has flagged scores');
    for (let i = 0; i < flaggedRows; i++) {
      assert.equal(await rows.nth(i).locator('[data-flags]').count(), 1, `row ${i} shown by the filter carries a flag`);
    }
    assert.ok(flaggedRows <= all, 'the filter never adds rows');
    await page.screenshot({ path: join(SHOTS, 'verification-flagged.png') });

    const first = rows.filter({ has: page.getByRole('button', { name: /^通\s*过$/ }) }).first();
    await first.getByRole('button', { name: /^通\s*过$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/系统发现 \d+ 处疑点/).waitFor({ timeout: 15000 });
    await dialog.getByRole('button', { name: /确认通过/ }).click();
    await dialog.getByText('有疑点的分值须填写确认说明').waitFor({ timeout: 15000 });
    await page.screenshot({ path: join(SHOTS, 'verification-confirm.png') });
    await dialog.getByLabel('确认说明').fill('已与牵头单位电话核实,评分依据充分');
    await dialog.getByRole('button', { name: /确认通过/ }).click();
    await page.locator('.ant-message').getByText(/已确认核实通过/).waitFor({ timeout: 15000 });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await page.close();
  }
});

test('a leader sees the doubts on an evaluatee page, down to the task and its reason', async () => {
  const leader = await startBrowser();
  try {
    await signIn(leader.context, 'leader');
    const page = await openPage(leader.context);
    await page.goto(`${BASE}/plans/${planId}/results/${flaggedEvaluatee}?period=${periodId}`);
    const summary = page.getByTestId('profile-flags');
    await summary.waitFor({ timeout: 60000 });
    assert.match(await summary.innerText(), /^\d+ 个评分有疑点$/);
    // Open every dimension, then every indicator, until a flagged task row shows.
    const dims = page.locator('[data-dimension-row]');
    for (let i = 0; i < (await dims.count()); i++) await dims.nth(i).click();
    const flaggedTask = page.locator('[data-task-flags]').first();
    if (!(await flaggedTask.isVisible())) {
      const indicators = page.locator('.ant-table-expanded-row .ant-table-row:not([data-dimension-row])');
      for (let i = 0; i < (await indicators.count()) && !(await flaggedTask.isVisible()); i++) await indicators.nth(i).click();
    }
    await flaggedTask.waitFor({ timeout: 60000 });
    assert.match(await flaggedTask.innerText(), /^疑点 \d+$/);
    // The task's detail shows each flagged score with the rule's name; its reason is the tooltip.
    await flaggedTask.locator('xpath=ancestor::tr[1]').click();
    const tag = page.locator('[data-score-line] [data-flags] .ant-tag').first();
    await tag.waitFor({ timeout: 60000 });
    await tag.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'evaluatee-flags.png') });
    await tag.hover();
    const reason = page.getByRole('tooltip').filter({ hasText: /\S{6,}/ });
    await reason.first().waitFor({ timeout: 60000 });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await leader.stop();
  }
});

test('a contact opens the what-if of its own unit and tries a value', async () => {
  const contact = await startBrowser();
  try {
    await signIn(contact.context, 'contact');
    const page = await openPage(contact.context);
    await page.goto(`${BASE}/plans/${planId}/whatif?period=${periodId}`);
    await page.getByText('当前半年得分(预览)').waitFor({ timeout: 60000 });
    const rows = page.locator('tr.ant-table-row');
    await rows.first().waitFor({ timeout: 60000 });
    assert.ok((await rows.count()) > 0, 'the contact sees its tasks ranked by gain');
    // The first row is the largest gain; try its full marks and read the result.
    const max = (await rows.first().getByRole('textbox').getAttribute('placeholder')).split('–')[1];
    await rows.first().getByRole('textbox').fill(max);
    await page.getByRole('button', { name: /试\s*算/ }).click();
    await page.getByText('试算得分').waitFor({ timeout: 15000 });
    const afterFull = (await rows.first().locator('td').nth(2).innerText()).trim();
    const tried = await page.locator('.ant-statistic').filter({ hasText: '试算得分' }).locator('.ant-statistic-content').innerText();
    assert.equal(tried.trim(), afterFull, 'trying full marks on the top task gives the figure its row promised');
    await page.screenshot({ path: join(SHOTS, 'whatif-contact.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'whatif-contact-phone.png') });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await contact.stop();
  }
});
