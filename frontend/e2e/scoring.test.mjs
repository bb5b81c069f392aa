// Browser test of the half-year workflow on the demo data (scripts/e2e.sh
// starts a fresh demo database each run, so it may change data):
//   2023年下半年 (填报): the 市审批服务局 scorer types a score and pastes a
//   block into the grid, they are saved as drafts and submitted; the 专班
//   verifies one and returns another with a reason.
//   2023年上半年 (发布): the 专班 reopens it with a reason, publishes it again
//   (审核 → 公示 → 发布), and the 旗县区组 ranking is in rank order and marked
//   已发布; one unit's breakdown lists its tasks with 录入人 and 核实人.
// KAOPING_URL=http://localhost:8080 node --test frontend/e2e/scoring.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, desktop, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';

/** One signed-in browser profile per account. */
const browsers = {};
async function as(user) {
  if (!browsers[user]) {
    const b = await startBrowser();
    await signIn(b.context, user, PASSWORD);
    browsers[user] = b;
  }
  return browsers[user];
}

/** Runs a GraphQL query with the user's session (cookie and CSRF header). */
async function graphql(user, query, variables = {}) {
  const { context } = await as(user);
  const res = await context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query, variables },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

let planId;
let h1;
let h2;
/** The cells the scorer fills in: { evaluatee, task, label, value, scoreId } */
let typed;
let pasted = [];

/** The largest two-decimal score not above the task's points, and at least half of them (no 说明 needed). */
function scoreFor(maxPoints) {
  return (Math.floor(Number(maxPoints) * 100) / 100).toFixed(2);
}

before(async () => {
  const { plans } = await graphql('zhuanban1', '{ plans { id periods { id half name state } } }');
  const plan = plans.find((p) => p.periods.some((x) => x.half === 2 && x.state === 'OPEN') && p.periods.some((x) => x.half === 1 && x.state === 'PUBLISHED'));
  assert.ok(plan, 'the demo plan has 上半年 published and 下半年 open');
  planId = plan.id;
  h1 = plan.periods.find((p) => p.half === 1);
  h2 = plan.periods.find((p) => p.half === 2);

  // Empty cells of the scorer's sheet, in the grid's order: one to type
  // into, and two side by side in one row to paste into.
  const { scoreSheet } = await graphql(
    'scorer',
    `query($p: ID!) { scoreSheet(periodId: $p) { tasks { id number } evaluatees { id group unit { name sortKey } } cells { evaluateeId taskId maxPoints score { id } } } }`,
    { p: h2.id },
  );
  const tasks = [...scoreSheet.tasks].sort((a, b) => a.number - b.number);
  const order = { DISTRICTS: 0, DEPARTMENTS: 1 };
  const evaluatees = [...scoreSheet.evaluatees].sort((a, b) => order[a.group] - order[b.group] || a.unit.sortKey - b.unit.sortKey);
  const cell = (e, t) => scoreSheet.cells.find((c) => c.evaluateeId === e.id && c.taskId === t.id);
  const empty = (e, t) => {
    const c = cell(e, t);
    return c && !c.score ? { evaluatee: e.unit.name, task: t.number, label: `${e.unit.name} 任务${t.number} 得分`, value: scoreFor(c.maxPoints) } : null;
  };
  for (const e of evaluatees) {
    for (let i = 0; i + 1 < tasks.length && pasted.length === 0; i++) {
      const a = empty(e, tasks[i]);
      const b = empty(e, tasks[i + 1]);
      if (a && b) pasted = [a, b];
    }
    if (pasted.length) break;
  }
  for (const e of evaluatees)
    for (const t of tasks) {
      const c = empty(e, t);
      if (!typed && c && !pasted.some((p) => p.label === c.label)) typed = c;
    }
  assert.ok(typed && pasted.length === 2, 'the demo sheet has empty cells to fill in');
});

after(async () => {
  for (const b of Object.values(browsers)) await b.stop();
});

test('a lead-unit scorer types and pastes scores, which are saved as drafts and submitted', async () => {
  const page = await openPage((await as('scorer')).context);
  try {
    await page.goto(`${BASE}/plans/${planId}/scoring?period=${h2.id}`);
    const status = page.getByTestId('save-status');

    // Type into one cell; Enter moves on.
    const first = page.getByLabel(typed.label, { exact: true });
    await first.click();
    await page.keyboard.type(typed.value);
    await page.keyboard.press('Enter');

    // Paste a block copied from Excel (tab between cells, a trailing newline).
    await page.getByLabel(pasted[0].label, { exact: true }).click();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `${pasted[0].value}\t${pasted[1].value}\r\n`);
    assert.equal(await page.getByLabel(pasted[1].label, { exact: true }).inputValue(), pasted[1].value, 'the block lands on the cell to the right too');

    // Saved as you go.
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent?.includes('已保存'), null, { timeout: 15000 });
    for (const c of [typed, ...pasted]) {
      const box = page.locator(`[data-status]:has(input[aria-label="${c.label}"])`);
      assert.equal(await box.getAttribute('data-status'), 'DRAFT', `${c.label} is a saved draft`);
    }
    await page.screenshot({ path: join(SHOTS, 'scoring-entered.png') });

    // Submit everything to the 专班.
    await page.getByRole('button', { name: /提交\(\d+\)/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click();
    await page.locator('.ant-message').getByText(/已提交 \d+ 项分值/).waitFor({ timeout: 15000 });
    for (const c of [typed, ...pasted]) {
      const box = page.locator(`[data-status]:has(input[aria-label="${c.label}"])`);
      await page.waitForFunction((label) => document.querySelector(`input[aria-label="${label}"]`)?.closest('[data-status]')?.getAttribute('data-status') === 'SUBMITTED', c.label);
      assert.equal(await box.getAttribute('data-status'), 'SUBMITTED');
    }
    assert.match(await status.innerText(), /已保存|录入后自动保存/);
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await page.close();
  }
});

test('the 专班 verifies one submitted score and returns another with a reason', async () => {
  const page = await openPage((await as('zhuanban1')).context);
  const rowOf = (c) =>
    page
      .locator('tr.ant-table-row')
      .filter({ hasText: new RegExp(`任务 ${c.task} `) })
      .filter({ hasText: c.evaluatee })
      .filter({ hasText: '审批服务局评分员' });
  try {
    await page.goto(`${BASE}/plans/${planId}/verification?period=${h2.id}`);
    const search = page.getByLabel('搜索', { exact: true });

    await search.fill(`${typed.evaluatee} 任务${typed.task}`);
    await rowOf(typed).first().waitFor({ timeout: 15000 });
    assert.equal(await rowOf(typed).count(), 1, 'one queue row for the typed score');
    // Full marks may raise a consistency flag (no report yet, say): then
    // accepting asks for a confirming note first.
    const flagged = (await rowOf(typed).locator('[data-flags]').count()) > 0;
    await rowOf(typed).getByRole('button', { name: /^通\s*过$/ }).click();
    if (flagged) {
      const confirm = page.getByRole('dialog');
      await confirm.getByText(/系统发现 \d+ 处疑点/).waitFor({ timeout: 15000 });
      await confirm.getByLabel('确认说明').fill('已电话核实,进展材料另行报送');
      await confirm.getByRole('button', { name: /确认通过/ }).click();
    }
    await page.locator('.ant-message').getByText(/核实通过/).waitFor({ timeout: 15000 });
    await rowOf(typed).waitFor({ state: 'detached', timeout: 15000 });

    await search.fill(`${pasted[0].evaluatee} 任务${pasted[0].task}`);
    await rowOf(pasted[0]).first().waitFor({ timeout: 15000 });
    await rowOf(pasted[0]).getByRole('button', { name: /^退\s*回$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('退回理由').fill('佐证材料不足,请补充后重新评分');
    await page.screenshot({ path: join(SHOTS, 'verification-return.png') });
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await page.locator('.ant-message').getByText(/已退回/).waitFor({ timeout: 15000 });
    await rowOf(pasted[0]).waitFor({ state: 'detached', timeout: 15000 });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await page.close();
  }

  // As the server sees it.
  const q = `query($p: ID!, $s: ScoreStatus) { verificationQueue(periodId: $p, status: $s) { evaluateeId taskId status reviewReason verifiedBy history { action } } }`;
  const { verificationQueue: verified } = await graphql('zhuanban1', q, { p: h2.id, s: 'VERIFIED' });
  const { verificationQueue: returned } = await graphql('zhuanban1', q, { p: h2.id, s: 'RETURNED' });
  const { scoreSheet } = await graphql('scorer', `query($p: ID!) { scoreSheet(periodId: $p) { evaluatees { id unit { name } } tasks { id number } } }`, { p: h2.id });
  const idOf = (c) => ({
    evaluateeId: scoreSheet.evaluatees.find((e) => e.unit.name === c.evaluatee).id,
    taskId: scoreSheet.tasks.find((t) => t.number === c.task).id,
  });
  const match = (list, c) => list.find((s) => s.evaluateeId === idOf(c).evaluateeId && s.taskId === idOf(c).taskId);
  assert.ok(match(verified, typed)?.verifiedBy, 'the typed score is verified, with who verified it');
  assert.equal(match(returned, pasted[0])?.reviewReason, '佐证材料不足,请补充后重新评分');
});

/** Moves the 上半年 card through one step with the dialog, and waits for the new state. */
async function move(page, button, stateLabel, reason) {
  const card = page.locator(`[data-period="${h1.name}"]`);
  await card.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  if (reason) await dialog.getByLabel('变更理由').fill(reason);
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15000 });
  await card.locator('.ant-card-head [data-period-state]').filter({ hasText: stateLabel }).waitFor({ timeout: 15000 });
}

test('the 专班 reopens 上半年 with a reason and publishes it again; the ranking is in order and 已发布', async () => {
  const page = await openPage((await as('zhuanban1')).context);
  try {
    await page.goto(`${BASE}/plans/${planId}/periods`);
    await page.locator(`[data-period="${h1.name}"]`).waitFor({ timeout: 15000 });

    // Going back without a reason is refused in the dialog.
    const card = page.locator(`[data-period="${h1.name}"]`);
    await card.getByRole('button', { name: '重新开放(退回审核)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '重新开放(退回审核)' }).click();
    await page.getByText('退回或重新开放须说明理由').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await move(page, '重新开放(退回审核)', '审核', '更正一处录入错误(浏览器测试)');
    await move(page, '公示结果', '公示');
    await move(page, '正式发布', '发布');
    const history = await card.locator('.ant-table-tbody').innerText();
    assert.match(history, /更正一处录入错误/, 'the reopening and its reason are in the history');
    await page.screenshot({ path: join(SHOTS, 'periods-republished.png') });

    // The 旗县区组 ranking of 上半年.
    await page.goto(`${BASE}/plans/${planId}/ranking?period=${h1.id}&group=DISTRICTS`);
    const banner = page.getByTestId('result-banner');
    await banner.waitFor({ timeout: 15000 });
    assert.match(await banner.innerText(), /已发布/);
    assert.equal(await banner.getAttribute('data-preview'), 'false');
    const table = page.getByTestId('ranking-table');
    await table.locator('[data-rank]').first().waitFor();
    const ranks = (await table.locator('[data-rank]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rank')))));
    const scores = await table.locator('[data-score]').evaluateAll((els) => els.map((e) => e.getAttribute('data-score')));
    assert.ok(ranks.length > 1, 'the group has several units');
    assert.equal(ranks.length, scores.length);
    assert.equal(ranks[0], 1, 'the first row is rank 1');
    for (let i = 1; i < ranks.length; i++) {
      assert.ok(ranks[i] >= ranks[i - 1], `rank column ascends: ${ranks.join(',')}`);
      const [prev, cur] = [Number(scores[i - 1]), Number(scores[i])];
      assert.ok(cur <= prev, `scores descend: ${scores.join(',')}`);
      if (cur === prev) assert.equal(ranks[i], ranks[i - 1], 'equal scores share a rank');
      else assert.equal(ranks[i], i + 1, 'a lower score ranks after everyone above it');
    }
    await page.screenshot({ path: join(SHOTS, 'ranking-published.png') });

    // One unit's breakdown: its tasks, each with who entered and who verified the score.
    const unit = (await table.locator('[data-unit-link]').first().innerText()).trim();
    await table.locator('[data-unit-link]').first().click();
    await page.waitForURL(/\/results\//);
    // The evaluatee page (its task lines with 评分人 and 核实人 are walked
    // through in evaluatee.test.mjs): the unit's rank and the published mark.
    await page.getByTestId('profile-rank').waitFor({ timeout: 60000 });
    assert.match(await page.locator('body').innerText(), new RegExp(unit));
    await page.getByText(/已发布/).first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: join(SHOTS, 'breakdown-published.png') });
    assert.deepEqual(page.problems, [], 'no uncaught errors in the page');
  } finally {
    await page.close();
  }
});

// Every page of the workflow at a desktop and a phone size, for people to look at.
const shots = [
  ['scoring', 'scorer', () => `/plans/${planId}/scoring?period=${h2.id}`, '下载评分模板'],
  ['verification', 'zhuanban1', () => `/plans/${planId}/verification?period=${h2.id}`, '批量核实通过'],
  ['periods', 'zhuanban1', () => `/plans/${planId}/periods`, '变更记录'],
  ['sources', 'zhuanban1', () => `/plans/${planId}/sources?period=${h2.id}`, '现有民意调查数据'],
  ['ranking-preview', 'leader', () => `/plans/${planId}/ranking?period=${h2.id}`, '预览:含未核实分值'],
  ['ranking-annual', 'analyst', () => `/plans/${planId}/ranking?view=annual`, '年度排名'],
  ['reports', 'contact', () => `/plans/${planId}/reports?period=${h2.id}`, '承担任务'],
];
for (const [name, user, path, expect] of shots) {
  test(`${name} page at desktop and phone size`, async () => {
    for (const [size, viewport] of [['desktop', desktop], ['phone', phone]]) {
      const page = await openPage((await as(user)).context, viewport);
      try {
        await page.goto(`${BASE}${path()}`);
        await page.getByText(expect, { exact: false }).first().waitFor({ timeout: 15000 });
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(SHOTS, `scoring-${name}-${size}.png`) });
        assert.deepEqual(page.problems, [], `no uncaught errors on ${name}`);
      } finally {
        await page.close();
      }
    }
  });
}
