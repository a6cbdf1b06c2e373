// A real browser (Debian's chromium through playwright-core): a citizen
// registers, logs in, switches language and logs out; staff reach the admin
// and audit pages; axe-core checks every page visited (no serious or
// critical violations). A screenshot is saved on failure.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, root, DEMO_PASSWORD } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const failures = path.join(root, 'tests/browser/failures');

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: accessibility violations ${JSON.stringify(bad, null, 1)}`);
}

describe('browser', () => {
  let srv; let browser; let context; let page;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
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
        '/admin/departments/new', '/admin/staff', '/admin/staff/new', '/audit', '/nope']) {
        await page.goto(srv.url + p);
        await axe(page, p);
      }
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
  });
});
