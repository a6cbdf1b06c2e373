// The leader-mailbox journey of issue 5 in a real browser: a citizen
// writes to the leader mailbox (first with nothing filled in, then
// properly, with their phone number in the text), 信访局 transfers it to
// 公安局 with a reason, 公安局 replies, the citizen rates the reply and
// finds it published with the phone number masked. axe-core on every page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, axe, step, login } from '../lib/browser.mjs';

describe('the leader mailbox journey', () => {
  let srv; let browser; let context; let page; let letter;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  async function fresh() {
    await context?.close();
    // bypassCSP lets the test inject axe-core; the pages need no script.
    context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
    page = await context.newPage();
  }
  const run = (name, fn) => step(page, 'interact', name, fn);

  test('a citizen writes to the leader mailbox', async () => {
    await fresh();
    await run('write', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.click('nav a[href="/interact"]');
      await page.waitForURL(/\/interact$/);
      await axe(page, 'interact');
      await page.click('main a[href="/interact/write/mailbox"]');
      await page.waitForURL(/\/interact\/write\/mailbox$/);
      await axe(page, 'write');
      // Nothing filled in: each field says why, nothing is lost.
      await page.fill('#f-body', '门前道路坑洼，请尽快修复。');
      await page.click('main form button[type=submit]');
      assert.equal(await page.inputValue('#f-body'), '门前道路坑洼，请尽快修复。', 'input kept');
      assert.ok(await page.isVisible('#e-title'), 'the title says why');
      await axe(page, 'write with errors');
      await page.selectOption('#f-category', { index: 1 });
      await page.selectOption('#f-region_code', { index: 1 });
      await page.fill('#f-title', '鼓楼区某路段路灯长期不亮');
      await page.fill('#f-body', '路灯已坏两周，夜间出行不便。联系电话 13912345678。');
      await page.check('#f-publish_ok');
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/my\/letters\/\d+/);
      letter = Number(page.url().match(/\/my\/letters\/(\d+)/)[1]);
      assert.match(await page.textContent('main'), /鼓楼区某路段路灯长期不亮/);
      await axe(page, 'my letter');
    });
  });

  test('信访局 transfers it to 公安局 with a reason, and 公安局 replies', async () => {
    await fresh();
    await run('transfer', async () => {
      await login(page, srv.url, 'xfj_admin', DEMO_PASSWORD);
      await page.goto(srv.url + '/staff/letters?channel=mailbox');
      await axe(page, 'staff letters');
      await page.goto(`${srv.url}/staff/letters/${letter}`);
      await axe(page, 'staff letter');
      // No reason: refused, with the reason field marked.
      const gaj = () => page.$eval('#f-department_id',
        (sel) => [...sel.options].find((o) => o.textContent.includes('公安局')).value);
      await page.selectOption('#f-department_id', await gaj());
      await page.click('button[name=op][value=transfer]');
      assert.equal(await page.getAttribute('#f-reason', 'aria-invalid'), 'true');
      await axe(page, 'transfer without a reason');
      await page.selectOption('#f-department_id', await gaj());
      await page.fill('#f-reason', '路灯治安照明属公安机关协调处理');
      await page.click('button[name=op][value=transfer]');
      await page.waitForLoadState();
    });
    await fresh();
    await run('reply', async () => {
      await login(page, srv.url, 'gaj_admin', DEMO_PASSWORD);
      await page.goto(`${srv.url}/staff/letters/${letter}`);
      assert.match(await page.textContent('main'), /路灯治安照明属公安机关协调处理/, 'the transfer reason is shown');
      await page.fill('#f-note', '已联系供电部门，路灯已于今日修复。');
      await page.click('button[name=op][value=reply]');
      await page.waitForLoadState();
      assert.match(await page.textContent('main'), /路灯已于今日修复/);
      await axe(page, 'staff letter replied');
    });
  });

  test('the citizen rates the reply and finds it published with the phone masked', async () => {
    await fresh();
    await run('rate', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.goto(`${srv.url}/my/letters/${letter}`);
      assert.match(await page.textContent('main'), /路灯已于今日修复/);
      await page.check('input[name=rating][value=satisfied]');
      await page.click('button[name=op][value=rate]');
      await page.waitForLoadState();
      await axe(page, 'my letter rated');
      await page.goto(`${srv.url}/interact/letters/${letter}`);
      const text = await page.textContent('main');
      assert.match(text, /路灯已于今日修复/, 'the reply is public');
      assert.match(text, /139\*{4}5678/, 'the phone number is masked');
      assert.ok(!text.includes('13912345678'), 'the full number is nowhere');
      await axe(page, 'public letter');
      await page.goto(srv.url + '/interact/mailbox');
      assert.match(await page.textContent('main'), /鼓楼区某路段路灯长期不亮/);
      await axe(page, 'public mailbox list');
      await page.goto(srv.url + '/interact/figures');
      await axe(page, 'figures');
    });
  });
});
