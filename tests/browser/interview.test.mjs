// An online interview in a real browser: 人社局 creates one that is live
// now (first with nothing filled in), a citizen finds it from /interact and
// asks a question, staff approve and answer it in a guest's name, and the
// citizen's open page shows the answer by itself (static/interview.js
// polling the JSON). The demo's past interview reads as a transcript.
// axe-core on every page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, axe, step, login } from '../lib/browser.mjs';

// Beijing wall time minutes from now, as a datetime-local input takes it.
function local(minutes) {
  return new Date(Date.now() + 8 * 3600e3 + minutes * 60e3).toISOString().slice(0, 16);
}

describe('an online interview', () => {
  let srv; let browser; let staff; let citizen; let id;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
    // bypassCSP lets the test inject axe-core; the page's own script is
    // a static file the policy allows.
    staff = await (await browser.newContext({ bypassCSP: true })).newPage();
    citizen = await (await browser.newContext({ bypassCSP: true })).newPage();
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  test('人社局 creates an interview that is live now', async () => {
    await step(staff, 'interview', 'create', async () => {
      await login(staff, srv.url, 'rsj_admin', DEMO_PASSWORD);
      await staff.goto(srv.url + '/staff/interviews');
      await axe(staff, 'staff interviews');
      await staff.click('main a[href="/staff/interviews/new"]');
      await axe(staff, 'new interview');
      await staff.fill('#f-topic', '社保卡服务');
      await staff.click('main form button[type=submit]');
      assert.ok(await staff.isVisible('#e-title'), 'the title says why');
      assert.equal(await staff.inputValue('#f-topic'), '社保卡服务', 'input kept');
      await axe(staff, 'new interview with errors');
      await staff.fill('#f-title', '社保卡服务在线访谈');
      await staff.fill('#f-starts', local(-5));
      await staff.fill('#f-ends', local(60));
      await staff.fill('#f-guest_name_1', '王建华');
      await staff.fill('#f-guest_title_1', '局长');
      await staff.click('main form button[type=submit]');
      await staff.waitForURL(/\/staff\/interviews\/\d+/);
      id = Number(staff.url().match(/\/staff\/interviews\/(\d+)/)[1]);
      await axe(staff, 'interview desk');
    });
  });

  test('a citizen asks, staff approve and answer, the citizen sees the answer', async () => {
    await step(citizen, 'interview', 'ask', async () => {
      await login(citizen, srv.url, CITIZEN.login, CITIZEN.password);
      await citizen.goto(srv.url + '/interact');
      await citizen.click('main a[href="/interact/interviews"]');
      await citizen.waitForURL(/\/interact\/interviews$/);
      await axe(citizen, 'interviews');
      await citizen.click(`main a[href="/interact/interviews/${id}"]`);
      await axe(citizen, 'live interview');
      await citizen.fill('#f-body', '社保卡丢了怎么补办？');
      await citizen.click('#ask button[type=submit]');
      await citizen.waitForURL(new RegExp(`/interact/interviews/${id}\\?done=interview_asked`));
      assert.match(await citizen.textContent('#mine'), /社保卡丢了怎么补办？/);
      assert.match(await citizen.textContent('#mine'), /待审核/);
      await axe(citizen, 'after asking');
    });
    await step(staff, 'interview', 'answer', async () => {
      await staff.goto(`${srv.url}/staff/interviews/${id}`);
      await staff.click('main form button[value=approve]');
      await staff.waitForURL(/done=interview_approve/);
      await axe(staff, 'desk after approving');
      await staff.fill('textarea[name=answer]', '可在社保服务窗口或本平台申请补办，立等可取。');
      await staff.click('main form button[value=answer]');
      await staff.waitForURL(/done=interview_answer/);
    });
    await step(citizen, 'interview', 'sees the answer', async () => {
      // The page the citizen left open updates itself.
      await citizen.waitForSelector('#answers li', { timeout: 25000 });
      const text = await citizen.textContent('#answers');
      assert.match(text, /社保卡丢了怎么补办？/);
      assert.match(text, /局长 王建华/);
      assert.match(text, /立等可取/);
      assert.match(text, /张\*/, 'the asker is masked');
      await axe(citizen, 'live interview with an answer');
    });
  });

  test('the past interview reads as a transcript', async () => {
    await step(citizen, 'interview', 'transcript', async () => {
      await citizen.goto(srv.url + '/interact/interviews');
      await citizen.click('section[aria-labelledby=past-title] a');
      assert.match(await citizen.textContent('#qa-title'), /访谈实录/);
      assert.ok(await citizen.$$eval('#answers li', (l) => l.length) > 0);
      assert.equal(await citizen.$('#f-body'), null, 'no questions after the end');
      await axe(citizen, 'transcript');
    });
  });
});
