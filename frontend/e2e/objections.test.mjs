// Browser test of objections during 公示 (issue 13 §3) on the demo data
// (scripts/e2e.sh … frontend/e2e/objections.test.mjs). The setup moves
// 2023年上半年 from 发布 back to 公示 through the API with a 公示 window of five
// more days; the contact (昆都仑区) signs in, sees its home, files an
// objection to one task with an evidence file; the 专班 upholds it with a
// corrected score; the contact sees the answer and the corrected result (a
// new publication). The teardown publishes 上半年 again, as the demo has it,
// for the tests that follow. Screenshots at 1440×900 and 390×844.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, openPage, PASSWORD, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

const browsers = {};
async function as(user) {
  if (!browsers[user]) {
    const b = await startBrowser();
    await signIn(b.context, user, PASSWORD);
    browsers[user] = b;
  }
  return browsers[user];
}

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

async function shot(page, name) {
  await page.waitForTimeout(300); // let animations settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Today in Asia/Shanghai plus days, YYYY-MM-DD. */
function shanghaiDay(days) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

const periodQuery = `query($p: ID!) { period(id: $p) { id state version } }`;
const profileQuery = `query($p: ID!, $e: ID!) { evaluateeProfile(periodId: $p, evaluateeId: $e) { breakdown { score } } }`;
const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

let planId;
let h1;
let evaluateeId;
/** The task objected to: the contact's lowest-numbered carried task. */
let task;
let scoreBefore;

async function move(to, reason) {
  const { period } = await graphql('zhuanban1', periodQuery, { p: h1 });
  await graphql('zhuanban1', `mutation($in: MovePeriodInput!) { movePeriod(input: $in) { version } }`, {
    in: { periodId: h1, version: period.version, to, reason },
  });
}

before(async () => {
  const { plans } = await graphql('zhuanban1', '{ plans { id periods { id half state } } }');
  const plan = plans.find((p) => p.periods.some((x) => x.half === 1 && (x.state === 'PUBLISHED' || x.state === 'PUBLICITY')));
  assert.ok(plan, 'the demo plan has 上半年 published');
  planId = plan.id;
  h1 = plan.periods.find((p) => p.half === 1).id;
  if (plan.periods.find((p) => p.half === 1).state === 'PUBLISHED') {
    await move('REVIEW', '公示期异议流程(浏览器测试)');
    await move('PUBLICITY');
  }
  const { period } = await graphql('zhuanban1', periodQuery, { p: h1 });
  await graphql('zhuanban1', `mutation($in: SetPeriodWindowsInput!) { setPeriodWindows(input: $in) { version } }`, {
    in: { periodId: h1, version: period.version, publicityEndsOn: shanghaiDay(5) },
  });

  const { home } = await graphql('contact', '{ home { contact { periodId evaluateeId } } }');
  evaluateeId = home.contact.find((p) => p.periodId === h1).evaluateeId;
  assert.ok(evaluateeId, "the contact's unit is evaluated in 上半年");
  const tree = await graphql('contact', `query($id: ID!) { plan(id: $id) { dimensions { indicators { tasks { id number text evaluatees { id } } } } } }`, { id: planId });
  const tasks = tree.plan.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).filter((t) => t.evaluatees.some((e) => e.id === evaluateeId));
  task = tasks.sort((a, b) => a.number - b.number)[0];
  scoreBefore = (await graphql('contact', profileQuery, { p: h1, e: evaluateeId })).evaluateeProfile.breakdown.score;
});

after(async () => {
  try {
    const { period } = await graphql('zhuanban1', periodQuery, { p: h1 });
    if (period.state === 'PUBLICITY') {
      // 发布 waits for every answer: a run that failed half-way leaves one open.
      const { objections } = await graphql('zhuanban1', `query($p: ID!) { objections(periodId: $p, status: OPEN) { id version } }`, { p: h1 });
      for (const o of objections)
        await graphql('zhuanban1', `mutation($in: AnswerObjectionInput!) { answerObjection(input: $in) { id } }`, {
          in: { objectionId: o.id, version: o.version, uphold: false, answer: '浏览器测试收尾' },
        });
      await move('PUBLISHED');
    }
  } finally {
    for (const b of Object.values(browsers)) await b.stop();
  }
});

test('the contact files an objection with evidence from its home; the 专班 upholds it; the contact sees the corrected result', async () => {
  // The contact's home: 上半年 in 公示 with the days left and 提出异议.
  const contact = await openPage((await as('contact')).context);
  await contact.goto(`${BASE}/`);
  await contact.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 60000 });
  const row = contact.locator('.ant-list-item').filter({ hasText: '2023年上半年' });
  await row.getByText('距公示结束还剩5天').waitFor({ timeout: 60000 });
  await shot(contact, 'objections-contact-home');
  await row.getByRole('button', { name: '提出异议' }).click();

  // The form, opened from the home on the overall result; the task is chosen.
  await contact.waitForURL(/\/objections\?period=.*new=1/, { timeout: 60000 });
  const drawer = contact.getByRole('dialog').filter({ hasText: '提出异议' });
  await drawer.getByText('距公示结束还剩5天').waitFor({ timeout: 60000 });
  // Sent without a reason: the form says what is missing, nothing is filed.
  await drawer.getByRole('button', { name: '提交异议' }).click();
  await drawer.getByText('请填写异议理由').waitFor({ timeout: 15000 });
  await drawer.getByLabel('异议对象').click();
  await contact.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^任务${task.number} `) }).click();
  await drawer.getByLabel('异议理由').fill('该任务已于6月上线运行,牵头单位评分时未计入,附上线通知。');
  await drawer.locator('input[type=file]').setInputFiles({ name: '上线通知.png', mimeType: 'image/png', buffer: pngBytes });
  await drawer.getByText('上线通知.png').waitFor();
  await shot(contact, 'objections-contact-form');
  await drawer.getByRole('button', { name: '提交异议' }).click();
  await drawer.waitFor({ state: 'hidden', timeout: 60000 });
  const mine = contact.locator('[data-objection]').first();
  await mine.locator('[data-objection-status="OPEN"]').waitFor({ timeout: 60000 });
  assert.match(await mine.innerText(), new RegExp(`任务${task.number}`));
  assert.match(await mine.innerText(), /上线通知\.png/);
  await shot(contact, 'objections-contact-filed');
  const filedId = await mine.getAttribute('data-objection');
  assert.deepEqual(contact.problems, []);

  // The 专班's home counts it; the queue opens it with the reason, the evidence and the scores.
  const zb = await openPage((await as('zhuanban1')).context);
  await zb.goto(`${BASE}/`);
  const tfRow = zb.locator('.ant-card').filter({ hasText: '专班待办' }).locator('.ant-list-item').filter({ hasText: '2023年上半年' });
  await tfRow.getByText('待答复异议').waitFor({ timeout: 60000 });
  await tfRow.getByRole('button', { name: '处理异议' }).click();
  await zb.waitForURL(/\/objections\?period=/, { timeout: 60000 });
  const queued = zb.locator(`tr[data-objection="${filedId}"]`);
  await queued.waitFor({ timeout: 60000 });
  await shot(zb, 'objections-taskforce-queue');
  assert.match(await queued.innerText(), /昆都仑区/);
  await queued.getByRole('button', { name: /答\s*复/ }).click();
  const answer = zb.getByRole('dialog').filter({ hasText: '异议理由' });
  await answer.getByText('该任务已于6月上线运行').waitFor({ timeout: 60000 });
  await answer.locator('[data-evidence-link]').filter({ hasText: '上线通知.png' }).waitFor();
  await answer.getByText('采纳(异议成立,更正分值)').click();
  // Upheld without a corrected score: refused in the form.
  await answer.getByLabel('答复理由').fill('经核实,该任务6月已上线,按上线情况更正分值。');
  await answer.getByRole('button', { name: '提交答复' }).click();
  await answer.getByText('采纳异议须更正至少一项分值').waitFor({ timeout: 15000 });
  const { objections } = await graphql('zhuanban1', `query($p: ID!) { objections(periodId: $p, status: OPEN) { id scores { id value enteredByMe leadUnit { name } } } }`, { p: h1 });
  const score = objections.find((o) => o.id === filedId).scores.find((s) => !s.enteredByMe);
  const corrected = Number(score.value) >= 1 ? (Number(score.value) - 1).toFixed(2) : (Number(score.value) + 0.5).toFixed(2);
  await answer.getByLabel(`${score.leadUnit.name}更正为`).fill(corrected);
  await shot(zb, 'objections-taskforce-answer');
  await answer.getByRole('button', { name: '提交答复' }).click();
  const confirm = zb.locator('.ant-modal-confirm');
  await confirm.locator('.ant-modal-confirm-title').filter({ hasText: '确认采纳这条异议?' }).waitFor({ timeout: 15000 });
  assert.match(await confirm.innerText(), new RegExp(`→ ${Number(corrected)}`));
  await confirm.getByRole('button', { name: '采纳并更正' }).click();
  await zb.getByText('已采纳异议').waitFor({ timeout: 60000 });
  await answer.waitFor({ state: 'hidden', timeout: 60000 });
  assert.deepEqual(zb.problems, []);

  // The circular of 上半年 counts the objection and its outcome.
  await zb.goto(`${BASE}/plans/${planId}/circular?period=${h1}`);
  await zb.getByTestId('circular-objections').waitFor({ timeout: 60000 });
  const counts = (await graphql('zhuanban1', `query($p: ID!) { period(id: $p) { objectionsFiled objectionsUpheld } }`, { p: h1 })).period;
  assert.ok(counts.objectionsUpheld >= 1, 'the upheld objection is counted');
  assert.match(await zb.getByTestId('circular-objections').innerText(), new RegExp(`共收到异议${counts.objectionsFiled}件,其中成立${counts.objectionsUpheld}件`));

  // The contact reads the answer and opens the corrected result.
  await contact.reload();
  const answered = contact.locator('[data-objection]').first();
  await answered.locator('[data-objection-status="UPHELD"]').waitFor({ timeout: 60000 });
  assert.match(await answered.innerText(), /经核实,该任务6月已上线/);
  assert.match(await answered.innerText(), new RegExp(`任务${task.number} \\d+\\.\\d{2} → ${corrected}`));
  await shot(contact, 'objections-contact-answered');
  const after = (await graphql('contact', profileQuery, { p: h1, e: evaluateeId })).evaluateeProfile.breakdown.score;
  assert.notEqual(after, scoreBefore, 'the corrected result differs from the first publication');
  await answered.getByRole('link', { name: '查看更正后的结果' }).click();
  await contact.waitForURL(/\/results\//, { timeout: 60000 });
  await contact.getByTestId('profile-rank').waitFor({ timeout: 60000 });
  const shown = await contact.locator('.ant-statistic').first().innerText();
  assert.ok(shown.includes(Number(after).toFixed(2)) || shown.includes(String(after)), `the page shows the corrected score ${after}: ${shown}`);
  assert.deepEqual(contact.problems, []);

  // Phone size: the contact's list and the 专班's queue.
  for (const [user, path, name, wait] of [
    ['contact', `/plans/${planId}/objections?period=${h1}`, 'objections-contact-phone', '我的异议'],
    ['zhuanban1', `/plans/${planId}/objections?period=${h1}&status=ALL`, 'objections-taskforce-phone', '异议处理'],
  ]) {
    const p = await openPage((await as(user)).context, phone);
    await p.goto(`${BASE}${path}`);
    await p.getByText(wait).first().waitFor({ timeout: 60000 });
    await p.locator('[data-objection]').first().waitFor({ timeout: 60000 });
    await shot(p, name);
    assert.deepEqual(p.problems, []);
    await p.close();
  }
  await contact.close();
  await zb.close();
});

test('the 专班 copies the plan into 2024 from the plan page; a year that has a plan is refused on the field', async () => {
  const page = await openPage((await as('zhuanban1')).context);
  let created;
  try {
    await page.goto(`${BASE}/plans/${planId}`);
    await page.getByRole('button', { name: '复制为新年度方案' }).click({ timeout: 60000 });
    const dialog = page.getByRole('dialog').filter({ hasText: '新方案年度' });
    await dialog.getByText('不复制评分').waitFor({ timeout: 15000 });
    const year = dialog.getByLabel('新方案年度');
    assert.equal(await year.inputValue(), '2024', 'the next year is proposed');
    await year.fill('2023');
    await dialog.getByRole('button', { name: '确认复制' }).click();
    await dialog.getByText(/2023年度已有考评方案/).waitFor({ timeout: 60000 });
    await year.fill('2024');
    await page.screenshot({ path: join(SHOTS, 'plan-copy-dialog.png') });
    await dialog.getByRole('button', { name: '确认复制' }).click();
    await page.waitForURL((u) => /^\/plans\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${planId}`), { timeout: 60000 });
    created = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('heading', { name: /2024/ }).waitFor({ timeout: 60000 });
    // The header's plan picker names the year of the plan in use.
    assert.match(await page.getByLabel('当前方案').locator('..').locator('..').innerText(), /2024/);
    await page.screenshot({ path: join(SHOTS, 'plan-copied.png') });
    const { plan } = await graphql('zhuanban1', `query($id: ID!) { plan(id: $id) { year version periods { state } dimensions { indicators { tasks { id } } } } }`, { id: created });
    assert.equal(plan.year, 2024);
    assert.deepEqual(plan.periods.map((p) => p.state), ['DRAFT', 'DRAFT']);
    assert.ok(plan.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).length > 20, 'the tasks came along');
    assert.deepEqual(page.problems, []);
  } finally {
    // Later tests take the newest plan as the demo's: remove the copy.
    if (created) {
      const { plan } = await graphql('zhuanban1', `query($id: ID!) { plan(id: $id) { version } }`, { id: created });
      await graphql('zhuanban1', `mutation($id: ID!, $v: Int!) { deletePlan(id: $id, version: $v) }`, { id: created, v: plan.version });
    }
    await page.close();
  }
});
