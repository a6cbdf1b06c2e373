// The consultation knowledge base in a real browser: the public search
// and an entry's page; a citizen writing a consultation sees a matching
// answer without JavaScript (the first send shows it above the filled
// form, the second sends) and with it (as they type, in a live region,
// under the page's CSP); a department keeps its answers. axe-core on
// every page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, axe, step, login } from '../lib/browser.mjs';
import { assertErrorLinks } from '../lib/html.mjs';

describe('the consultation knowledge base', () => {
  let srv; let browser; let context; let page;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  // bypassCSP lets the test inject axe-core, which needs scripts on: the
  // pages' own script is kept out instead for the path without it. The
  // script test runs without bypassCSP, so the page's policy applies.
  async function fresh(opts, pageScript = true) {
    await context?.close();
    context = await browser.newContext(opts);
    if (!pageScript) await context.route('**/static/kb_suggest.js', (r) => r.abort());
    page = await context.newPage();
  }
  const run = (name, fn) => step(page, 'knowledge', name, fn);

  test('search, an entry, and suggestions on the consultation form without its script', async () => {
    await fresh({ javaScriptEnabled: true, bypassCSP: true }, false);
    await run('search', async () => {
      await page.goto(srv.url + '/interact');
      await page.click('main a[href="/interact/knowledge"]');
      await page.waitForURL(/\/interact\/knowledge$/);
      await axe(page, 'knowledge');
      await page.fill('#f-q', '公积金');
      await page.click('main form button[type=submit]');
      await page.waitForURL(/q=/);
      assert.ok(await page.locator('main .search-hit mark').count() > 0, 'matches are marked');
      await axe(page, 'knowledge results');
      await page.click('main .search-hit a >> nth=0');
      await page.waitForURL(/\/interact\/knowledge\/a\d+$/);
      assert.match(await page.textContent('#kb-answer'), /公积金/);
      await axe(page, 'knowledge entry');
    });
    await run('suggest', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.goto(srv.url + '/interact/write/consult');
      await axe(page, 'write consult');
      await page.selectOption('#f-category', 'social_security');
      await page.selectOption('#f-region_code', { index: 1 });
      await page.fill('#f-title', '我的社保卡丢了怎么办');
      await page.fill('#f-body', '上周丢了社保卡，想知道怎么补。');
      await page.click('main form button[value=send]');
      await page.waitForSelector('#kb-suggestions');
      assert.match(await page.textContent('#kb-suggestions'), /社保卡丢了怎么补办/);
      assert.equal(await page.inputValue('#f-title'), '我的社保卡丢了怎么办', 'the title is kept');
      assert.equal(await page.inputValue('#f-body'), '上周丢了社保卡，想知道怎么补。', 'the text is kept');
      assert.equal(await page.inputValue('#f-category'), 'social_security');
      await axe(page, 'write consult with suggestions');
      // Not answered there: send anyway.
      await page.click('main form button[value=send]');
      await page.waitForURL(/\/my\/letters\/\d+/);
      assert.match(await page.textContent('main'), /我的社保卡丢了怎么办/);
    });
  });

  test('with JavaScript, answers appear as the citizen types', async () => {
    await fresh({ javaScriptEnabled: true });
    const csp = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) csp.push(m.text()); });
    await run('live', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.goto(srv.url + '/interact/write/consult');
      assert.equal(await page.getAttribute('#kb-live', 'aria-live'), 'polite');
      await page.selectOption('#f-category', 'housing');
      await page.selectOption('#f-region_code', { index: 1 });
      await page.type('#f-title', '租房提取公积金', { delay: 30 });
      await page.waitForSelector('#kb-live a');
      assert.match(await page.textContent('#kb-live'), /租房可以提取公积金吗/);
      assert.equal(await page.inputValue('#f-title'), '租房提取公积金', 'nothing typed is touched');
      await page.fill('#f-body', '请问租房怎么提取公积金？');
      // Suggestions were shown: the first send sends.
      await page.click('main form button[value=send]');
      await page.waitForURL(/\/my\/letters\/\d+/);
      assert.deepEqual(csp, [], 'no CSP violations');
    });
  });

  test('a department keeps its answers', async () => {
    await fresh({ javaScriptEnabled: true, bypassCSP: true }, false);
    await run('staff', async () => {
      await login(page, srv.url, 'zjj_handler', DEMO_PASSWORD);
      await page.goto(srv.url + '/staff/knowledge');
      assert.match(await page.textContent('main'), /住房公积金怎么提取/);
      await axe(page, 'staff knowledge');
      await page.click('main a[href="/staff/knowledge/new"]');
      await page.fill('#f-answer', '可在线办理。');
      await page.click('main form button[value=save]');
      assert.equal(await page.inputValue('#f-answer'), '可在线办理。', 'input kept');
      assertErrorLinks(await page.content(), 'new answer');
      await axe(page, 'new answer with errors');
      await page.selectOption('#f-category', 'housing');
      await page.fill('#f-question', '公积金贷款可以提前还款吗？');
      await page.click('main form button[value=save]');
      await page.waitForURL(/\/staff\/knowledge\/\d+\?done=kb_saved/);
      await axe(page, 'answer saved');
    });
  });
});
