// The inspector's phone, offline: record five findings with a photo each
// with the network cut, reload, find them still there, reconnect, sync, and
// find each exactly once on the server; then the 专班 accepts and the
// evaluatee's 实地调研 and half-year figures change as computed by hand.
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

/** A GraphQL request from inside the page, with its session cookie. */
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

const judgements = ['已落实', '已落实', '部分落实', '未落实', '不适用'];

test('offline findings with photos survive a reload, sync once, and count after review', async () => {
  await inspector.context.grantPermissions(['geolocation'], { origin: BASE });
  await inspector.context.setGeolocation({ latitude: 40.6562, longitude: 109.8404, accuracy: 15 });
  const page = await openPage(inspector.context, phone);
  await page.goto(`${BASE}/visits`);
  await page.getByText('昆都仑区').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'visits-list-390.png'), fullPage: true });
  await page.getByText('昆都仑区').first().click();
  await page.getByTestId('item-1').waitFor();
  // A camera-sized photo (3000×2000), drawn by the browser itself.
  const jpeg = Buffer.from(
    await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 3000;
      c.height = 2000;
      const g = c.getContext('2d');
      g.fillStyle = '#6a8'; g.fillRect(0, 0, 3000, 2000); g.fillStyle = '#fff'; g.fillRect(800, 500, 1400, 1000);
      return c.toDataURL('image/jpeg', 0.8).split(',')[1];
    }),
    'base64',
  );
  const visitId = page.url().split('/').pop();
  // The service worker must control the page before the network goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await page.screenshot({ path: join(SHOTS, 'visit-checklist-390.png'), fullPage: true });

  await inspector.context.setOffline(true);
  const cards = page.locator('[data-testid^="item-"]');
  assert.equal(await cards.count(), 5);
  for (let i = 0; i < 5; i++) {
    const card = cards.nth(i);
    await card.getByRole('button', { name: judgements[i], exact: true }).click();
    await card.getByText('待同步').waitFor();
    await card.locator('input[type=file]').setInputFiles({ name: `p${i}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
    await card.getByTestId('queued-photo').waitFor();
  }
  await page.locator('[data-testid=sync-status][data-waiting="10"]').waitFor();
  await page.screenshot({ path: join(SHOTS, 'visit-offline-390.png'), fullPage: true });

  // Reload with the network still cut: the shell comes from the service
  // worker, the visit from the cache, the findings and photos from IndexedDB.
  await page.reload();
  await page.locator('[data-testid=sync-status][data-waiting="10"]').waitFor({ timeout: 15000 }).catch(async (e) => {
    await page.screenshot({ path: join(SHOTS, 'visit-reload-failed-390.png'), fullPage: true });
    throw e;
  });
  assert.equal(await page.getByTestId('queued-photo').count(), 5);
  assert.equal(await page.getByText('待同步', { exact: true }).count(), 5);

  await inspector.context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.locator('[data-testid=sync-status][data-waiting="0"]').waitFor({ timeout: 30000 });
  const { fieldVisit } = await gql(page, `query($id: ID!) { fieldVisit(id: $id) { version items { task { id effectivePoints } finding { judgement latitude accuracy } photos { id } } } }`, { id: visitId });
  assert.deepEqual(fieldVisit.items.map((i) => i.finding?.judgement), ['DONE', 'DONE', 'PARTIAL', 'NOT_DONE', 'NA']);
  assert.deepEqual(fieldVisit.items.map((i) => i.photos.length), [1, 1, 1, 1, 1]);
  assert.equal(fieldVisit.items[0].finding.latitude, 40.6562);
  await page.screenshot({ path: join(SHOTS, 'visit-synced-390.png'), fullPage: true });

  // Sign and submit.
  await page.getByLabel('接待人员姓名').fill('王主任');
  await page.getByLabel('签名区').scrollIntoViewIfNeeded();
  const pad = await page.getByLabel('签名区').boundingBox();
  await page.mouse.move(pad.x + 20, pad.y + 40);
  await page.mouse.down();
  await page.mouse.move(pad.x + 120, pad.y + 100, { steps: 8 });
  await page.mouse.move(pad.x + 220, pad.y + 50, { steps: 8 });
  await page.mouse.up();
  await page.screenshot({ path: join(SHOTS, 'visit-sign-390.png'), fullPage: true });
  await page.getByRole('button', { name: '提交调研结果' }).click();
  await page.getByText('已提交待审核').first().waitFor({ timeout: 30000 });

  // The 专班 accepts; FV by hand over the five tasks' points P1…P5:
  // 100 × (P1 + P2 + 0.5·P3 + 0·P4) / (P1 + P2 + P3 + P4), P5 (不适用) left out.
  const tf = await openPage(taskForce.context);
  await tf.goto(`${BASE}/`);
  const v = (await gql(tf, `query($id: ID!) { fieldVisit(id: $id) { id version period { id } evaluatee { id } } }`, { id: visitId })).fieldVisit;
  const fvOf = async () => {
    const b = (await gql(tf, `query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score components { method weight value } } }`, { p: v.period.id, e: v.evaluatee.id })).breakdown;
    return { score: b.score, fv: b.components.find((c) => c.method === 'FIELD_VISITS').value, components: b.components };
  };
  const before = await fvOf();
  assert.equal(before.fv, null);
  await gql(tf, `mutation($id: ID!, $v: Int!) { reviewFieldVisit(input: {visitId: $id, version: $v, action: ACCEPT}) { status } }`, { id: v.id, v: v.version });
  const afterReview = await fvOf();
  const p = fieldVisit.items.map((i) => Number(i.task.effectivePoints));
  const fv = (100 * (p[0] + p[1] + 0.5 * p[2])) / (p[0] + p[1] + p[2] + p[3]);
  assert.equal(Number(afterReview.fv).toFixed(2), fv.toFixed(2));
  // H = Σ w·C over the present components / Σ w (every component present now).
  const h = afterReview.components.reduce((s, c) => s + Number(c.weight) * Number(c.value ?? 0), 0) / afterReview.components.reduce((s, c) => s + (c.value === null ? 0 : Number(c.weight)), 0);
  assert.ok(Math.abs(Number(afterReview.score) - h) < 0.02, `H ${afterReview.score} vs hand ${h}`);
  assert.notEqual(afterReview.score, before.score);

  await page.goto(`${BASE}/visits`);
  await page.getByText('审核通过').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'visits-accepted-390.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});
