// A real browser (Debian's chromium through playwright-core): a citizen
// registers, logs in, switches language and logs out; a visitor browses the
// service catalogue by life event; staff reach the admin, item editor and
// audit pages; axe-core checks every page visited (no serious or
// critical violations). A screenshot is saved on failure.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, axe, failures } from '../lib/browser.mjs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

describe('browser', () => {
  let srv; let browser; let context; let page;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  async function fresh() {
    await context?.close();
    // bypassCSP lets the test inject axe-core; the page itself runs no script.
    context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
    page = await context.newPage();
  }

  async function step(name, fn) {
    try { await fn(); } catch (e) {
      mkdirSync(failures, { recursive: true });
      await page?.screenshot({ path: path.join(failures, `${name}.png`), fullPage: true }).catch(() => {});
      throw e;
    }
  }

  test('a citizen registers, logs in, switches language and logs out', async () => {
    await fresh();
    await step('citizen', async () => {
      await page.goto(srv.url + '/');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await axe(page, 'home');
      await page.goto(srv.url + '/register');
      await axe(page, 'register');
      await page.fill('#f-login', '13700001111');
      await page.fill('#f-display_name', '陈晨');
      await page.fill('#f-password', 'Chenchen2026');
      await page.fill('#f-password2', 'Different2026');
      await page.click('button[type=submit]');
      assert.match(await page.textContent('#e-password2'), /\S/);
      assert.equal(await page.inputValue('#f-display_name'), '陈晨', 'input kept');
      await axe(page, 'register with errors');
      await page.fill('#f-password', 'Chenchen2026');
      await page.fill('#f-password2', 'Chenchen2026');
      await page.click('button[type=submit]');
      await page.waitForURL(/\/login/);
      await axe(page, 'login');
      await page.fill('#f-login', '13700001111');
      await page.fill('#f-password', 'Chenchen2026');
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/my$/);
      assert.match(await page.textContent('main'), /137\*\*\*\*1111/);
      await axe(page, 'my account');
      await page.click('a[hreflang=en]');
      await page.waitForLoadState();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await page.textContent('header'), /Fuzhou/);
      await axe(page, 'my account (en)');
      await page.goto(srv.url + '/departments');
      await axe(page, 'departments (en)');
      await page.goto(srv.url + '/regions');
      await axe(page, 'regions (en)');
      await page.click('header form[action="/logout"] button');
      await page.waitForURL(srv.url + '/');
      assert.equal((await context.cookies()).find((c) => c.name === 'yw_session'), undefined);
    });
  });

  test('the service catalogue: life events, a guide, and the item editor', async () => {
    await fresh();
    await step('catalogue', async () => {
      await page.goto(srv.url + '/');
      await page.click('a[href="/life/birth"]');
      await page.waitForURL(/\/life\/birth$/);
      assert.match(await page.textContent('h1'), /出生/);
      await axe(page, 'life event');
      await page.click('a.service-name >> text=出生医学证明首次签发');
      await page.waitForURL(/\/services\/350100-wjw-20-\d{4}$/);
      assert.match(await page.textContent('main'), /申请材料/);
      await axe(page, 'service guide');
      await page.goto(srv.url + '/services');
      await axe(page, 'catalogue');
      await page.selectOption('#f-type', 'permit');
      await page.click('form.filter-form button[type=submit]');
      await page.waitForURL(/type=permit/);
      assert.match(await page.textContent('main'), /普通护照签发/);
      await axe(page, 'catalogue filtered');
      await page.goto(srv.url + '/services?event=travel');
      assert.match(await page.textContent('.error-summary'), /人生事件/);
      await axe(page, 'catalogue with a bad filter');
      // The header's search box, without JavaScript's help.
      await page.fill('#header-q', '出生医学证明');
      await page.click('form.header-search button');
      await page.waitForURL(/\/search\?q=/);
      assert.match(await page.textContent('.search-hits'), /出生医学证明首次签发/);
      await axe(page, 'search');
      await page.click('.search-facets a >> text=出生');
      await page.waitForURL(/event=birth/);
      await axe(page, 'search with a facet');
      await page.goto(srv.url + '/search?q=' + encodeURIComponent('无此事项'));
      assert.match(await page.textContent('.search-empty'), /没有找到/);
      await axe(page, 'search without hits');
      await page.goto(srv.url + '/search?q=' + 'a'.repeat(81));
      assert.match(await page.textContent('.error-summary'), /搜索词/);
      await axe(page, 'search too long');
      await page.goto(srv.url + '/lang/en?next=/services/350100-gaj-07-0001');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await page.textContent('h1'), /newborn/);
      await axe(page, 'service guide (en)');
      await page.goto(srv.url + '/life/business-start');
      await axe(page, 'life event (en)');
      await page.goto(srv.url + '/search?q=passport');
      assert.match(await page.textContent('main'), /Issuing an ordinary passport/);
      await axe(page, 'search (en)');
      await page.goto(srv.url + '/lang/zh-CN?next=/');

      await page.goto(srv.url + '/login');
      await page.fill('#f-login', 'gaj_admin');
      await page.fill('#f-password', DEMO_PASSWORD);
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/my$/);
      await page.goto(srv.url + '/admin/services');
      assert.match(await page.textContent('main'), /100%/);
      await axe(page, 'admin services');
      await page.click('a[href^="/admin/services/"]:not([href$="new"])');
      await page.waitForURL(/\/admin\/services\/\d+$/);
      await axe(page, 'admin service edit');
      await page.fill('#f-promised_days', '99');
      await page.fill('#f-material_4_name', '');
      await page.fill('#f-material_4_description', '没有名称的材料');
      await page.click('main form button[type=submit]');
      assert.match(await page.textContent('#e-promised_days'), /\S/);
      assert.match(await page.textContent('#e-material_4_name'), /\S/);
      assert.equal(await page.inputValue('#f-material_4_description'), '没有名称的材料', 'input kept');
      await axe(page, 'admin service edit with errors');
      await page.goto(srv.url + '/admin/services/new');
      await axe(page, 'admin service new');
      await page.fill('#f-name', '浏览器新建事项');
      await page.selectOption('#f-item_type', 'public_service');
      await page.check('#f-event_birth');
      await page.fill('#f-steps', '申请\n办结');
      await page.fill('#f-material_1_name', '居民身份证');
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/admin\/services\/\d+\?saved=1$/);
      assert.match(await page.textContent('main'), /保存成功/);
      assert.equal(await page.isChecked('#f-event_birth'), true);
      await axe(page, 'admin service saved');
    });
  });

  test('works without JavaScript', async () => {
    await context?.close();
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    await step('nojs', async () => {
      await page.goto(srv.url + '/login');
      await page.fill('#f-login', '13800138000');
      await page.fill('#f-password', 'Citizen2026demo');
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/my$/);
      assert.match(await page.textContent('main'), /张三/);
    });
  });

  test('staff pages: admin and audit are accessible', async () => {
    await fresh();
    await step('staff', async () => {
      await page.goto(srv.url + '/login');
      await page.fill('#f-login', 'admin');
      await page.fill('#f-password', DEMO_PASSWORD);
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/my$/);
      for (const p of ['/admin', '/admin/regions', '/admin/regions/350102000000', '/admin/departments',
        '/admin/departments/new', '/admin/staff', '/admin/staff/new', '/audit', '/nope',
        '/calendar', '/admin/calendar', '/admin/calendar/2026', '/admin/calendar/new',
        '/staff/supervision', '/staff/overdue', '/staff/overdue?region=350102000000', '/my/messages',
        '/staff/letters', '/staff/letters/settings',
        '/staff/data/resources', '/staff/data/resources/new', '/staff/data/resources/wjw-0001',
        '/staff/data/resources/wjw-0001/edit', '/staff/data/requests', '/staff/data/keys',
        '/admin/open311/keys']) {
        await page.goto(srv.url + p);
        await axe(page, p);
      }
      // The calendar form refusing a working "weekend" on a Wednesday.
      await page.goto(srv.url + '/admin/calendar/2026');
      await page.fill('#f-w7', '2026-03-04');
      await page.click('main form.form button[type=submit]');
      assert.match(await page.textContent('#e-w7'), /星期六或星期日/);
      assert.equal(await page.inputValue('#f-w7'), '2026-03-04', 'input kept');
      await axe(page, 'admin calendar with errors');
      // An Open311 key issued without JavaScript, shown once, and the form's error state.
      await page.goto(srv.url + '/admin/open311/keys');
      await page.click('main form.form button[type=submit]');
      assert.match(await page.textContent('#e-name'), /必填/);
      await axe(page, 'open311 keys with errors');
      await page.fill('#f-name', '浏览器客户端');
      await page.click('main form.form button[type=submit]');
      assert.match(await page.textContent('#new-key'), /^ywo_/);
      await axe(page, 'open311 key shown once');
      await page.goto(srv.url + '/admin/staff/new');
      await page.fill('#f-login', 'browser_made');
      await page.fill('#f-display_name', '浏览器创建');
      await page.fill('#f-password', 'Browser2026x');
      await page.check('input[name=role_publisher]');
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/admin\/staff\/\d+/);
      await page.goto(srv.url + '/audit?action=staff.create');
      assert.match(await page.textContent('main'), /staff\.create/);
    });
    // A data steward of another department asks 卫健委 for its records.
    await fresh();
    await step('steward', async () => {
      await page.goto(srv.url + '/login');
      await page.fill('#f-login', 'scjg_steward');
      await page.fill('#f-password', DEMO_PASSWORD);
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/my$/);
      for (const p of ['/staff/data/resources', '/staff/data/resources/wjw-0001',
        '/staff/data/requests', '/staff/data/keys', '/staff/data/resources/wjw-0001/request']) {
        await page.goto(srv.url + p);
        await axe(page, `steward ${p}`);
      }
      await page.click('main form button[type=submit]');
      assert.equal(await page.getAttribute('#f-purpose', 'aria-invalid'), 'true', 'the purpose says why');
      await axe(page, 'sharing request with errors');
    });
  });
});
