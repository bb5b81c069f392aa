// Browser test of /graphiql (issue 12): the demo `analyst` opens GraphiQL,
// reads the schema's documentation, runs the example query and sees its
// answer; the demo `leader` is refused, downloads no editor, and the server
// refuses the leader's introspection too.
// KAOPING_URL=http://localhost:8080 node --test frontend/e2e/graphiql.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, desktop, openPage, phone, SHOTS, signIn, startBrowser } from './browser.mjs';

const PASSWORD = process.env.KAOPING_PASSWORD || 'Kaoping@2023';
const OUT = process.env.KAOPING_SHOTS || SHOTS;
const wait = { timeout: 60_000 };
let analyst;
let leader;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  analyst = await startBrowser();
  await signIn(analyst.context, 'analyst', PASSWORD);
  leader = await startBrowser();
  await signIn(leader.context, 'leader', PASSWORD);
});

after(async () => {
  await analyst?.stop();
  await leader?.stop();
});

test('an analyst opens GraphiQL, reads the documentation and runs a query', async () => {
  const page = await openPage(analyst.context, desktop);
  const posts = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST') posts.push(r.headers());
  });
  await page.goto(`${BASE}/graphiql`);
  await page.getByRole('heading', { name: 'GraphiQL 接口查询' }).waitFor(wait);
  // The example query is in the editor once Monaco has started.
  await page.locator('.graphiql-query-editor').getByText('DimensionRates').first().waitFor(wait);

  // The documentation comes from introspection, which the server allows the analyst.
  await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor(wait);
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
  await page.locator('.graphiql-doc-explorer').getByText('aggregate', { exact: true }).first().waitFor(wait);

  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('"aggregate"').waitFor(wait);
  await result.getByText('"labels"').first().waitFor(wait);
  const text = await result.innerText();
  assert.doesNotMatch(text, /"errors"/, text);
  // Every request carried the CSRF header the server requires (and the
  // session cookie, or the introspection would have been refused).
  assert.ok(posts.length >= 2, `GraphQL requests: ${posts.length}`);
  for (const h of posts) assert.equal(h['x-kaoping-csrf'], '1');
  await page.screenshot({ path: join(OUT, 'graphiql-desktop.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a leader is refused, by the page and by the server', async () => {
  const page = await openPage(leader.context, phone);
  const editorFiles = [];
  page.on('request', (r) => {
    if (/monaco|GraphiQLEditor|\.worker-/.test(r.url())) editorFiles.push(r.url());
  });
  await page.goto(`${BASE}/graphiql`);
  await page.getByText('无权使用 GraphiQL').waitFor(wait);
  await page.getByText(/仅供分析员和考评专班使用/).waitFor(wait);
  await page.screenshot({ path: join(OUT, 'graphiql-refused-phone.png') });
  assert.deepEqual(editorFiles, [], 'a refused reader downloads no editor');
  assert.deepEqual(page.problems, []);
  await page.close();

  const res = await leader.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query: '{ __schema { queryType { name } } }' },
  });
  const body = await res.json();
  assert.ok(body.errors?.length > 0, `the leader's introspection was answered: ${JSON.stringify(body)}`);
});
