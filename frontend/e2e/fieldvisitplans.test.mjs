// Planning field visits: the 专班 plans a visit on the desktop (the
// checklist preview shows each task's text, deadline and the evaluatee's
// report), changes its date, cancels another with a reason; the inspector
// sees both on the phone, and throws away a single queued record offline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

let inspector;
let taskForce;

before(async () => {
  inspector = await startBrowser();
  taskForce = await startBrowser();
  await signIn(inspector.context, 'inspector');
  await signIn(taskForce.context, 'zhuanban1');
});

after(async () => {
  await inspector?.stop();
  await taskForce?.stop();
});

async function gql(page, query, variables = {}) {
  const r = await page.evaluate(
    async ([q, v]) => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kaoping-CSRF': '1' }, body: JSON.stringify({ query: q, variables: v }) });
      return res.json();
    },
    [query, variables],
  );
  assert.ok(!r.errors, JSON.stringify(r.errors));
  return r.data;
}

/** Picks an option of the antd Select labelled `label` by typing `text`. */
async function choose(scope, label, text) {
  const item = scope.locator('.ant-form-item', { has: scope.page().locator('label', { hasText: label }) });
  await item.locator('.ant-select').click();
  await scope.page().keyboard.type(text);
  await scope.page().locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Types a date into the antd DatePicker of the form item labelled `label`. */
async function pickDate(scope, label, date) {
  const input = scope.locator('.ant-form-item', { has: scope.page().locator('label', { hasText: label }) }).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const day = (offset) => {
  const d = new Date(Date.now() + offset * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Runs fn; on failure saves a screenshot of each page first. */
async function shotOnFailure(pages, fn) {
  try {
    await fn();
  } catch (e) {
    for (const [name, p] of Object.entries(pages())) await p?.screenshot({ path: join(SHOTS, `plans-failed-${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

let tf;
let tfPhone;
let page;

test('the 专班 plans, edits and cancels visits; the inspector sees them and discards one queued record', async () => {
  await shotOnFailure(() => ({ tf, tfPhone, page }), run);
});

async function run() {
  tf = await openPage(taskForce.context);
  await tf.goto(`${BASE}/`);
  const { myPlans } = { myPlans: (await gql(tf, `{ plans { id periods { id half } } }`)).plans };
  const plan = myPlans[0];
  const period = plan.periods.find((p) => p.half === 2);
  const { evaluatees } = await gql(tf, `query($p: ID!) { evaluatees(planId: $p) { id unit { name } } }`, { p: plan.id });
  const targets = evaluatees.map((e) => e.unit.name).filter((n) => n !== '昆都仑区');
  assert.ok(targets.length >= 2, 'the demo has other evaluatees');

  await tf.goto(`${BASE}/plans/${plan.id}/visit-plans?period=${period.id}`);
  await tf.getByText('昆都仑区').first().waitFor();
  await tf.screenshot({ path: join(SHOTS, 'plans-list-1440.png'), fullPage: true });

  // Plan a visit to the first other evaluatee, with the inspector.
  const plan1 = async (evaluatee, date) => {
    await tf.getByRole('button', { name: '安排调研' }).first().click();
    const drawer = tf.locator('.visit-plan-drawer');
    await choose(drawer, '考评对象', evaluatee);
    await drawer.getByTestId('checklist-preview').locator('.ant-card').first().waitFor();
    await pickDate(drawer, '调研日期', date);
    await choose(drawer, '调研员', '周强');
    await tf.keyboard.press('Escape').catch(() => {});
    return drawer;
  };
  let drawer = await plan1(targets[0], day(3));
  const previewed = await drawer.getByTestId('checklist-preview').locator('.ant-card').count();
  assert.ok(previewed > 0, 'the checklist preview lists tasks');
  assert.ok(await drawer.getByTestId('checklist-preview').getByText('时限:').count() > 0, 'the preview shows deadlines');
  await tf.screenshot({ path: join(SHOTS, 'plans-drawer-1440.png'), fullPage: false });
  await drawer.locator('.ant-drawer-footer').getByRole('button', { name: '安排调研' }).click();
  await tf.getByText('已安排实地调研').waitFor();
  await tf.locator('tr', { hasText: targets[0] }).waitFor();

  // Move it by a day.
  await tf.locator('tr', { hasText: targets[0] }).getByRole('button', { name: /修\s*改/ }).click();
  drawer = tf.locator('.visit-plan-drawer');
  await pickDate(drawer, '调研日期', day(4));
  await drawer.locator('.ant-drawer-footer').getByRole('button', { name: '保存修改' }).click();
  await tf.getByText('已修改调研安排').waitFor();
  await tf.locator('tr', { hasText: targets[0] }).getByText(day(4)).waitFor();

  // Plan a second and cancel it, with a reason.
  drawer = await plan1(targets[1], day(5));
  await drawer.locator('.ant-drawer-footer').getByRole('button', { name: '安排调研' }).click();
  await tf.locator('tr', { hasText: targets[1] }).waitFor();
  await tf.locator('tr', { hasText: targets[1] }).getByRole('button', { name: '取消调研' }).click();
  const modal = tf.locator('.visit-cancel-modal');
  assert.ok(await modal.getByRole('button', { name: '取消调研' }).isDisabled(), 'no cancelling without a reason');
  await modal.getByLabel('取消原因').fill('该单位本周迎检,改期另行安排');
  await tf.screenshot({ path: join(SHOTS, 'plans-cancel-1440.png') });
  await modal.getByRole('button', { name: '取消调研' }).click();
  await tf.getByText('已取消该调研').waitFor();
  await tf.getByText(/^全部/).click();
  await tf.locator('tr', { hasText: targets[1] }).getByText('已取消').waitFor();
  await tf.screenshot({ path: join(SHOTS, 'plans-all-1440.png'), fullPage: true });

  // The same page on a phone.
  tfPhone = await openPage(taskForce.context, phone);
  await tfPhone.goto(`${BASE}/plans/${plan.id}/visit-plans?period=${period.id}`);
  await tfPhone.getByTestId('planned-visit').first().waitFor();
  await tfPhone.screenshot({ path: join(SHOTS, 'plans-list-390.png'), fullPage: true });
  await tfPhone.getByRole('button', { name: '安排调研' }).click();
  await choose(tfPhone.locator('.visit-plan-drawer'), '考评对象', targets[0]);
  await tfPhone.getByTestId('checklist-preview').locator('.ant-card').first().waitFor();
  await tfPhone.screenshot({ path: join(SHOTS, 'plans-drawer-390.png'), fullPage: false });

  // The inspector's phone: the new visit under 即将开始, the cancelled one with its reason.
  page = await openPage(inspector.context, phone);
  await page.goto(`${BASE}/visits`);
  await page.getByText('该单位本周迎检,改期另行安排').waitFor();
  await page.screenshot({ path: join(SHOTS, 'visits-planned-390.png'), fullPage: true });
  const inspectorPlans = await openPage(inspector.context, phone);
  await inspectorPlans.goto(`${BASE}/plans/${plan.id}/visit-plans?period=${period.id}`);
  await inspectorPlans.getByTestId('planned-visit').first().waitFor();
  await inspectorPlans.screenshot({ path: join(SHOTS, 'plans-inspector-390.png'), fullPage: true });
  await inspectorPlans.close();

  // Offline, one judgement queued, seen in 明细 and discarded on its own.
  await page.getByText(targets[0]).first().click();
  await page.getByTestId('item-1').or(page.locator('[data-testid^="item-"]').first()).first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await inspector.context.setOffline(true);
  const card = page.locator('[data-testid^="item-"]').first();
  await card.getByRole('button', { name: '部分落实', exact: true }).click();
  await card.getByText('待同步').waitFor();
  await page.locator('[data-testid=sync-status][data-waiting="1"]').waitFor();
  await page.getByRole('button', { name: /明\s*细/ }).click();
  await page.getByTestId('queued-record').waitFor();
  await page.screenshot({ path: join(SHOTS, 'visit-queue-390.png') });
  await page.getByTestId('queued-record').getByRole('button', { name: /^放弃/ }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /放\s*弃/ }).click();
  await page.locator('[data-testid=sync-status][data-waiting="0"]').waitFor();
  await page.keyboard.press('Escape');
  await inspector.context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const visits = (await gql(page, `{ myFieldVisits { evaluatee { unit { name } } items { finding { id } } } }`)).myFieldVisits;
  const mine = visits.find((v) => v.evaluatee.unit.name === targets[0]);
  assert.ok(mine.items.every((i) => i.finding === null), 'the discarded finding never reached the server');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(tf.problems, []);
}
