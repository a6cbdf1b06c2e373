// Opinion solicitation through the pages and the API, on each backend: a
// department drafts, edits (only before opening) and publishes; a citizen
// comments on a clause (a double submit makes one comment, unsafe HTML
// stays text); staff of the department moderate (a rejection needs a
// reason), other departments' staff and citizens cannot; a comment after
// closing is refused with the text kept; feedback on an overdue
// solicitation; every change audited.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  return c;
}

// A day in Asia/Shanghai, d days from today, as YYYY-MM-DD.
const day = (d) => new Date(Date.now() + 8 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

async function form(c, path) {
  const html = await (await c.get(path)).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const token = html.match(/name="token" value="([^"]+)"/)?.[1];
  return { csrf, token, html };
}

async function draft(c, fields = {}) {
  const { csrf, token } = await form(c, '/staff/solicitations/new');
  const res = await c.post('/staff/solicitations/new', { csrf, token, title: '测试办法（征求意见稿）',
    summary: '起草说明。', clauses: '第一条内容。\n\n第二条内容，\n续行。\n\n\n第三条内容。',
    opens_on: day(0), closes_on: day(10), feedback_days: '', ...fields });
  return res;
}

const idOf = (res) => Number(res.headers.get('location').match(/^\/staff\/solicitations\/(\d+)/)[1]);

async function staffAct(c, id, fields) {
  const { csrf } = await form(c, `/staff/solicitations/${id}`);
  return c.post(`/staff/solicitations/${id}`, { csrf, ...fields });
}

async function comment(c, id, fields) {
  const { csrf, token } = await form(c, `/interact/solicitations/${id}`);
  assert.ok(token, 'the comment form has its token');
  return { token, send: (more = {}) => c.post(`/interact/solicitations/${id}`, { csrf, token, ...fields, ...more }) };
}


for (const backend of backends()) {
  describe(`solicitations on ${backend}`, () => {
    let srv; let rsj; let citizen; let anon;
    const get = (p) => fetch(srv.url + p);
    before(async () => {
      srv = await startServer(backend);
      [rsj, citizen] = await Promise.all([login(srv.url, 'rsj_admin'), login(srv.url, CITIZEN.login, CITIZEN.password)]);
      anon = new Client(srv.url);
    });
    after(async () => { await srv?.stop(); });

    test('draft, publish, edit only before opening; drafts are not public', async () => {
      const bad = await draft(rsj, { title: '', opens_on: day(5), closes_on: day(1), clauses: '\n\n' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      for (const f of ['title', 'clauses', 'closes_on']) assert.match(html, new RegExp(`href="#f-${f}"`), `${f} named`);
      assert.match(html, new RegExp(`value="${day(5)}"`), 'input kept');
      const made = await draft(rsj);
      assert.equal(made.status, 303);
      const id = idOf(made);
      assert.equal((await get(`/interact/solicitations/${id}`)).status, 404, 'a draft is not public');
      assert.equal((await get(`/api/v1/interact/solicitations/${id}`)).status, 404);
      const staffView = await (await rsj.get(`/staff/solicitations/${id}`)).text();
      assert.match(staffView, /第二条内容，\n续行。/, 'a block of lines is one clause');
      assert.match(staffView, /id="sc-3"/, 'three clauses');
      assert.doesNotMatch(staffView, /id="sc-4"/);
      assert.equal((await staffAct(rsj, id, { op: 'publish' })).status, 303);
      const pub = await (await get(`/api/v1/interact/solicitations/${id}`)).json();
      assert.equal(pub.solicitation.phase, 'open');
      assert.equal(pub.solicitation.clauses.length, 3);
      assert.equal(pub.solicitation.feedback_days, 15, 'the default feedback limit');
      const list = await (await get('/api/v1/interact/solicitations')).json();
      assert.ok(list.open.some((s) => s.id === id));
      // Open now: no more edits.
      assert.equal((await rsj.get(`/staff/solicitations/${id}/edit`)).status, 409);
      // Opening tomorrow: editable until then.
      const later = idOf(await draft(rsj, { opens_on: day(1), closes_on: day(20), feedback_days: '10' }));
      assert.equal((await staffAct(rsj, later, { op: 'publish' })).status, 303);
      assert.equal((await (await get(`/api/v1/interact/solicitations/${later}`)).json()).solicitation.phase, 'upcoming');
      const edit = await form(rsj, `/staff/solicitations/${later}/edit`);
      const saved = await rsj.post(`/staff/solicitations/${later}/edit`, { csrf: edit.csrf, title: '改过的标题',
        summary: '说明', clauses: '唯一一条。', opens_on: day(2), closes_on: day(20), feedback_days: '10' });
      assert.equal(saved.status, 303);
      const after = (await (await get(`/api/v1/interact/solicitations/${later}`)).json()).solicitation;
      assert.equal(after.title, '改过的标题');
      assert.equal(after.opens_on, day(2));
      assert.equal(after.feedback_days, 10);
      // A retried create with the same form token makes one draft.
      const { csrf, token } = await form(rsj, '/staff/solicitations/new');
      const fields = { csrf, token, title: '重复提交', summary: '说明', clauses: '一条。', opens_on: day(1), closes_on: day(3) };
      const a = await rsj.post('/staff/solicitations/new', fields);
      const b = await rsj.post('/staff/solicitations/new', fields);
      assert.equal(idOf(a), idOf(b));
      // Audited.
      const admin = await login(srv.url, 'admin');
      const audit = await (await admin.get('/api/v1/audit?object_type=solicitation')).json();
      const actions = audit.audit.entries.map((e) => e.action);
      for (const x of ['solicit.create', 'solicit.publish', 'solicit.update']) assert.ok(actions.includes(x), `${x} audited`);
    });

    test('comment, double submit, moderation, permissions, masked and escaped', async () => {
      const id = idOf(await draft(rsj, { title: '评论测试稿' }));
      await staffAct(rsj, id, { op: 'publish' });
      // Anonymous: a login link, and a POST goes to the login page.
      const anonPage = await (await get(`/interact/solicitations/${id}`)).text();
      assert.match(anonPage, new RegExp(`/login\\?next=/interact/solicitations/${id}`));
      assert.doesNotMatch(anonPage, /name="body"/);
      // ?clause= preselects the clause.
      assert.match(await (await citizen.get(`/interact/solicitations/${id}?clause=2`)).text(), /<option value="2" selected>/);
      const body = '<script>alert(1)</script>我的电话13912345678';
      const c = await comment(citizen, id, { clause: '2', body });
      const first = await c.send();
      assert.equal(first.status, 303);
      assert.equal((await c.send()).status, 303, 'a retry answers like the first');
      // Pending: not public yet.
      let pub = (await (await get(`/api/v1/interact/solicitations/${id}`)).json()).solicitation;
      assert.equal(pub.clauses[1].comments.length, 0);
      const staffHtml = await (await rsj.get(`/staff/solicitations/${id}`)).text();
      const cids = [...staffHtml.matchAll(/name="comment_id" value="(\d+)"/g)].map((m) => m[1]);
      assert.equal(cids.length, 1, 'one comment for one form token');
      const cid = cids[0];
      assert.ok(!staffHtml.includes('<script>alert'), 'staff see the text escaped');
      // Other departments' staff and citizens cannot see or moderate.
      const gaj = await login(srv.url, 'gaj_admin');
      assert.equal((await gaj.get(`/staff/solicitations/${id}`)).status, 404);
      const gajCsrf = (await form(gaj, '/staff/solicitations')).csrf;
      assert.equal((await gaj.post(`/staff/solicitations/${id}`, { csrf: gajCsrf, op: 'approve', comment_id: cid })).status, 404);
      assert.equal((await citizen.get(`/staff/solicitations/${id}`)).status, 404);
      const cCsrf = (await form(citizen, `/interact/solicitations/${id}`)).csrf;
      assert.equal((await citizen.post(`/staff/solicitations/${id}`, { csrf: cCsrf, op: 'approve', comment_id: cid })).status, 404);
      assert.equal((await citizen.get('/staff/solicitations/new')).status, 404);
      // Staff of the department without a publishing role see but do not act.
      const handler = await login(srv.url, 'rsj_handler');
      assert.equal((await handler.get(`/staff/solicitations/${id}`)).status, 200);
      assert.equal((await staffAct(handler, id, { op: 'approve', comment_id: cid })).status, 403);
      pub = (await (await get(`/api/v1/interact/solicitations/${id}`)).json()).solicitation;
      assert.equal(pub.clauses[1].comments.length, 0, 'still pending');
      // A rejection needs a reason, named at the comment's own field.
      const noReason = await staffAct(rsj, id, { op: 'reject', comment_id: cid, reason: '' });
      assert.equal(noReason.status, 422);
      assert.match(await noReason.text(), new RegExp(`href="#f-reject_${cid}"[\\s\\S]*id="f-reject_${cid}"`));
      assert.equal((await staffAct(rsj, id, { op: 'approve', comment_id: cid })).status, 303);
      assert.equal((await staffAct(rsj, id, { op: 'approve', comment_id: cid })).status, 409, 'moderated once');
      pub = (await (await get(`/api/v1/interact/solicitations/${id}`)).json()).solicitation;
      const shown = pub.clauses[1].comments;
      assert.equal(shown.length, 1);
      assert.equal(shown[0].writer, '张*', 'the name masked');
      assert.ok(shown[0].body.includes('139****5678') && !shown[0].body.includes('13912345678'), 'the phone masked');
      const page = await (await get(`/interact/solicitations/${id}`)).text();
      assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'unsafe HTML shown as text');
      assert.ok(!page.includes('<script>alert'));
      // A second comment rejected with a reason stays hidden; the reason too.
      const c2 = await comment(citizen, id, { clause: '0', body: '无关内容' });
      assert.equal((await c2.send()).status, 303);
      const cid2 = [...(await (await rsj.get(`/staff/solicitations/${id}`)).text()).matchAll(/name="comment_id" value="(\d+)"/g)][0][1];
      assert.equal((await staffAct(rsj, id, { op: 'reject', comment_id: cid2, reason: '与草案无关' })).status, 303);
      const after = await (await get(`/interact/solicitations/${id}`)).text();
      assert.ok(!after.includes('无关内容') && !after.includes('与草案无关'));
      // Bad input keeps the text and names the field.
      const c3 = await comment(citizen, id, { clause: '9', body: '' });
      const bad = await c3.send();
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /href="#f-body"/);
      assert.match(badHtml, /href="#f-clause"/);
      const admin = await login(srv.url, 'admin');
      const actions = (await (await admin.get('/api/v1/audit?object_type=solicitation')).json()).audit.entries.map((e) => e.action);
      for (const x of ['solicit.comment', 'solicit.approve', 'solicit.reject']) assert.ok(actions.includes(x), `${x} audited`);
    });

    test('closed: comments refused with the text kept; overdue flagged; feedback published', async () => {
      const list = await (await get('/api/v1/interact/solicitations')).json();
      const overdue = list.closed.find((s) => s.overdue);
      const answered = list.closed.find((s) => s.phase === 'answered');
      assert.ok(overdue && answered, 'the demo has an overdue and an answered solicitation');
      assert.equal(overdue.phase, 'closed');
      const staffList = await (await rsj.get('/staff/solicitations')).text();
      assert.match(staffList, /采纳情况逾期未公布/, 'overdue flagged on the staff list');
      assert.match(await (await get(`/interact/solicitations/${overdue.id}`)).text(), /采纳情况已超过反馈期限/);
      // A citizen's comment after closing: refused, the text kept.
      const csrf = (await form(citizen, '/interact/solicitations')).csrf;
      const late = await citizen.post(`/interact/solicitations/${overdue.id}`, { csrf, token: 'late-comment-1',
        clause: '1', body: '我来晚了，但还想提意见。' });
      assert.equal(late.status, 422);
      const lateHtml = await late.text();
      assert.match(lateHtml, /本次意见征集已经结束/);
      assert.match(lateHtml, /我来晚了，但还想提意见。<\/textarea>/, 'the text kept');
      // Feedback: each clause with approved comments needs an outcome and a reason.
      const missing = await staffAct(rsj, overdue.id, { op: 'feedback', summary: '' });
      assert.equal(missing.status, 422);
      const missingHtml = await missing.text();
      for (const f of ['outcome_1', 'reason_1', 'summary']) assert.match(missingHtml, new RegExp(`href="#f-${f}"`));
      const done = await staffAct(rsj, overdue.id, { op: 'feedback', outcome_1: 'not_adopted',
        reason_1: '证书范围由省里统一规定。', summary: '共收到意见 1 条，未采纳。' });
      assert.equal(done.status, 303);
      const s = (await (await get(`/api/v1/interact/solicitations/${overdue.id}`)).json()).solicitation;
      assert.equal(s.phase, 'answered');
      assert.equal(s.late, true, 'published after its due day');
      assert.equal(s.clauses[0].outcome.outcome, 'not_adopted');
      assert.equal(s.feedback, '共收到意见 1 条，未采纳。');
      assert.equal((await staffAct(rsj, overdue.id, { op: 'feedback', summary: '再来' })).status, 409, 'published once');
      const page = await (await get(`/interact/solicitations/${answered.id}`)).text();
      assert.match(page, /意见采纳情况/);
      assert.match(page, /部分采纳/);
      const admin = await login(srv.url, 'admin');
      const actions = (await (await admin.get('/api/v1/audit?action=solicit.feedback')).json()).audit.entries;
      assert.ok(actions.length >= 2, 'feedback audited');
    });
  });
}
