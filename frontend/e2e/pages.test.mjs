// Every page at a desktop and a phone size: each must show its title without
// an uncaught error. The screenshots (frontend/e2e/screenshots/, gitignored)
// are for humans to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BASE, desktop, openPage, phone, repo, SHOTS, signIn, startBrowser, TASK3 } from './browser.mjs';

let browser;
let planId;
let task3Id;

/** Runs a query with the browser's session (cookie and CSRF header). */
async function graphql(query) {
  const res = await browser.context.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', 'X-Kaoping-CSRF': '1' },
    data: { query },
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

before(async () => {
  browser = await startBrowser();
  // The sign-in page, before signing in.
  for (const [size, viewport] of [['desktop', desktop], ['phone', phone]]) {
    const page = await openPage(browser.context, viewport);
    await page.goto(`${BASE}/plans`);
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, `login-${size}.png`) });
    await page.close();
  }
  await signIn(browser.context);
  // The demo plan: the one whose task 3 is carried by evaluatees.
  const { plans } = await graphql('{ plans { id dimensions { indicators { tasks { id text evaluatees { id } } } } } }');
  for (const plan of plans) {
    const task = plan.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).find((t) => t.text.startsWith(TASK3));
    if (task && task.evaluatees.length > 0) {
      planId = plan.id;
      task3Id = task.id;
      break;
    }
  }
  assert.ok(task3Id, 'the demo plan has task 3 with evaluatees');
});
after(async () => {
  await browser?.stop();
});

/** Opens path, waits for `expect` (text), runs `act`, saves NAME-SIZE.png, runs `undo`. */
async function shoot(name, size, path, expect, act, undo) {
  const page = await openPage(browser.context, size === 'phone' ? phone : desktop);
  try {
    await page.goto(`${BASE}${path}`);
    await page.getByText(expect, { exact: false }).first().waitFor({ timeout: 15000 });
    if (act) await act(page);
    await page.waitForTimeout(400); // let animations settle for the picture
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`) });
    if (undo) await undo(page);
    assert.deepEqual(page.problems, [], `no uncaught errors on ${path}`);
  } finally {
    await page.close();
  }
}

for (const size of ['desktop', 'phone']) {
  describe(`pages at ${size} size`, () => {
    test('plan', () => shoot('plan', size, `/plans/${planId}`, TASK3));
    test('task detail', () => shoot('task', size, `/plans/${planId}/tasks/${task3Id}`, '承担对象'));
    test('plan settings', () =>
      shoot('settings', size, `/plans/${planId}`, TASK3, async (page) => {
        await page.getByRole('button', { name: /方案设置/ }).click();
        await page.getByText('半年考评分值权重').waitFor();
      }));
    test('task form', () =>
      shoot('task-form', size, `/plans/${planId}/tasks/${task3Id}`, '承担对象', async (page) => {
        await page.getByRole('button', { name: /编辑任务/ }).click();
        await page.getByText('牵头考核单位', { exact: true }).last().waitFor();
      }));
    test('assignment editor', () =>
      shoot('assign', size, `/plans/${planId}/tasks/${task3Id}`, '承担对象', async (page) => {
        await page.getByRole('button', { name: /调整承担对象/ }).click();
        await page.getByRole('button', { name: /保存承担对象/ }).waitFor();
      }));
    test('evaluatees', () => shoot('evaluatees', size, `/plans/${planId}/evaluatees`, '市直部门组'));
    test('units', () => shoot('units', size, '/units', '单位管理'));
    test('import', () => shoot('import', size, '/import', '点击或将考评办法文件拖到这里'));
    test('import preview', () =>
      shoot('import-preview', size, '/import', '点击或将考评办法文件拖到这里', async (page) => {
        // Preview only: previewPlanImport writes nothing.
        await page.locator('input[type=file]').setInputFiles(join(repo, 'server/demo/method.txt'));
        await page.getByText('发现的问题').waitFor({ timeout: 15000 });
      }));
    test('elder mode', () =>
      shoot(
        'elder',
        size,
        `/plans/${planId}`,
        TASK3,
        async (page) => {
          const cellFont = () => page.evaluate(() => getComputedStyle(document.querySelector('.ant-table-tbody td') ?? document.body).fontSize);
          assert.equal(await cellFont(), '14px');
          await page.getByRole('switch', { name: '长辈模式' }).click();
          await page.waitForTimeout(300);
          assert.equal(await cellFont(), '18px', '长辈模式 enlarges the type');
        },
        // Leave the shared profile as found.
        (page) => page.getByRole('switch', { name: '长辈模式' }).click(),
      ));
    test('account', () => shoot('account', size, '/account', '修改密码'));
    if (size === 'desktop')
      test('the notification e-mail is kept on the account', () =>
        shoot(
          'account-email',
          size,
          '/account',
          '通知邮箱',
          async (page) => {
            // No relay in the test server: the page says mail is not sent yet.
            await page.getByTestId('email-delivery').getByText('尚未配置邮件服务').waitFor();
            const input = page.getByTestId('email-input');
            await input.fill('不是邮箱');
            await page.getByTestId('email-save').click();
            await page.getByText('请输入有效的邮箱地址').waitFor();
            await input.fill('wu.gang@example.gov.cn');
            await page.getByTestId('email-save').click();
            await page.getByText('邮箱已保存').waitFor();
            await page.reload();
            await page.getByText('通知邮箱').first().waitFor();
            assert.equal(await page.getByTestId('email-input').inputValue(), 'wu.gang@example.gov.cn');
          },
          async (page) => {
            await page.getByTestId('email-input').fill('');
            await page.getByTestId('email-save').click();
            await page.getByText('已取消邮件通知').waitFor();
          },
        ));
    test('unknown address', () => shoot('not-found', size, '/no-such-page', '页面不存在'));
  });
}
