// Browser test of the 通报 and the 督办 board as the demo `leader`
// (2023年上半年 published): the circular prints to PDF with the group titles
// and the top unit, its .xlsx carries the API's ranks and scores, the 督办
// board lists an overdue task, and axe-core finds no serious or critical
// violation on the ranking, circular and 督办 pages. Screenshots at desktop
// and phone size.
// KAOPING_URL=http://localhost:8080 node --test frontend/e2e/circular.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { BASE, desktop, openPage, phone, repo, SHOTS, signIn, startBrowser } from './browser.mjs';

const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';
let browser;
let planId;
let h1;

async function graphql(query, variables = {}) {
  const res = await browser.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query, variables },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page as it is. */
async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the app's CSP forbids inline scripts.
  await page.evaluate(await readFile(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const circularQuery = `query($p: ID!) { circular(periodId: $p) { title periodName groups { title paragraph ranking { rank unitName score } } } }`;

before(async () => {
  browser = await startBrowser();
  await signIn(browser.context, 'leader', PASSWORD);
  const { plans } = await graphql('{ plans { id periods { id half name state } } }');
  const plan = plans.find((p) => p.periods.some((x) => x.half === 1 && (x.state === 'PUBLISHED' || x.state === 'PUBLICITY')));
  assert.ok(plan, 'a plan with 上半年 published');
  planId = plan.id;
  h1 = plan.periods.find((p) => p.half === 1);
});

after(async () => {
  await browser?.stop();
});

test('the circular prints to PDF with the group titles and the top unit', async () => {
  const { circular } = await graphql(circularQuery, { p: h1.id });
  assert.ok(circular.groups.length >= 1, 'the circular has groups');
  const page = await openPage(browser.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/circular?period=${h1.id}`);
    await page.locator('article.circular h1').waitFor({ timeout: 60000 });
    assert.equal(await page.locator('.ant-layout-header, .ant-menu').count(), 0, 'no app header or menu');
    await page.screenshot({ path: join(SHOTS, 'circular-desktop.png'), fullPage: true });
    const violations = await axeViolations(page);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text, totalPages } = await extractText(doc, { mergePages: true });
    // NFKC: CJK fonts map some glyphs to Kangxi radicals (⾼ for 高) in the
    // PDF's text layer; radicals of the supplement block (⻔ for 门) have no
    // compatibility mapping, so they are mapped here.
    const supplement = { '⻔': '门', '⻓': '长', '⻅': '见', '⻆': '角', '⻘': '青', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻋': '车', '⻉': '贝', '⻚': '页', '⻥': '鱼', '⻦': '鸟', '⻰': '龙', '⻬': '齐', '⻮': '齿', '⻩': '黄', '⻤': '鬼', '⻨': '麦', '⻄': '西', '⻈': '讠' };
    const flat = text
      .normalize('NFKC')
      .replace(/[\u2E80-\u2EFF]/g, (c) => supplement[c] ?? c)
      .replace(/\s+/g, '');
    assert.ok(totalPages >= circular.groups.length, `each group from a new page: ${totalPages} pages`);
    for (const g of circular.groups) {
      assert.ok(flat.includes(g.title), `PDF names ${g.title}`);
      assert.ok(flat.includes(g.ranking[0].unitName), `PDF names the top unit ${g.ranking[0].unitName}`);
    }
    assert.ok(!flat.includes('返回考评排名'), 'the toolbar is not printed');
    assert.deepEqual(violations, [], 'axe on the circular');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('the circular .xlsx has the ranks and scores of the API', async () => {
  const { circular } = await graphql(circularQuery, { p: h1.id });
  const page = await openPage(browser.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/circular?period=${h1.id}`);
    await page.locator('article.circular h1').waitFor({ timeout: 60000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    assert.match(download.suggestedFilename(), /考评结果通报\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    for (const g of circular.groups) {
      const sheet = book.getWorksheet(`${g.title}排名`);
      assert.ok(sheet, `sheet of ${g.title}`);
      // Title, period, paragraph above the header in row 5.
      assert.equal(sheet.getRow(5).getCell(1).value, '名次');
      assert.equal(sheet.getRow(5).getCell(3).value, '得分');
      assert.equal(sheet.views[0]?.state, 'frozen', 'the header row is frozen');
      const fromSheet = [];
      sheet.eachRow((row, n) => {
        if (n > 5) fromSheet.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]);
      });
      const fromAPI = g.ranking.map((r) => [r.rank, r.unitName, r.score === null ? null : Number(r.score)]);
      assert.deepEqual(fromSheet, fromAPI, `${g.title}: sheet equals API`);
      assert.equal(typeof fromSheet[0][2], 'number', 'scores are numbers');
    }
    assert.ok(book.getWorksheet('各方面前三名与后三名'), 'the dimensions sheet');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('the 督办 board shows an overdue task and links to its report', async () => {
  const { overdueCounts } = await graphql('query($p: ID!) { overdueCounts(filter: {planId: $p}) { total byEvaluatee { id name count } } }', { p: planId });
  assert.ok(overdueCounts.total > 0, 'the demo has overdue tasks (its deadlines are in the past)');
  const page = await openPage(browser.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/overdue`);
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor({ timeout: 60000 });
    assert.match(await page.locator('.ant-statistic-content').first().innerText(), new RegExp(String(overdueCounts.total)));
    await page.screenshot({ path: join(SHOTS, 'overdue-desktop.png') });
    const violations = await axeViolations(page);
    // The report opens read-only for a leader.
    await rows.first().getByRole('link', { name: '查看报送' }).click();
    await page.waitForURL(/\/reports\?evaluatee=/);
    await page.getByRole('heading', { name: '进展查阅' }).waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(SHOTS, 'overdue-report-desktop.png') });
    assert.deepEqual(violations, [], 'axe on the 督办 board');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('axe on the ranking page', async () => {
  const page = await openPage(browser.context, desktop);
  try {
    await page.goto(`${BASE}/plans/${planId}/ranking?period=${h1.id}`);
    await page.locator('[data-testid=score-chart][data-rendered=true]').waitFor({ timeout: 60000 });
    assert.deepEqual(await axeViolations(page), [], 'axe on the ranking');
  } finally {
    await page.close();
  }
});

test('circular and 督办 at phone size', async () => {
  const page = await openPage(browser.context, phone);
  try {
    await page.goto(`${BASE}/plans/${planId}/circular?period=${h1.id}`);
    await page.locator('article.circular h1').waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(SHOTS, 'circular-phone.png'), fullPage: true });
    await page.goto(`${BASE}/plans/${planId}/overdue`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: 60000 });
    await page.screenshot({ path: join(SHOTS, 'overdue-phone.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

