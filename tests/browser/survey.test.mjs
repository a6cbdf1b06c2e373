// Online surveys in a real browser: a citizen finds the open survey from
// /interact, submits it with a required question left out (the error
// names it, the answers stay), then properly, and reads the charts of a
// closed survey; the department's staff open the builder, add a question
// without JavaScript help and see its errors. axe-core on every page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, axe, step, login } from '../lib/browser.mjs';

describe('online surveys', () => {
  let srv; let browser; let context; let page;
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
  const run = (name, fn) => step(page, 'survey', name, fn);

  test('a citizen answers a survey, then reads a closed survey\'s charts', async () => {
    await fresh();
    await run('answer', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.goto(srv.url + '/interact');
      await page.click('main a[href="/interact/surveys"]');
      await page.waitForURL(/\/interact\/surveys$/);
      await axe(page, 'surveys');
      await page.click('main a:has-text("2027 年民生实事项目征集调查")');
      await page.waitForURL(/\/interact\/surveys\/\d+$/);
      await axe(page, 'survey');
      // The first question (required) left out: named, the rest kept.
      await page.locator('fieldset:has(legend:has-text("总体满意度")) input[value="4"]').check();
      await page.locator('textarea').first().fill('希望增加社区养老服务点。');
      await page.click('main form button[type=submit]');
      const summary = page.locator('.error-summary');
      assert.match(await summary.textContent(), /您最关注的民生领域/);
      assert.equal(await page.locator('textarea').first().inputValue(), '希望增加社区养老服务点。', 'text kept');
      assert.ok(await page.locator('fieldset:has(legend:has-text("总体满意度")) input[value="4"]').isChecked(), 'grade kept');
      await axe(page, 'survey with errors');
      // The summary's link leads to the question.
      const href = await summary.locator('a').first().getAttribute('href');
      assert.equal(await page.locator(href).count(), 1);
      await page.locator('label:has-text("养老")').click();
      await page.click('main form button[type=submit]');
      await page.waitForURL(/done=survey_answered/);
      assert.match(await page.textContent('main'), /感谢参与/);
      assert.match(await page.textContent('main'), /您已经参与过本调查/);
      await axe(page, 'answered');
    });
    await run('results', async () => {
      await page.goto(srv.url + '/interact/surveys');
      await page.click('main a:has-text("社保经办服务满意度调查")');
      await page.click('main a[href$="/results"]');
      await page.waitForURL(/\/results$/);
      const charts = page.locator('svg[role=img]');
      assert.equal(await charts.count(), 3, 'a chart per choice or rating question');
      assert.ok(await charts.first().isVisible());
      assert.match(await charts.first().locator('title').textContent(), /办理社保业务的方式/);
      assert.match(await page.locator('table').first().textContent(), /%/);
      assert.match(await page.textContent('main'), /文字回答不公开/);
      await axe(page, 'results');
    });
  });

  test('the department builds a survey without JavaScript', async () => {
    await fresh();
    await run('builder', async () => {
      await login(page, srv.url, 'rsj_admin', DEMO_PASSWORD);
      await page.goto(srv.url + '/staff/surveys');
      await axe(page, 'staff surveys');
      await page.click('main a[href="/staff/surveys/new"]');
      await axe(page, 'new survey');
      await page.fill('#f-title', '就业服务调查');
      await page.click('button[name=op][value=add]');
      await page.fill('#f-q1_text', '您是否参加过职业培训');
      await page.fill('#f-q1_options', '是');
      await page.click('.form-actions button[name=op][value=save]');
      assert.equal(await page.inputValue('#f-title'), '就业服务调查', 'input kept');
      assert.equal(await page.getAttribute('#f-q1_options', 'aria-invalid'), 'true');
      assert.match(await page.textContent('.error-summary'), /问题 1 选项/);
      await axe(page, 'builder with errors');
      await page.goto(srv.url + '/interact/surveys');
      await page.click('main a:has-text("社保经办服务满意度调查")');
      await page.click('main a[href$="/results"]');
      assert.match(await page.textContent('main'), /139\*\*\*\*5678/, 'staff read the free text, masked');
      await axe(page, 'staff results');
    });
  });
});
