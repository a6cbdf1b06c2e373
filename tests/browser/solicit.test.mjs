// Opinion solicitation in a real browser: a citizen finds the open draft
// from /interact, comments on one clause (an over-long comment is refused
// with the text and the clause kept), 人社局 refuses to reject it without
// a reason and then approves it, and the comment appears on the public
// page with the name masked. Staff also open the draft form and the
// feedback form of the overdue demo draft. axe-core on every page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, axe, step, login } from '../lib/browser.mjs';

const COMMENT = '建议第二条写明缴费基数每年几月份可以调整。';

describe('commenting on a draft', () => {
  let srv; let browser; let context; let page; let draftUrl;
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
  const run = (name, fn) => step(page, 'solicit', name, fn);

  test('a citizen comments on a clause', async () => {
    await fresh();
    await run('comment', async () => {
      await login(page, srv.url, CITIZEN.login, CITIZEN.password);
      await page.goto(srv.url + '/interact');
      await axe(page, 'interact');
      await page.click('main a[href="/interact/solicitations"]');
      await page.waitForURL(/\/interact\/solicitations$/);
      await axe(page, 'solicitations');
      await page.click('main a:has-text("灵活就业人员参加社会保险办法")');
      await page.waitForURL(/\/interact\/solicitations\/\d+$/);
      draftUrl = page.url();
      await axe(page, 'solicitation');
      await page.click('#clause-2 a[href="?clause=2#comment-form"]');
      assert.equal(await page.inputValue('#f-clause'), '2', 'the clause is chosen');
      // Too long: refused, with what was typed and the clause kept.
      const long = '长'.repeat(2001);
      await page.fill('#f-body', long);
      await page.click('#comment-form button[type=submit]');
      assert.ok(await page.isVisible('#e-body'), 'the comment says why');
      assert.equal(await page.getAttribute('#f-body', 'aria-invalid'), 'true');
      assert.equal((await page.inputValue('#f-body')).length, 2001, 'the text kept');
      assert.equal(await page.inputValue('#f-clause'), '2', 'the clause kept');
      await axe(page, 'comment refused');
      await page.fill('#f-body', COMMENT);
      await page.click('#comment-form button[type=submit]');
      await page.waitForURL(/done=solicit_comment/);
      assert.match(await page.textContent('main .notice'), /审核通过后公开/);
      assert.ok(!(await page.textContent('main')).includes(COMMENT), 'not shown before approval');
      await axe(page, 'comment sent');
    });
  });

  test('人社局 approves it and it appears', async () => {
    await fresh();
    await run('moderate', async () => {
      await login(page, srv.url, 'rsj_admin', DEMO_PASSWORD);
      await page.goto(srv.url + '/interact');
      await page.click('main a[href="/staff/solicitations"]');
      await page.waitForURL(/\/staff\/solicitations$/);
      assert.match(await page.textContent('main'), /采纳情况逾期未公布/, 'the overdue draft is flagged');
      await axe(page, 'staff solicitations');
      const id = draftUrl.match(/(\d+)$/)[1];
      await page.click(`main a[href="/staff/solicitations/${id}"]`);
      await page.waitForURL(new RegExp(`/staff/solicitations/${id}$`));
      await axe(page, 'staff solicitation');
      const card = page.locator('article', { hasText: COMMENT });
      // Not published without a reason.
      await card.locator('button[value=reject]').click();
      const reason = page.locator('article', { hasText: COMMENT }).locator('textarea[name=reason]');
      assert.equal(await reason.getAttribute('aria-invalid'), 'true', 'a reason is asked for');
      assert.ok(await page.isVisible('.error-summary'));
      await axe(page, 'reject without a reason');
      await page.locator('article', { hasText: COMMENT }).locator('button[value=approve]').click();
      await page.waitForURL(/done=solicit_approve/);
      await axe(page, 'approved');
      // The draft form and its errors.
      await page.goto(srv.url + '/staff/solicitations/new');
      await axe(page, 'new draft');
      await page.fill('#f-title', '某某办法（征求意见稿）');
      await page.click('main form button[type=submit]');
      assert.equal(await page.inputValue('#f-title'), '某某办法（征求意见稿）', 'input kept');
      assert.equal(await page.getAttribute('#f-clauses', 'aria-invalid'), 'true');
      await axe(page, 'new draft with errors');
      // The feedback form of the overdue draft.
      await page.goto(srv.url + '/staff/solicitations');
      await page.click('main tr:has-text("采纳情况逾期未公布") a');
      assert.ok(await page.isVisible('select[name=outcome_1]'), 'a clause with comments asks for its outcome');
      await axe(page, 'feedback form');
    });
  });

  test('the approved comment is public, the name masked', async () => {
    await fresh();
    await run('public', async () => {
      await page.goto(draftUrl);
      const clause = await page.textContent('#clause-2');
      assert.ok(clause.includes(COMMENT), 'shown under its clause');
      assert.ok(clause.includes('张*') && !clause.includes('张三'), 'the name masked');
      assert.ok(await page.isVisible('a[href^="/login?next=/interact/solicitations/"]'), 'log in to comment');
      await axe(page, 'public with the comment');
    });
  });
});
