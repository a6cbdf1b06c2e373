// The journey of issue 3 in a real browser: a new citizen finds
// 新生儿出生一件事 from the life-event page, applies with an attachment, the
// departments' staff each accept and approve their task, and the citizen
// sees the case complete and rates it. axe-core checks every page visited
// (no serious or critical violations). A screenshot is saved on failure.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, axe, failures } from '../lib/browser.mjs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

describe('the journey of 新生儿出生一件事', () => {
  let srv; let browser; let context; let page; let scan;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
    scan = path.join(tmpdir(), `出生信息登记表-${process.pid}.pdf`);
    writeFileSync(scan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  async function fresh() {
    await context?.close();
    // bypassCSP lets the test inject axe-core; the pages' own script is
    // /static/apply.js, allowed by the policy.
    context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
    page = await context.newPage();
  }

  async function step(name, fn) {
    try { await fn(); } catch (e) {
      mkdirSync(failures, { recursive: true });
      await page?.screenshot({ path: path.join(failures, `journey-${name}.png`), fullPage: true }).catch(() => {});
      throw e;
    }
  }

  async function login(who, password) {
    await page.goto(srv.url + '/login');
    await page.fill('#f-login', who);
    await page.fill('#f-password', password);
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/my$/);
  }

  let tracking;

  test('a new citizen finds the bundle from the life-event page and applies with an attachment', async () => {
    await fresh();
    await step('apply', async () => {
      await page.goto(srv.url + '/register');
      await page.fill('#f-login', '13600136000');
      await page.fill('#f-display_name', '林晓');
      await page.fill('#f-password', 'Linxiao2026');
      await page.fill('#f-password2', 'Linxiao2026');
      await page.click('main button[type=submit]');
      await page.waitForURL(/\/login/);
      await login('13600136000', 'Linxiao2026');

      await page.goto(srv.url + '/');
      await page.click('main a[href="/life/birth"]');
      await page.waitForURL(/\/life\/birth$/);
      await axe(page, 'life event birth');
      // The life-event page links the bundle once it shows
      // templates/case/life_bundles; until then its navigation does.
      const direct = await page.$('main a[href="/bundles/birth"]');
      if (direct) await direct.click();
      else {
        await page.click('nav a[href="/bundles"]');
        await page.waitForURL(/\/bundles$/);
        await axe(page, 'bundles');
        await page.click('main a[href="/bundles/birth"]');
      }
      await page.waitForURL(/\/bundles\/birth$/);
      assert.match(await page.textContent('h1'), /新生儿出生一件事/);
      await axe(page, 'bundle birth');
      await page.click('main a[href="/apply/bundle/birth"]');
      await page.waitForURL(/\/apply\/bundle\/birth$/);
      await axe(page, 'apply form');

      await page.fill('#f-child_name', '林小雨');
      await page.check('#f-child_gender-1');
      await page.fill('#f-child_birth_date', '2026-01-15');
      await page.fill('#f-birth_hospital', '福建省妇幼保健院');
      await page.fill('#f-applicant_name', '林晓');
      await page.fill('#f-applicant_idnum', '11010519491231002X');
      await page.check('#f-relation-1');
      await page.fill('#f-phone', '13600136000');
      await page.selectOption('#f-hukou_region', '350102000000');
      await page.fill('#f-hukou_address', '鼓楼区五四路 1 号');
      await page.selectOption('#f-bank', 'boc');
      await page.fill('#f-mail_address', '福州市鼓楼区五四路 1 号');
      await page.click('#apply-form button[value=save]');
      await page.waitForURL(/\/apply\/draft\/\d+\?done=draft_saved/);
      assert.equal(await page.inputValue('#f-child_name'), '林小雨', 'the draft keeps the values');
      await axe(page, 'draft');

      // Submitting without the required record names it and keeps the rest.
      await page.click('button[form=apply-form][value=submit]');
      await page.waitForSelector('#e-birth_record');
      assert.equal(await page.inputValue('#f-hukou_address'), '鼓楼区五四路 1 号');
      await axe(page, 'draft with errors');

      await page.setInputFiles('#f-birth_record', scan);
      await page.click('form.upload-form:has(#f-birth_record) button[type=submit]');
      await page.waitForURL(/\?done=uploaded/);
      assert.match(await page.textContent('main'), /出生信息登记表/);
      await axe(page, 'draft with the file');

      await page.click('button[form=apply-form][value=submit]');
      await page.waitForURL(/\/cases\/\d+\?done=submitted/);
      tracking = (await page.textContent('.tracking')).trim();
      assert.match(tracking, /^350100-\d{8}-\d{6}$/);
      await axe(page, 'case submitted');
      await page.goto(srv.url + '/my/cases');
      assert.match(await page.textContent('main'), new RegExp(tracking));
      await axe(page, 'my applications');
    });
  });

  test('each department accepts, reviews, approves and completes its task', async () => {
    // Stage 1 runs in parallel; the social security card follows.
    for (const who of ['wjw_handler', 'gaj_handler', 'ybj_handler', 'rsj_handler']) {
      await fresh();
      await step(`staff-${who}`, async () => {
        await login(who, DEMO_PASSWORD);
        await page.click('nav a[href="/staff/queue"]');
        await page.waitForURL(/\/staff\/queue$/);
        await axe(page, `${who} queue`);
        await page.click(`main a:text("${tracking}")`);
        await page.waitForURL(/\/staff\/tasks\/\d+$/);
        assert.match(await page.textContent('main'), /出生信息登记表/, 'staff see the attachment');
        await axe(page, `${who} task`);
        for (const ev of ['accept', 'review', 'approve', 'complete']) {
          await page.click(`button[name=event][value=${ev}]`);
          await page.waitForURL(new RegExp(`done=${ev}$`));
          if (ev === 'approve' && who === 'wjw_handler') {
            // The health commission issues the birth certificate itself.
            await page.setInputFiles('#f-result', { name: 'birth-certificate.pdf',
              mimeType: 'application/pdf', buffer: readFileSync(scan) });
            await page.click('form[action$="/results"] button[type=submit]');
            await page.waitForURL(/done=result$/);
            assert.match(await page.textContent('#results-title + *'), /birth-certificate\.pdf/);
            await axe(page, `${who} task with a result`);
          }
        }
        await axe(page, `${who} task completed`);
      });
    }
  });

  test('the citizen sees the case complete and rates it', async () => {
    await fresh();
    await step('rate', async () => {
      await login('13600136000', 'Linxiao2026');
      await page.click('nav a[href="/my/cases"]');
      await page.click(`main a:text("${tracking}")`);
      await page.waitForURL(/\/cases\/\d+$/);
      assert.match(await page.textContent('.case-status'), /已办结/);
      const result = page.locator('main a', { hasText: 'birth-certificate.pdf' });
      const pdf = await page.request.get(new URL(await result.getAttribute('href'), srv.url).href);
      assert.equal(pdf.status(), 200, 'the applicant downloads the result document');
      assert.match((await pdf.body()).toString('latin1'), /^%PDF-/);
      await axe(page, 'case completed');
      await page.goto(srv.url + '/my/messages');
      assert.match(await page.textContent('main'), new RegExp(tracking), 'status changes reach the message centre');
      await axe(page, 'my messages');
      await page.goto(srv.url + '/my/cases');
      await page.click(`main a:text("${tracking}")`);
      await page.waitForURL(/\/cases\/\d+$/);
      await page.check('#f-grade');
      await page.fill('#f-comment', '一次提交，全程网办，很方便。');
      await page.click('button[name=op][value=rate]');
      await page.waitForURL(/done=rate$/);
      assert.match(await page.textContent('main'), /很方便/);
      await axe(page, 'case rated');
      await page.click('a[hreflang=en]');
      await page.waitForLoadState();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await axe(page, 'case rated (en)');
      await page.goto(`${srv.url}/track?tracking=${tracking}&phone=13600136000`);
      assert.match(await page.textContent('main'), new RegExp(tracking));
      await axe(page, 'track (en)');
    });
  });

  test('applying works without JavaScript', async () => {
    await context?.close();
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    await step('nojs', async () => {
      await login('13600136000', 'Linxiao2026');
      await page.goto(srv.url + '/apply/bundle/retirement');
      await page.fill('#f-applicant_name', '林晓');
      await page.click('#apply-form button[value=save]');
      await page.waitForURL(/\/apply\/draft\/\d+\?done=draft_saved/);
      assert.equal(await page.inputValue('#f-applicant_name'), '林晓');
      await page.setInputFiles('#f-id_scan', scan);
      await page.click('form.upload-form:has(#f-id_scan) button[type=submit]');
      await page.waitForURL(/\?done=uploaded/);
      assert.equal(await page.inputValue('#f-applicant_name'), '林晓');
    });
  });
});
