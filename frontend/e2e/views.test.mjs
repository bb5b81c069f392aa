// Browser test of the views page (issue 12) as the demo `analyst`: a view
// opened from its URL shows as a pivot table and a chart (canvas), is saved
// and shared with 领导, survives a reload, reopens from the list, exports as
// .xlsx with the API's numbers, and opens for the demo `leader`.
// KAOPING_URL=http://localhost:8080 node --test frontend/e2e/views.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { BASE, desktop, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';
const OUT = process.env.KAOPING_SHOTS || SHOTS;
const spec = { measures: ['RATE_MEAN', 'SCORE_COUNT'], rows: ['LEAD_UNIT'], columns: [], filters: [], chart: 'BAR' };
const name = `牵头单位得分率 ${Date.now()}`;
let analyst;
let leader;

async function graphql(browser, query, variables = {}) {
  const res = await browser.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query, variables },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  analyst = await startBrowser();
  await signIn(analyst.context, 'analyst', PASSWORD);
});

after(async () => {
  await analyst?.stop();
  await leader?.stop();
});

test('build, chart, save, share, reload, reopen, export, open as the leader', async () => {
  const page = await openPage(analyst.context, desktop);
  await page.goto(`${BASE}/views?spec=${encodeURIComponent(JSON.stringify(spec))}`);
  await page.getByRole('heading', { name: '统计分析' }).waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  await page.screenshot({ path: join(OUT, 'views-table-desktop.png'), fullPage: true });

  await page.getByText('图表', { exact: true }).click();
  await page.locator('canvas').first().waitFor();
  await page.screenshot({ path: join(OUT, 'views-chart-desktop.png'), fullPage: true });

  await page.getByRole('button', { name: /另存为新视图/ }).click();
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('领导').check();
  await page.getByRole('button', { name: /保\s*存/ }).last().click();
  await page.waitForURL((u) => u.searchParams.has('view'));
  const viewId = new URL(page.url()).searchParams.get('view');

  await page.reload();
  await page.locator('.ant-table-row, canvas').first().waitFor();
  await page.goto(`${BASE}/views`);
  await page.getByLabel('打开视图').click();
  await page.getByTitle(name).click();
  await page.waitForURL((u) => u.searchParams.get('view') === viewId);
  await page.locator('.ant-table-row').first().waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.getWorksheet('统计');
  const { aggregate } = await graphql(analyst, `query($s: ViewSpecInput!) { aggregate(spec: $s) { rows { labels values } } }`, { s: spec });
  aggregate.rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i);
    r.values.forEach((v, j) => {
      if (v === null) return;
      assert.ok(Math.abs(Number(row.getCell(2 + j).value) - Number(v)) < 1e-9, `row ${i} measure ${j}: ${row.getCell(2 + j).value} vs ${v}`);
    });
  });
  assert.deepEqual(page.problems, []);

  const small = await openPage(analyst.context, phone);
  await small.goto(`${BASE}/views?view=${viewId}&spec=${encodeURIComponent(JSON.stringify(spec))}`);
  await small.locator('.ant-table-row').first().waitFor();
  await small.screenshot({ path: join(OUT, 'views-table-phone.png'), fullPage: true });

  leader = await startBrowser();
  await signIn(leader.context, 'leader', PASSWORD);
  const lp = await openPage(leader.context, desktop);
  await lp.goto(`${BASE}/views`);
  await lp.getByLabel('打开视图').click();
  await lp.getByTitle(name).click();
  await lp.locator('.ant-table-row').first().waitFor();
  assert.equal(await lp.getByRole('button', { name: /删\s*除/ }).count(), 0, 'the leader may not delete the analyst’s view');
  await lp.screenshot({ path: join(OUT, 'views-leader-desktop.png'), fullPage: true });
});
