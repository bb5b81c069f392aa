// Browser test of roles and sessions against a running Kaoping server with
// the demo data loaded (KAOPING_URL=http://localhost:8094 node --test
// frontend/e2e/roles.test.mjs): each role sees its own menu; the auditor
// filters and exports the audit log; the admin creates a user whose first
// sign-in is held at the password change; a session the server ends sends
// the next navigation to the sign-in page, which then returns to the page.
//
// admin and auditor need a one-time code (demo secrets in totp.mjs); each
// signs in once per run. The server refuses a code used before, so when the
// current step's code was already used (a run moments ago), the next step's
// code (accepted for clock skew) is tried.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BASE, desktop, openPage, PASSWORD, phone, SHOTS, startBrowser } from './browser.mjs';
import { demoSecrets, totpCode, totpStep } from './totp.mjs';

const stamp = Date.now().toString(36);
const newUser = { username: `e2e_${stamp}`, displayName: `测试领导${stamp.slice(-4)}`, initial: 'Start@2026a', own: 'Mine#2026b' };
const newAuditor = { username: `e2e_aud_${stamp}`, displayName: `测试审计员${stamp.slice(-4)}`, initial: 'Start@2026c', own: 'Mine#2026d' };

/** Signs in on the sign-in page of `page` (already open there); fills the one-time code when asked. */
async function signInHere(page, username, password, secret) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (secret) {
    const code = page.getByLabel('动态验证码');
    await code.waitFor({ timeout: 15000 });
    const now = totpStep();
    for (const step of [now, now + 1]) {
      await code.fill(totpCode(secret, step));
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const outcome = await Promise.race([
        page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15000 }).then(() => 'in'),
        page.getByText('动态验证码错误或已使用').waitFor({ timeout: 15000 }).then(() => 'refused'),
      ]);
      if (outcome === 'in') return;
    }
    throw new Error(`${username}: one-time codes refused`);
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15000 }).catch(async () => {
    const alert = await page.locator('.ant-alert').allInnerTexts();
    throw new Error(`could not sign in as ${username}: ${alert.join(' ') || 'no answer'}`);
  });
}

async function signInAs(context, username, secret, password = PASSWORD) {
  const page = await openPage(context);
  await page.goto(`${BASE}/login`);
  await signInHere(page, username, password, secret);
  return page;
}

/** The side menu's items, as shown. */
async function menuItems(page) {
  const items = page.locator('.ant-layout-sider .ant-menu-item');
  await items.first().waitFor({ timeout: 15000 });
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** Resolves when the next answer to the GraphQL operation `name` has arrived. */
function answered(page, name) {
  return page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(`"operationName":"${name}"`), { timeout: 15000 });
}

async function shot(page, name) {
  await page.waitForTimeout(300); // let animations settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Shoots `path` at phone size in the same context (same session). */
async function shootPhone(context, path, name, waitText, act) {
  const page = await openPage(context, phone);
  try {
    await page.goto(`${BASE}${path}`);
    await page.getByText(waitText, { exact: false }).first().waitFor({ timeout: 15000 });
    if (act) await act(page);
    await shot(page, name);
    assert.deepEqual(page.problems, [], `no uncaught errors on ${path} (phone)`);
  } finally {
    await page.close();
  }
}

describe('roles', () => {
  let zb;
  let adminBrowser;
  let planId;
  before(async () => {
    zb = await startBrowser();
  });
  after(async () => {
    await zb?.stop();
    await adminBrowser?.stop();
  });

  test('专班 zhuanban1 sees the plan with editing and no users or audit log; 退出登录 signs out', async () => {
    const page = await signInAs(zb.context, 'zhuanban1');
    // Sign-in lands on the home page (我的待办); the plan is one menu entry away.
    await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 15000 });
    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '考评方案' }).click();
    await page.waitForURL(/\/plans\/[^/]+$/, { timeout: 15000 });
    planId = new URL(page.url()).pathname.split('/')[2];
    const menu = await menuItems(page);
    for (const item of ['考评方案', '考评对象', '单位管理', '导入方案']) assert.ok(menu.includes(item), `${item} in ${menu}`);
    for (const item of ['用户管理', '审计日志']) assert.ok(!menu.includes(item), `${item} not in ${menu}`);
    await page.getByRole('button', { name: /方案设置/ }).waitFor({ timeout: 15000 });

    await page.goto(`${BASE}/users`);
    await page.getByText('无权访问').waitFor({ timeout: 15000 });

    // The user menu, top right: 修改密码 leads to the form; 退出登录 signs out.
    await page.getByRole('button', { name: '账号' }).click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.waitForURL(/\/account#password$/);
    await page.getByLabel('新密码', { exact: true }).waitFor();
    await page.getByRole('button', { name: '账号' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/, { timeout: 15000 });
    await page.goto(`${BASE}/units`);
    await page.waitForURL(/\/login\?next=%2Funits$/, { timeout: 15000 });
    assert.equal(await page.getByText('登录已过期').count(), 0, 'signing out on purpose is not an expiry');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('领导 leader reads the plan without editing and sees no 单位管理, 用户管理 or 导入方案', async () => {
    const page = await signInAs(zb.context, 'leader');
    await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 15000 });
    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '考评方案' }).click();
    await page.waitForURL(/\/plans\/[^/]+$/, { timeout: 15000 });
    const menu = await menuItems(page);
    assert.ok(menu.includes('考评方案'), `考评方案 in ${menu}`);
    for (const item of ['单位管理', '用户管理', '导入方案', '审计日志']) assert.ok(!menu.includes(item), `${item} not in ${menu}`);
    await page.locator('tr[data-kind="task"]').first().waitFor({ timeout: 15000 });
    assert.equal(await page.getByRole('button', { name: /方案设置/ }).count(), 0, 'no plan settings for a leader');
    await page.goto(`${BASE}/units`);
    await page.getByText('无权访问').waitFor({ timeout: 15000 });
    await shot(page, 'forbidden-desktop');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('系统管理员 admin (with TOTP) manages users: server field errors on the form, a new user', async () => {
    adminBrowser = await startBrowser();
    const page = await signInAs(adminBrowser.context, 'admin', demoSecrets.admin);
    await page.waitForURL(/\/users$/, { timeout: 15000 });
    const menu = await menuItems(page);
    assert.deepEqual([...menu].sort(), ['单位管理', '用户管理'].sort(), `admin menu: ${menu}`);
    assert.equal(await page.getByLabel('当前方案').count(), 0, 'no plan picker for the admin');
    await page.getByRole('cell', { name: 'admin', exact: true }).waitFor({ timeout: 15000 });
    await shot(page, 'users-desktop');

    await page.getByRole('button', { name: /新增用户/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新增用户' });
    await modal.getByLabel('用户名').fill('leader'); // taken: the server says so on the field
    await modal.getByLabel('姓名').fill(newUser.displayName);
    await modal.getByLabel('所在单位').fill('市政府办公室');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active[title="市政府办公室"]').waitFor();
    await modal.getByLabel('所在单位').press('Enter');
    await modal.locator('.ant-select').filter({ hasText: '市政府办公室' }).waitFor();
    await modal.getByRole('checkbox', { name: /领导/ }).check();
    await modal.getByLabel('初始密码').fill('short');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.getByText('密码至少 8 位').waitFor(); // the policy, checked before sending
    await modal.getByLabel('初始密码').fill(newUser.initial);
    await shot(page, 'user-create-desktop');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.getByText('用户名已存在').waitFor({ timeout: 15000 }); // extensions.fields → beside 用户名
    await modal.getByLabel('用户名').fill(newUser.username);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15000 });
    // Earlier runs may have left many users: find the new one by name.
    await page.getByLabel('查找用户').fill(newUser.username);
    const row = page.locator('tr').filter({ hasText: newUser.username });
    await row.waitFor({ timeout: 15000 });
    const rowText = await row.innerText();
    assert.match(rowText, /领导/);
    assert.match(rowText, /市政府办公室/);
    assert.match(rowText, /待修改初始密码/);
    assert.match(rowText, /从未登录/);
    assert.deepEqual(page.problems, []);
  });

  describe('the new user', () => {
    let userBrowser;
    let page;
    after(async () => {
      await userBrowser?.stop();
    });

    test('is held at the password change on the first sign-in, then uses the app', async () => {
      userBrowser = await startBrowser();
      page = await openPage(userBrowser.context);
      await page.goto(`${BASE}/plans/${planId}`);
      await page.waitForURL(/\/login\?next=/);
      await signInHere(page, newUser.username, newUser.initial);
      await page.waitForURL(/\/account\/setup/, { timeout: 15000 });
      await page.getByText('修改初始密码').first().waitFor();
      await shot(page, 'setup-desktop');
      await shootPhone(userBrowser.context, '/account/setup', 'setup-phone', '管理员设置的初始密码');
      // Nowhere else to go until done.
      await page.goto(`${BASE}/units`);
      await page.waitForURL(/\/account\/setup/, { timeout: 15000 });
      await page.getByLabel('当前密码').fill(newUser.initial);
      await page.getByLabel('新密码', { exact: true }).fill(newUser.own);
      await page.getByLabel('再次输入新密码').fill(newUser.own);
      await page.getByRole('button', { name: /修改密码/ }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/account'), { timeout: 15000 });
      const menu = await menuItems(page);
      assert.ok(menu.includes('考评方案'), `new leader menu: ${menu}`);
      assert.ok(!menu.includes('用户管理'));
    });

    test('whose session the admin ends goes to the sign-in page on the next navigation and comes back after', async () => {
      // The admin adds a role: saving ends the user's sessions. The table
      // still holds the account as created; the password change since made
      // it stale, so the first save is refused as a conflict and the table
      // reloads.
      const admin = adminBrowser.context.pages().find((p) => p.url().endsWith('/users'));
      assert.ok(admin, 'the admin page is still open');
      const row = admin.locator('tr').filter({ hasText: newUser.username });
      const modal = admin.locator('.ant-modal').filter({ hasText: '编辑用户' });
      await row.getByRole('button', { name: '编辑' }).click();
      await modal.getByRole('checkbox', { name: /分析员/ }).check();
      const reloaded = answered(admin, 'UsersPage');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await admin.getByText('该记录已被其他人修改').waitFor({ timeout: 15000 });
      await modal.waitFor({ state: 'hidden', timeout: 15000 });
      await reloaded;
      await row.getByRole('button', { name: '编辑' }).click();
      await modal.getByText('保存后,该用户已登录的会话将立即结束').waitFor();
      await modal.getByRole('checkbox', { name: /分析员/ }).check();
      await shot(admin, 'user-edit-desktop');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await modal.waitFor({ state: 'hidden', timeout: 15000 });
      await row.getByText('分析员').waitFor({ timeout: 15000 });

      // The user, still on the plan page, clicks 考评对象.
      await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '考评对象' }).click();
      await page.waitForURL(/\/login\?/, { timeout: 15000 });
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('expired'), '1');
      assert.match(url.searchParams.get('next') ?? '', /^\/plans\/[^/]+\/evaluatees$/);
      await page.getByText('登录已过期,请重新登录').waitFor();
      await shot(page, 'login-expired-desktop');
      await shootPhone(userBrowser.context, page.url().slice(BASE.length), 'login-expired-phone', '登录已过期,请重新登录');
      await signInHere(page, newUser.username, newUser.own);
      await page.waitForURL(/\/plans\/[^/]+\/evaluatees$/, { timeout: 15000 });
      assert.ok((await menuItems(page)).includes('考评对象'));

      // Again, now by disabling and re-enabling the account, and with a reload.
      await row.getByRole('button', { name: '编辑' }).click();
      await modal.getByRole('switch').click();
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await modal.waitFor({ state: 'hidden', timeout: 15000 });
      await row.getByText('停用').waitFor({ timeout: 15000 });
      await row.getByRole('button', { name: '编辑' }).click();
      await modal.getByRole('switch').click();
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await modal.waitFor({ state: 'hidden', timeout: 15000 });
      await row.getByText('启用').waitFor({ timeout: 15000 });
      await page.reload();
      await page.waitForURL(/\/login\?.*expired=1/, { timeout: 15000 });
      await page.getByText('登录已过期,请重新登录').waitFor();
      await signInHere(page, newUser.username, newUser.own);
      await page.waitForURL(/\/plans\/[^/]+\/evaluatees$/, { timeout: 15000 });
      assert.deepEqual(page.problems, []);
      assert.deepEqual(admin.problems, []);
    });
  });

  test('审计员 auditor (with TOTP) sees only the audit log, filters it, opens a change and exports .xlsx', async () => {
    const auditor = await startBrowser();
    try {
      const page = await signInAs(auditor.context, 'auditor', demoSecrets.auditor);
      // The auditor's home lists recent refused operations; the log is one click away.
      await page.getByText('近七天被拒绝的操作').waitFor({ timeout: 15000 });
      assert.deepEqual(await menuItems(page), ['我的待办', '审计日志']);
      await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '审计日志' }).click();
      await page.waitForURL(/\/audit$/, { timeout: 15000 });
      assert.equal(await page.getByLabel('当前方案').count(), 0, 'no plan picker for the auditor');
      await page.getByText('日志只能追加').waitFor();

      // Everything about the new user's account, through the filters.
      await page.getByLabel('对象类型').fill('users');
      await page.getByLabel('操作').fill('updateUser');
      await page.keyboard.press('Escape');
      let loaded = answered(page, 'AuditLog');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.waitForURL(/operation=updateUser/);
      await loaded;
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 15000 });
      const ops = await page.locator('.ant-table-tbody [data-operation]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-operation')} ${e.textContent}`));
      assert.ok(ops.length >= 3, `three updates of the new user at least: ${ops}`);
      for (const op of ops) assert.equal(op, 'updateUser 修改用户');
      const outcomes = await page.locator('.ant-table-tbody [data-outcome]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
      assert.ok(outcomes.every((o) => o === 'OK'), `outcomes ${outcomes}`);

      // The oldest of them added 分析员: its before/after comparison says so.
      await rows.last().locator('.ant-table-row-expand-icon').click();
      const detail = page.getByTestId('audit-detail').last();
      await detail.waitFor();
      const detailText = await detail.innerText();
      assert.match(detailText, /Roles/);
      assert.match(detailText, /ANALYST/);
      assert.match(detailText, /修改/);
      await shot(page, 'audit-desktop');

      // Refused operations only: the wrong-username create the admin tried.
      await page.getByLabel('操作').fill('createUser');
      await page.keyboard.press('Escape');
      await page.getByLabel('对象类型').fill('');
      await page.getByLabel('结果').click();
      await page.locator('.ant-select-dropdown:visible').getByText('失败(FAILED)').click();
      loaded = answered(page, 'AuditLog');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.waitForURL(/outcome=FAILED/);
      await loaded;
      await page.locator('.ant-table-tbody [data-outcome="FAILED"]').first().waitFor({ timeout: 15000 });
      const failed = await page.locator('.ant-table-tbody [data-outcome]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
      assert.ok(failed.length > 0 && failed.every((o) => o === 'FAILED'), `outcomes ${failed}`);

      // The export carries the same filters and is a spreadsheet.
      const [request, download] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/files/audit.xlsx')),
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出Excel/ }).click(),
      ]);
      const exportUrl = new URL(request.url());
      assert.equal(exportUrl.searchParams.get('operation'), 'createUser');
      assert.equal(exportUrl.searchParams.get('outcome'), 'FAILED');
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const bytes = readFileSync(await download.path());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file');

      // A date range becomes RFC 3339 bounds.
      await page.goto(`${BASE}/audit?from=2020-01-01&to=2020-01-31`);
      await page.getByText('没有符合筛选条件的记录').waitFor({ timeout: 15000 });

      await shootPhone(auditor.context, '/audit?operation=login', 'audit-phone', '审计日志', async (p) => {
        await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 15000 });
      });
      await shootPhone(auditor.context, '/audit?operation=createUser&outcome=OK', 'audit-detail-phone', '审计日志', async (p) => {
        await p.locator('.ant-table-row-expand-icon').first().click();
        await p.getByTestId('audit-detail').scrollIntoViewIfNeeded();
      });
      assert.deepEqual(page.problems, []);
    } finally {
      await auditor.stop();
    }
  });

  test('a new auditor is held at the password, then at the authenticator, then lands on the audit log', async () => {
    const admin = adminBrowser.context.pages().find((p) => p.url().endsWith('/users'));
    await admin.getByRole('button', { name: /新增用户/ }).click();
    const modal = admin.locator('.ant-modal').filter({ hasText: '新增用户' });
    await modal.getByLabel('用户名').fill(newAuditor.username);
    await modal.getByLabel('姓名').fill(newAuditor.displayName);
    await modal.getByRole('checkbox', { name: /审计员/ }).check();
    await modal.getByLabel('初始密码').fill(newAuditor.initial);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15000 });
    await admin.getByLabel('查找用户').fill(newAuditor.username);
    await admin.locator('tr').filter({ hasText: newAuditor.username }).getByText('必须绑定').waitFor({ timeout: 15000 });

    const b = await startBrowser();
    try {
      const page = await signInAs(b.context, newAuditor.username, undefined, newAuditor.initial);
      await page.waitForURL(/\/account\/setup/, { timeout: 15000 });
      // Two steps; the password first.
      await page.locator('.ant-steps').getByText('绑定身份验证器').waitFor();
      assert.equal(await page.getByRole('button', { name: '开始绑定' }).count(), 0);
      await page.getByLabel('当前密码').fill(newAuditor.initial);
      await page.getByLabel('新密码', { exact: true }).fill(newAuditor.own);
      await page.getByLabel('再次输入新密码').fill(newAuditor.own);
      await page.getByRole('button', { name: /修改密码/ }).click();
      // Still held: now the authenticator.
      await page.getByRole('button', { name: '开始绑定' }).click();
      const secret = (await page.locator('.ant-typography code').first().innerText()).trim();
      assert.match(secret, /^[A-Z2-7]{16,}$/);
      await shot(page, 'setup-totp-desktop');
      assert.match(page.url(), /\/account\/setup/);
      await page.locator('input[autocomplete="one-time-code"]').fill(totpCode(secret));
      await page.getByRole('button', { name: /确认绑定/ }).click();
      await page.waitForURL((url) => url.pathname === '/', { timeout: 15000 });
      assert.deepEqual(await menuItems(page), ['我的待办', '审计日志']);
      assert.deepEqual(page.problems, []);
    } finally {
      await b.stop();
    }
  });

  test('phone-size pictures of the admin pages', async () => {
    await shootPhone(adminBrowser.context, '/users', 'users-phone', '系统管理员');
    await shootPhone(adminBrowser.context, '/users', 'user-create-phone', '系统管理员', async (p) => {
      await p.getByRole('button', { name: /新增用户/ }).click();
      await p.locator('.ant-modal').getByLabel('初始密码').waitFor();
    });
    const page = await openPage(adminBrowser.context, desktop);
    await page.goto(`${BASE}/users`);
    await page.getByLabel('查找用户').fill(newUser.username);
    const row = page.locator('tr').filter({ hasText: newUser.username });
    await row.getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('button', { name: /随机生成/ }).click();
    await shot(page, 'user-reset-desktop');
    await page.close();
  });
});
