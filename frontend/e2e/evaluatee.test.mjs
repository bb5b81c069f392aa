// Browser test of the evaluatee page, the comparison, the trend and the
// heatmap as the demo `leader`: ranking → open an evaluatee → expand a
// dimension → open a task's evidence file → formula in words → compare two
// evaluatees → trend visible; and the charts at province scale (1,200 rows,
// answered by a stub of the ranking query) with their render times.
// KAOPING_URL=http://localhost:8080 node --test frontend/e2e/evaluatee.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, desktop, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';
const OUT = process.env.KAOPING_SHOTS || SHOTS;
let leader;
let contact;
let planId;
let h1;
let h2;
let target; // the contact's evaluatee (昆都仑区) and the task it reported on

async function graphql(who, query, variables = {}) {
  const res = await who.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query, variables },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  leader = await startBrowser();
  await signIn(leader.context, 'leader', PASSWORD);
  contact = await startBrowser();
  await signIn(contact.context, 'contact', PASSWORD);
  const { plans } = await graphql(leader, '{ plans { id periods { id half name state } } }');
  const plan = plans.find((p) => p.periods.some((x) => x.half === 1 && (x.state === 'PUBLISHED' || x.state === 'PUBLICITY')));
  assert.ok(plan, 'a plan with 上半年 published');
  planId = plan.id;
  h1 = plan.periods.find((p) => p.half === 1);
  h2 = plan.periods.find((p) => p.half === 2);
  assert.equal(h2.state, 'OPEN', '下半年 is open for reports');

  // 昆都仑区's contact reports on one of its tasks of 下半年, with a file.
  const { evaluatees } = await graphql(leader, 'query($p: ID!) { evaluatees(planId: $p) { id unit { name } } }', { p: planId });
  const ev = evaluatees.find((e) => e.unit.name === '昆都仑区');
  assert.ok(ev, '昆都仑区 is evaluated');
  const { evaluateeProfile } = await graphql(leader, 'query($p: ID!, $e: ID!) { evaluateeProfile(periodId: $p, evaluateeId: $e) { breakdown { tasks { taskId number dimensionId } } } }', {
    p: h2.id,
    e: ev.id,
  });
  const task = evaluateeProfile.breakdown.tasks[0];
  const { saveProgressReport } = await graphql(
    contact,
    'mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: STAGED_RESULTS, narrative: "已完成系统上线,正在推广", version: 0}) { id } }',
    { p: h2.id, e: ev.id, t: task.taskId },
  );
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), Buffer.alloc(64)]);
  // The multipart spec wants operations first, so the parts go in that order.
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { id } }', variables: { r: saveProgressReport.id, f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([png], { type: 'image/png' }), '上线截图.png');
  const up = await contact.context.request.post(`${BASE}/graphql`, { headers: { 'X-Kaoping-CSRF': '1' }, multipart: form });
  const upBody = await up.json();
  assert.equal(upBody.errors, undefined, JSON.stringify(upBody.errors));
  target = { evaluatee: ev, task };
});

after(async () => {
  await leader?.stop();
  await contact?.stop();
});

test('ranking → evaluatee → dimension → task evidence; the formula in words; the trend', async () => {
  const page = await openPage(leader.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/ranking?period=${h2.id}&group=DISTRICTS`);
    await page.locator('[data-testid=score-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    const row = page.getByTestId('ranking-table').locator('.ant-table-row', { has: page.locator('[data-unit-link]', { hasText: /^昆都仑区$/ }) });
    await row.locator('[data-rank]').click();
    await page.waitForURL(/\/results\//);
    await page.getByTestId('breakdown-tasks').waitFor({ timeout: 60000 });
    assert.match(await page.locator('h3').first().innerText(), /昆都仑区/);
    await page.locator('[data-testid=radar-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    await page.locator('[data-testid=trend-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    assert.ok(Number(await page.getByTestId('trend-chart').getAttribute('data-points')) >= 2, 'both halves on the trend');
    assert.match(await page.getByTestId('profile-rank').innerText(), /第 \d+ 名 \/ 共 \d+ 个/);
    await page.screenshot({ path: join(OUT, 'evaluatee-desktop.png'), fullPage: true });

    // Expand the task's dimension, then the task: who scored, the report and its file.
    await page.locator(`[data-dimension-row="${target.task.dimensionId}"]`).click();
    const tasks = page.getByTestId('task-table');
    if (!(await tasks.first().isVisible())) await page.locator('.ant-table-expanded-row .ant-table-row').first().click();
    const taskRow = page.locator('[data-testid=task-table] .ant-table-row', { hasText: `任务 ${target.task.number}` }).first();
    await taskRow.click();
    const detail = page.getByTestId('task-detail').first();
    await detail.waitFor();
    assert.match(await detail.innerText(), /进展报送[\s\S]*取得阶段性成效[\s\S]*已完成系统上线/);
    const [download] = await Promise.all([page.waitForEvent('download'), detail.locator('[data-evidence-link]').first().click()]);
    assert.equal(download.suggestedFilename(), '上线截图.png');
    await page.screenshot({ path: join(OUT, 'evaluatee-task-desktop.png'), fullPage: true });

    // The formula one click away, in words with this unit's numbers; the exact value only there.
    assert.equal(await page.getByTestId('exact').count(), 0, 'no exact value outside the detail');
    await page.getByTestId('open-formula').click();
    const drawer = page.locator('.ant-drawer', { hasText: '逐步计算' });
    await drawer.waitFor();
    const words = await drawer.innerText();
    assert.match(words, /日常监测 \d+\.\d\d 分 = 各方面得分率按分值加权/);
    assert.match(words, /半年得分 \d+\.\d\d 分 = 四项得分按权重加权/);
    await page.screenshot({ path: join(OUT, 'evaluatee-formula-desktop.png') });
    assert.deepEqual(page.problems, [], 'no uncaught errors');
  } finally {
    await page.close();
  }
});

test('compare two evaluatees ticked on the ranking; one alone gets a clear message', async () => {
  const page = await openPage(leader.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/ranking?period=${h1.id}&group=DISTRICTS`);
    const boxes = page.getByTestId('ranking-table').locator('.ant-table-row .ant-checkbox-input');
    await boxes.first().waitFor({ timeout: 60000 });
    const names = (await page.getByTestId('ranking-table').locator('.ant-table-row [data-unit-link]').allInnerTexts()).map((n) => n.trim());
    await boxes.nth(0).check();
    await page.getByTestId('compare-ticked').click();
    await page.locator('.ant-message', { hasText: '还需再选 1 个' }).waitFor();
    assert.match(page.url(), /\/ranking/, 'stays on the ranking');
    await boxes.nth(1).check();
    await page.getByTestId('compare-ticked').click();
    await page.waitForURL(/\/compare\?/);
    await page.locator('[data-testid=radar-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    const heads = [...new Set(await page.locator('[data-compare-head]').allInnerTexts())];
    assert.deepEqual(heads, names.slice(0, 2), 'the two ticked, as columns in the order ticked');
    const { ranking } = await graphql(leader, 'query($p: ID!) { ranking(periodId: $p, group: DISTRICTS) { rows { rank score evaluatee { unit { name } } } } }', { p: h1.id });
    assert.deepEqual(heads, ranking.rows.slice(0, 2).map((r) => r.evaluatee.unit.name), 'the page ranks as the API does');
    // 第一名 is best on the score row, 第二名 worst (unless tied).
    const scoreRow = page.getByTestId('compare-table').locator('.ant-table-row').first();
    if (ranking.rows[0].score !== ranking.rows[1].score) {
      assert.equal(await scoreRow.locator('td').nth(1).getAttribute('data-mark'), 'best');
      assert.equal(await scoreRow.locator('td').nth(2).getAttribute('data-mark'), 'worst');
    }
    assert.match(await scoreRow.innerText(), new RegExp(Number(ranking.rows[0].score).toFixed(2)));
    await page.screenshot({ path: join(OUT, 'compare-desktop.png'), fullPage: true });
    await page.setViewportSize(phone);
    await page.screenshot({ path: join(OUT, 'compare-phone.png'), fullPage: true });

    // Seven from the URL: refused with the reason, nothing asked of the server.
    await page.setViewportSize(desktop);
    await page.goto(`${BASE}/plans/${planId}/compare?period=${h1.id}&ids=1,2,3,4,5,6,7`);
    assert.match(await page.getByTestId('compare-problem').innerText(), /最多同时对比 6 个/);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('the evaluatee page and the heatmap on a phone', async () => {
  const page = await openPage(leader.context, phone);
  try {
    await page.goto(`${BASE}/plans/${planId}/results/${target.evaluatee.id}?period=${h1.id}`);
    await page.locator('[data-testid=radar-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    await page.locator('[data-testid=trend-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(OUT, 'evaluatee-phone.png'), fullPage: true });
    await page.goto(`${BASE}/plans/${planId}/heatmap?period=${h1.id}&group=DISTRICTS`);
    await page.locator('[data-testid=heatmap-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(OUT, 'heatmap-phone.png'), fullPage: true });
    await page.setViewportSize(desktop);
    await page.screenshot({ path: join(OUT, 'heatmap-desktop.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

/** A province-sized ranking (1,200 rows, seven dimensions, as rowsJson) for the stubbed ranking query. */
function provinceRanking(period, dimensions) {
  const rows = Array.from({ length: 1200 }, (_, i) => {
    const score = (95 - (i * 40) / 1200).toFixed(2);
    return {
      rank: i + 1,
      score,
      provisional: false,
      missingScores: 0,
      evaluatee: { id: String(900000 + i), group: 'DISTRICTS', unit: { id: String(900000 + i), name: `测试单位${i + 1}`, sortKey: i } },
      components: [
        { method: 'DAILY_MONITORING', weight: '60', value: score },
        { method: 'FIELD_VISITS', weight: '20', value: score },
        { method: 'PUBLIC_OPINION', weight: '10', value: score },
        { method: 'THIRD_PARTY', weight: '10', value: score },
      ],
      dimensions: dimensions.map((d, k) => ({
        dimensionId: d.id,
        number: d.number,
        name: d.name,
        points: d.points,
        carriedPoints: d.points,
        earned: d.points,
        score: ((Number(d.points) * (50 + ((i * 7 + k * 13) % 50))) / 100).toFixed(2),
      })),
    };
  });
  return { data: { ranking: { preview: false, publishedAt: new Date().toISOString(), group: 'DISTRICTS', period: { id: period.id, name: period.name, state: 'PUBLISHED' }, rowsJson: rows } } };
}

test('charts at province scale: 1,200 rows render without freezing the page', async () => {
  const { plan } = await graphql(leader, 'query($p: ID!) { plan(id: $p) { dimensions { id number name points } } }', { p: planId });
  const page = await openPage(leader.context, desktop);
  // Long tasks (main thread busy > 50 ms) are only reported to an observer set up before them.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON?.();
      if (body?.operationName === 'Ranking') return route.fulfill({ json: provinceRanking(h1, plan.dimensions) });
      if (body?.operationName === 'RankChanges') return route.fulfill({ json: { data: { rankChanges: { previousName: null, rows: [] } } } });
      return route.continue();
    });
    const timings = {};
    for (const [name, url, chart] of [
      ['ranking bar chart', `/plans/${planId}/ranking?period=${h1.id}&group=DISTRICTS`, 'score-chart'],
      ['heatmap', `/plans/${planId}/heatmap?period=${h1.id}&group=DISTRICTS`, 'heatmap-chart'],
    ]) {
      await page.goto(`${BASE}${url}`);
      await page.getByTestId(chart).waitFor({ timeout: 90000 });
      const start = await page.evaluate(() => performance.now());
      await page.locator(`[data-testid=${chart}][data-rendered=true]`).waitFor({ timeout: 90000 });
      // The page still answers: a frame comes within a bound after the chart is drawn.
      const frame = await page.evaluate(() => new Promise((resolve) => { const t = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t)); }));
      const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      timings[name] = { renderMs: Math.round((await page.evaluate(() => performance.now())) - start), nextFrameMs: Math.round(frame), longestTaskMs: Math.round(longest) };
    }
    assert.equal(await page.getByTestId('heatmap-chart').getAttribute('data-rows'), '1200');
    await page.screenshot({ path: join(OUT, 'heatmap-1200-desktop.png') });
    console.log(`province-scale charts (1,200 rows): ${JSON.stringify(timings)}`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});
