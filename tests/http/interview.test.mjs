// Online interviews through the pages, the JSON and the close command, on
// each backend: the life cycle (create, ask, moderate, answer, end), a
// retried question is one question, unsafe HTML shown as text, who may do
// what (another department's staff 404, staff without the role 403, a
// citizen cannot answer), the meta refresh only while live, and the close
// that makes one letter per leftover question, due in 5 working days.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN, yiwang } from '../lib/server.mjs';

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  assert.equal((await c.login(who, password)).status, 303, `${who} logs in`);
  return c;
}

// Beijing wall time minutes from now, as the create form takes it.
function local(minutes) {
  return new Date(Date.now() + 8 * 3600e3 + minutes * 60e3).toISOString().slice(0, 16).replace('T', ' ');
}

async function create(c, fields) {
  const csrf = await c.csrf('/staff/interviews/new');
  return c.post('/staff/interviews/new', { csrf, title: '就业政策在线访谈', topic: '稳就业',
    guest_name_1: '王局长', guest_title_1: '局长', guest_name_2: '刘科长', guest_title_2: '科长', ...fields });
}

const idOf = (res) => Number(res.headers.get('location').match(/^\/staff\/interviews\/(\d+)/)[1]);

async function ask(c, id, body, token = null) {
  const html = await (await c.get(`/interact/interviews/${id}`)).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const tok = token ?? html.match(/name="token" value="([^"]+)"/)?.[1] ?? 'no-form';
  return { res: await c.post(`/interact/interviews/${id}`, { csrf, token: tok, body }), token: tok };
}

async function desk(c, id, fields) {
  const csrf = await c.csrf(`/staff/interviews/${id}`);
  return c.post(`/staff/interviews/${id}`, { csrf, ...fields });
}

// The interview's JSON as client c sees it (a base URL: anonymous).
async function view(c, id) {
  const path = `/api/v1/interact/interviews/${id}`;
  const res = typeof c === 'string' ? await fetch(c + path) : await c.get(path);
  assert.equal(res.status, 200);
  return res.json();
}

// The day n working days after day (YYYY-MM-DD), by the published calendar.
function addWorkdays(years, day, n) {
  const holidays = new Set(); const workdays = new Set();
  for (const y of years) {
    for (const h of y.holidays) {
      for (let d = new Date(h.from + 'T00:00:00Z'); d <= new Date(h.to + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
        holidays.add(d.toISOString().slice(0, 10));
      }
    }
    for (const w of y.adjusted_workdays) workdays.add(w);
  }
  const d = new Date(day + 'T00:00:00Z');
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const s = d.toISOString().slice(0, 10); const wd = d.getUTCDay();
    if (workdays.has(s) || (!holidays.has(s) && wd !== 0 && wd !== 6)) n--;
  }
  return d.toISOString().slice(0, 10);
}

for (const backend of backends()) {
  describe(`online interviews on ${backend}`, () => {
    let srv; let host; let handler; let foreign; let citizen; let live; let upcoming;
    before(async () => {
      srv = await startServer(backend);
      [host, handler, foreign, citizen] = await Promise.all([login(srv.url, 'rsj_admin'),
        login(srv.url, 'rsj_handler'), login(srv.url, 'gaj_admin'), login(srv.url, CITIZEN.login, CITIZEN.password)]);
      const made = await create(host, { starts: local(-5), ends: local(60) });
      assert.equal(made.status, 303);
      live = idOf(made);
      upcoming = idOf(await create(host, { title: '医保政策访谈', starts: local(24 * 60), ends: local(25 * 60) }));
    });
    after(async () => { await srv?.stop(); });

    test('creating: refused without the role, field errors kept, listed by phase', async () => {
      assert.equal((await handler.get('/staff/interviews/new')).status, 403);
      assert.equal((await citizen.get('/staff/interviews/new')).status, 403);
      const bad = await create(host, { title: '', starts: local(60), ends: local(30), guest_title_1: '' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      for (const f of ['title', 'ends', 'guest_title_1']) assert.match(html, new RegExp(`href="#f-${f}"`), f);
      assert.match(html, /id="f-guest_title_1"/);
      assert.match(html, /value="王局长"/, 'the input is kept');
      const list = await (await fetch(`${srv.url}/api/v1/interact/interviews`)).json();
      assert.ok(list.live.some((x) => x.id === live));
      assert.ok(list.upcoming.some((x) => x.id === upcoming));
      assert.ok(list.past.length >= 1, 'the demo has a past interview');
      const page = await (await fetch(`${srv.url}/interact/interviews`)).text();
      assert.match(page, new RegExp(`href="/interact/interviews/${live}"`));
      assert.match(await (await fetch(`${srv.url}/interact`)).text(), /href="\/interact\/interviews"/);
    });

    test('meta refresh only while live; ?refresh=off stops it', async () => {
      const refresh = /<noscript><meta http-equiv="refresh" content="30"><\/noscript>/;
      assert.match(await (await fetch(`${srv.url}/interact/interviews/${live}`)).text(), refresh);
      const off = await (await fetch(`${srv.url}/interact/interviews/${live}?refresh=off`)).text();
      assert.doesNotMatch(off, /http-equiv="refresh"/);
      assert.doesNotMatch(await (await fetch(`${srv.url}/interact/interviews/${upcoming}`)).text(), /http-equiv="refresh"/);
      const past = (await (await fetch(`${srv.url}/api/v1/interact/interviews`)).json()).past[0].id;
      const transcript = await (await fetch(`${srv.url}/interact/interviews/${past}`)).text();
      assert.doesNotMatch(transcript, /http-equiv="refresh"/);
      assert.match(transcript, /id="answers"/);
      assert.doesNotMatch(transcript, /name="body"/, 'no question form after the end');
      assert.match(await (await fetch(`${srv.url}/interact/interviews/${live}`)).text(),
        /<script src="\/static\/interview.js" defer><\/script>/);
      const js = await fetch(`${srv.url}/static/interview.js`);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type'), /javascript/);
    });

    test('asking: one question per token, size limit, shown only once approved, HTML as text', async () => {
      const body = '<script>alert(1)</script>社保卡怎么办？';
      const first = await ask(citizen, live, body);
      assert.equal(first.res.status, 303);
      assert.equal((await ask(citizen, live, body, first.token)).res.status, 303, 'a retry');
      let v = await view(citizen, live);
      assert.equal(v.mine.filter((q) => q.body === body).length, 1, 'the retry made no second question');
      const qid = v.mine.find((q) => q.body === body).id;
      const long = await ask(citizen, live, '问'.repeat(501));
      assert.equal(long.res.status, 422);
      assert.match(await long.res.text(), /id="e-body"/);
      assert.equal((await ask(host, live, '员工提问')).res.status, 403, 'staff do not ask');
      const anon = new Client(srv.url);
      const csrf = await anon.csrf('/login');
      const anonPost = await anon.post(`/interact/interviews/${live}`, { csrf, token: 'x', body: 'hi' });
      assert.equal(anonPost.status, 303);
      assert.match(anonPost.headers.get('location'), /^\/login/, 'anonymous visitors log in first');
      assert.doesNotMatch(await (await fetch(`${srv.url}/interact/interviews/${live}`)).text(), /社保卡怎么办/,
        'pending questions are not public');
      assert.equal((await desk(host, live, { op: 'approve', question_id: String(qid) })).status, 303);
      const html = await (await fetch(`${srv.url}/interact/interviews/${live}`)).text();
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;社保卡怎么办？'), 'shown as text');
      assert.ok(!html.includes('<script>alert'), 'never as markup');
      assert.match(html, /张\*/, 'the asker is masked');
      v = await view(srv.url, live);
      assert.ok(v.waiting.some((q) => q.id === qid && q.asker === '张*'));
      assert.equal(v.waiting[0].asker_id, undefined, 'no asker id in public');
    });

    test('permissions: another department 404, no role 403, a citizen cannot answer', async () => {
      const { res } = await ask(citizen, live, '权限测试问题');
      assert.equal(res.status, 303);
      const qid = (await view(citizen, live)).mine.find((q) => q.body === '权限测试问题').id;
      assert.equal((await foreign.get(`/staff/interviews/${live}`)).status, 404);
      assert.equal((await handler.get(`/staff/interviews/${live}`)).status, 403);
      assert.equal((await citizen.get(`/staff/interviews/${live}`)).status, 404);
      const csrf = await citizen.csrf(`/interact/interviews/${live}`);
      const guest = (await view(srv.url, live)).interview.guests[0].id;
      for (const op of ['approve', 'answer']) {
        const r = await citizen.post(`/staff/interviews/${live}`, { csrf, op, question_id: String(qid),
          guest_id: String(guest), answer: '冒充回答' });
        assert.equal(r.status, 404, `citizen ${op}`);
      }
      const gcsrf = await foreign.csrf('/staff/interviews');
      assert.equal((await foreign.post(`/staff/interviews/${live}`, { csrf: gcsrf, op: 'approve',
        question_id: String(qid) })).status, 404);
      assert.equal((await view(srv.url, live)).waiting.some((q) => q.id === qid), false, 'still pending');
      // A reject needs a reason, named by its field.
      const refused = await desk(host, live, { op: 'reject', question_id: String(qid), reason: '' });
      assert.equal(refused.status, 422);
      const html = await refused.text();
      assert.match(html, new RegExp(`href="#f-reason_${qid}"`));
      assert.match(html, new RegExp(`id="f-reason_${qid}"`));
      assert.match(html, new RegExp(`id="e-reason_${qid}"`));
      assert.equal((await desk(host, live, { op: 'reject', question_id: String(qid), reason: '与主题无关' })).status, 303);
      const mine = (await view(citizen, live)).mine.find((q) => q.id === qid);
      assert.equal(mine.state, 'rejected');
      assert.equal(mine.reason, '与主题无关');
    });

    test('answers in order; the end makes one letter per leftover, due in 5 working days; close adds none', async () => {
      const ids = [];
      for (const body of ['问题一', '问题二', '问题三']) {
        await ask(citizen, live, body);
        const qid = (await view(citizen, live)).mine.find((q) => q.body === body).id;
        assert.equal((await desk(host, live, { op: 'approve', question_id: String(qid) })).status, 303);
        ids.push(qid);
      }
      const guests = (await view(srv.url, live)).interview.guests;
      const noGuest = await desk(host, live, { op: 'answer', question_id: String(ids[1]), answer: '' });
      assert.equal(noGuest.status, 422);
      assert.match(await noGuest.text(), new RegExp(`href="#f-answer_${ids[1]}"`));
      // Over the size limit: refused by the form decoder, still named by its question.
      const long = await desk(host, live, { op: 'answer', question_id: String(ids[1]), guest_id: String(guests[0].id),
        answer: '答'.repeat(3001) });
      assert.equal(long.status, 422);
      const longHtml = await long.text();
      assert.match(longHtml, new RegExp(`href="#f-answer_${ids[1]}"`));
      assert.match(longHtml, new RegExp(`id="e-answer_${ids[1]}"`));
      assert.equal((await desk(host, live, { op: 'answer', question_id: String(ids[1]), guest_id: String(guests[1].id),
        answer: '回答二' })).status, 303);
      assert.equal((await desk(host, live, { op: 'answer', question_id: String(ids[0]), guest_id: String(guests[0].id),
        answer: '回答一' })).status, 303);
      let v = await view(srv.url, live);
      assert.deepEqual(v.answers.map((a) => [a.seq, a.answer, a.guest_name]), [[1, '回答二', '刘科长'], [2, '回答一', '王局长']]);
      assert.match(await (await citizen.get(`/interact/interviews/${live}`)).text(), /回答二/);
      // Ending it: staff without the role cannot; the host can.
      assert.equal((await handler.post(`/staff/interviews/${live}`, { csrf: await handler.csrf('/staff/interviews'),
        op: 'end' })).status, 403);
      const before = (await (await citizen.get('/api/v1/my/letters')).json()).letters.length;
      assert.equal((await desk(host, live, { op: 'end' })).status, 303);
      v = await view(srv.url, live);
      assert.equal(v.interview.phase, 'ended');
      // Approved and unanswered: ids[2] and the question approved in the
      // asking test; each became exactly one letter.
      const leftovers = v.waiting.map((q) => q.id);
      assert.ok(leftovers.includes(ids[2]));
      assert.ok(v.waiting.every((q) => q.letter === true));
      const letters = (await (await citizen.get('/api/v1/my/letters')).json()).letters;
      assert.equal(letters.length - before, leftovers.length);
      const cal = (await (await fetch(`${srv.url}/api/v1/calendar`)).json()).years;
      for (const l of letters.slice(0, leftovers.length)) {
        const one = (await (await citizen.get(`/api/v1/letters/${l.id}`)).json()).letter;
        assert.equal(one.source, 'interview');
        assert.equal(one.channel, 'consult');
        assert.equal(one.department_name, '福州市人力资源和社会保障局');
        assert.ok(leftovers.includes(one.details.question_id));
        const received = new Date(one.received_day * 86400e3).toISOString().slice(0, 10);
        assert.equal(one.due, addWorkdays(cal, received, 5), '5 working days');
      }
      // The cron job finds nothing more; ending again is a conflict.
      assert.match(yiwang(srv.db, ['interviews', 'close']), /0 question\(s\) became letters/);
      assert.equal((await (await citizen.get('/api/v1/my/letters')).json()).letters.length, letters.length);
      assert.equal((await desk(host, live, { op: 'end' })).status, 409);
      // Ended: the transcript, no refresh, no more questions.
      const page = await (await citizen.get(`/interact/interviews/${live}`)).text();
      assert.doesNotMatch(page, /http-equiv="refresh"/);
      assert.match(page, /回答一/);
      const late = await citizen.post(`/interact/interviews/${live}`, { csrf: await citizen.csrf('/my'), token: 'late-1',
        body: '迟到的问题' });
      assert.equal(late.status, 422);
      // Every staff step is in the audit log.
      const admin = await login(srv.url, 'admin');
      const audit = (await (await admin.get('/api/v1/audit?object_type=interview')).json()).audit.entries;
      for (const a of ['interview.create', 'interview.approve', 'interview.reject', 'interview.answer',
        'interview.end', 'interview.letter']) {
        assert.ok(audit.some((e) => e.action === a), a);
      }
    });
  });
}
