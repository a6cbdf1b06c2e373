// The rest of the one-stop case, on each backend: the message centre with
// its unread badge, assigning a task within a department, result documents
// the applicant downloads, the overdue list by department and region, and
// the throttled progress lookup. Each with its permission boundaries and
// bad input.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN, yiwang } from '../lib/server.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function idnum(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const BIRTH = {
  v_child_name: '王小明', v_child_gender: 'm', v_child_birth_date: '2026-01-15', v_birth_hospital: '福建省妇幼保健院',
  v_applicant_name: '张三', v_applicant_idnum: idnum('35010219900307123'), v_relation: 'father', v_phone: '13800138000',
  v_hukou_region: '350102000000', v_hukou_address: '鼓楼区五四路 1 号', v_bank: 'icbc',
  v_mail_address: '福州市鼓楼区五四路 1 号',
};

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  c.who = who;
  return c;
}

async function upload(c, url, fields, name, bytes) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(c.base + url, { method: 'POST', body: fd, headers: c.headers(), redirect: 'manual' });
  c.store(res);
  return res;
}

// A birth application through the pages: its case id.
async function apply(c) {
  const csrf = await c.csrf('/apply/bundle/birth');
  const saved = await c.post('/apply/bundle/birth', { csrf, action: 'save', ...BIRTH });
  const draft = saved.headers.get('location').match(/^\/apply\/draft\/(\d+)/)[1];
  assert.equal((await upload(c, `/apply/draft/${draft}/upload`, { csrf, field: 'birth_record' }, 'r.pdf', PDF)).status, 303);
  const sent = await c.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH });
  return Number(sent.headers.get('location').match(/^\/cases\/(\d+)/)[1]);
}

async function caseJson(c, id) {
  const res = await c.get(`/api/v1/cases/${id}`);
  assert.equal(res.status, 200);
  return res.json();
}

const taskOf = (view, dept) => view.tasks.find((t) => t.department_name.includes(dept)).id;

async function staffPost(c, task, fields) {
  const csrf = await c.csrf(`/staff/tasks/${task}`);
  return c.post(`/staff/tasks/${task}`, { csrf, ...fields });
}

function apiPost(c, url, body, token) {
  return fetch(c.base + url, { method: 'POST', redirect: 'manual', body: JSON.stringify(body),
    headers: c.headers({ 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) }) });
}

// Runs SQL against the server's database (to age deadlines).
function sql(srv, q) {
  if (srv.backend === 'pgsql') execFileSync('psql', [srv.db, '-q', '-c', q], { stdio: 'pipe' });
  else execFileSync('sqlite3', [srv.db, q], { stdio: 'pipe' });
}

// A GET from another client address on the loopback network.
function getFrom(addr, url) {
  return new Promise((resolve, reject) => {
    http.get(url, { localAddress: addr }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

for (const backend of backends()) {
  describe(`case work on ${backend}`, () => {
    let srv; let citizen; let other; let admin; let gaj; let staffIds;
    before(async () => {
      srv = await startServer(backend);
      yiwang(srv.db, ['user', 'add', '--login', 'gaj_handler2', '--name', '公安局经办人乙', '--password', DEMO_PASSWORD,
        '--department', 'gaj', '--roles', 'case_handler']);
      citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
      const reg = new Client(srv.url);
      const csrf = await reg.csrf('/register');
      assert.equal((await reg.post('/register', { csrf, kind: 'citizen', login: '13700137000', display_name: '李四',
        password: 'Lisi2026pass', password2: 'Lisi2026pass' })).status, 303);
      other = await login(srv.url, '13700137000', 'Lisi2026pass');
      admin = await login(srv.url, 'admin');
      gaj = await login(srv.url, 'gaj_handler');
      staffIds = Object.fromEntries((await (await admin.get('/api/v1/admin/staff')).json()).staff
        .map((s) => [s.login, s.id]));
    });
    after(async () => { await srv?.stop(); });

    test('message centre: newest first, linked to the case, unread badge, mark read', async () => {
      const id = await apply(citizen);
      const task = taskOf(await caseJson(citizen, id), '公安');
      assert.equal((await staffPost(gaj, task, { op: 'act', event: 'accept', note: '' })).status, 303);
      let box = await (await citizen.get('/api/v1/my/messages')).json();
      const msg = box.messages[0];
      assert.equal(msg.payload.case_id, id, 'the newest message is about the accepted case');
      assert.equal(msg.read, false);
      assert.ok(box.unread >= 1);
      let page = await (await citizen.get('/my/messages')).text();
      assert.match(page, new RegExp(`href="/cases/${id}"`));
      assert.match(page, /message-unread/);
      const home = await (await citizen.get('/my/cases')).text();
      assert.match(home, new RegExp(`href="/my/messages">[^<]*<span class="badge">${box.unread}<`), 'the header counts unread');
      // Another account cannot read or mark it, by page or API.
      const ocsrf = await other.csrf('/my/messages');
      assert.equal((await other.post('/my/messages', { csrf: ocsrf, op: 'read', id: String(msg.id) })).status, 404);
      assert.equal((await apiPost(other, '/api/v1/my/messages/read', { id: msg.id }, ocsrf)).status, 404);
      assert.equal((await (await citizen.get('/api/v1/my/messages')).json()).messages[0].read, false);
      // Bad input.
      const csrf = await citizen.csrf('/my/messages');
      let res = await citizen.post('/my/messages', { csrf, op: 'read', id: 'abc' });
      assert.equal(res.status, 422);
      res = await apiPost(citizen, '/api/v1/my/messages/read', { id: 'x' }, csrf);
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.id);
      assert.equal((await apiPost(citizen, '/api/v1/my/messages/read', { id: msg.id })).status, 403, 'needs the CSRF header');
      assert.equal((await citizen.get('/api/v1/my/messages?before=abc')).status, 422);
      assert.equal((await fetch(srv.url + '/api/v1/my/messages')).status, 401);
      assert.equal((await fetch(srv.url + '/my/messages', { redirect: 'manual' })).status, 303);
      // One, then all.
      res = await citizen.post('/my/messages', { csrf, op: 'read', id: String(msg.id) });
      assert.equal(res.status, 303);
      box = await (await citizen.get('/api/v1/my/messages')).json();
      assert.equal(box.messages.find((m) => m.id === msg.id).read, true);
      res = await apiPost(citizen, '/api/v1/my/messages/read', { all: true }, csrf);
      assert.equal(res.status, 200);
      assert.equal((await res.json()).unread, 0);
      page = await (await citizen.get('/my/messages')).text();
      assert.doesNotMatch(page, /class="badge"/);
      assert.doesNotMatch(page, /message-unread/);
    });

    test('assigning a task within the department', async () => {
      const id = await apply(citizen);
      const task = taskOf(await caseJson(citizen, id), '公安');
      const h2 = await login(srv.url, 'gaj_handler2');
      const dadmin = await login(srv.url, 'gaj_admin');
      // A handler who does not hold the task may not assign it.
      assert.equal((await staffPost(gaj, task, { op: 'assign', assignee: String(staffIds.gaj_handler2) })).status, 403);
      assert.equal((await staffPost(gaj, task, { op: 'claim' })).status, 303);
      let page = await (await gaj.get(`/staff/tasks/${task}`)).text();
      assert.match(page, new RegExp(`<option value="${staffIds.gaj_handler2}"`), 'the assign form lists the handlers');
      assert.equal((await staffPost(gaj, task, { op: 'assign', assignee: String(staffIds.gaj_handler2) })).status, 303);
      const mine = await (await h2.get('/api/v1/staff/queue?mine=1')).json();
      assert.ok(mine.tasks.some((t) => t.id === task), "the assignee's own queue has it");
      assert.ok(!(await (await gaj.get('/api/v1/staff/queue?mine=1')).json()).tasks.some((t) => t.id === task));
      // Bad assignees: unknown, another department's, not a handler, malformed.
      for (const who of ['999999', String(staffIds.rsj_handler), String(staffIds.gaj_admin), 'abc']) {
        const res = await staffPost(dadmin, task, { op: 'assign', assignee: who });
        assert.equal(res.status, 422, `assignee ${who}`);
        assert.match(await res.text(), /id="e-assignee"/);
      }
      // The department admin assigns through the API.
      const token = await dadmin.csrf('/my');
      let res = await apiPost(dadmin, `/api/v1/staff/tasks/${task}/assign`, { assignee: staffIds.gaj_handler }, token);
      assert.equal(res.status, 200);
      assert.equal((await res.json()).task.assignee_name, '公安局经办人');
      res = await apiPost(dadmin, `/api/v1/staff/tasks/${task}/assign`, { assignee: 'x' }, token);
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.assignee);
      res = await apiPost(dadmin, `/api/v1/staff/tasks/${task}/assign`, { assignee: 999999 }, token);
      assert.equal(res.status, 422);
      // Outside the department, citizens, nobody.
      const scjg = await login(srv.url, 'scjg_handler');
      assert.equal((await apiPost(scjg, `/api/v1/staff/tasks/${task}/assign`, { assignee: staffIds.scjg_handler },
        await scjg.csrf('/my'))).status, 404);
      assert.equal((await apiPost(citizen, `/api/v1/staff/tasks/${task}/assign`, { assignee: 1 },
        await citizen.csrf('/my'))).status, 403);
      assert.equal((await apiPost(new Client(srv.url), `/api/v1/staff/tasks/${task}/assign`, { assignee: 1 })).status, 401);
      // Internal to staff, and audited.
      const pub = await caseJson(citizen, id);
      assert.ok(!pub.timeline.some((e) => e.event === 'assign'), 'the applicant does not see assignments');
      const staffView = await caseJson(gaj, id);
      assert.equal(staffView.timeline.filter((e) => e.event === 'assign' && e.internal === 1).length, 2);
      const audit = await (await admin.get('/api/v1/audit?action=case.assign')).json();
      assert.ok(audit.audit.entries.length >= 2);
      page = await (await gaj.get(`/staff/tasks/${task}`)).text();
      assert.match(page, /分派/);
    });

    test('result documents: uploaded by the department, downloaded by the applicant only', async () => {
      const id = await apply(citizen);
      const view = await caseJson(citizen, id);
      const task = taskOf(view, '公安');
      const csrf = await gaj.csrf(`/staff/tasks/${task}`);
      const url = `/staff/tasks/${task}/results`;
      assert.equal((await upload(gaj, url, { csrf }, 'r.pdf', PDF)).status, 409, 'not before acceptance');
      assert.equal((await staffPost(gaj, task, { op: 'act', event: 'accept', note: '' })).status, 303);
      let res = await upload(gaj, url, { csrf }, '居民身份证办理结果.pdf', PDF);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/staff/tasks/${task}?done=result`);
      // Wrong type by bytes, a text file, over 10 MB, no CSRF token.
      res = await upload(gaj, url, { csrf }, 'scan.pdf', PNG);
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-file"/);
      assert.equal((await upload(gaj, url, { csrf }, 'a.txt', Buffer.from('hello'))).status, 422);
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
      assert.equal((await upload(gaj, url, { csrf }, 'big.pdf', big)).status, 422);
      assert.equal((await upload(gaj, url, { csrf: 'x'.repeat(43) }, 'r.pdf', PDF)).status, 403);
      // Other departments and citizens cannot issue.
      const scjg = await login(srv.url, 'scjg_handler');
      assert.equal((await upload(scjg, url, { csrf: await scjg.csrf('/my') }, 'r.pdf', PDF)).status, 404);
      assert.equal((await upload(citizen, url, { csrf: await citizen.csrf('/my') }, 'r.pdf', PDF)).status, 403);
      // The applicant sees it, in the timeline too, and downloads it.
      const sha = createHash('sha256').update(PDF).digest('hex');
      const after = await caseJson(citizen, id);
      assert.equal(after.results.length, 1);
      assert.equal(after.results[0].sha256, sha);
      assert.ok(after.timeline.some((e) => e.event === 'result' && e.internal === 0));
      const page = await (await citizen.get(`/cases/${id}`)).text();
      assert.match(page, new RegExp(`href="/cases/${id}/files/${sha}"`));
      assert.match(page, /出具办理结果/);
      const file = await citizen.get(`/cases/${id}/files/${sha}`);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
      const wjw = await login(srv.url, 'wjw_handler');
      assert.equal((await wjw.get(`/cases/${id}/files/${sha}`)).status, 200, "the case's departments may read it");
      assert.equal((await other.get(`/cases/${id}/files/${sha}`)).status, 404);
      assert.equal((await scjg.get(`/cases/${id}/files/${sha}`)).status, 404);
      assert.equal((await fetch(`${srv.url}/cases/${id}/files/${sha}`, { redirect: 'manual' })).status, 303);
      const box = await (await citizen.get('/api/v1/my/messages')).json();
      assert.ok(box.messages.some((m) => m.payload.event === 'result' && m.payload.case_id === id));
      const audit = await (await admin.get('/api/v1/audit?action=case.result')).json();
      assert.ok(audit.audit.entries.length >= 1);
    });

    test('overdue list: department staff, region scope, filters', async () => {
      const id = await apply(citizen);
      const view = await caseJson(citizen, id);
      const red = taskOf(view, '公安');
      const yellow = taskOf(view, '卫生');
      const wjw = await login(srv.url, 'wjw_handler');
      assert.equal((await staffPost(gaj, red, { op: 'act', event: 'accept', note: '' })).status, 303);
      assert.equal((await staffPost(wjw, yellow, { op: 'act', event: 'accept', note: '' })).status, 303);
      sql(srv, `UPDATE case_task SET accepted_day = accepted_day - 40, due_day = due_day - 20 WHERE id = ${red}`);
      sql(srv, `UPDATE case_task SET accepted_day = accepted_day - 40, due_day = accepted_day + 3 WHERE id = ${yellow}`);
      const own = await (await gaj.get('/api/v1/staff/overdue')).json();
      const r = own.tasks.find((t) => t.id === red);
      assert.equal(r.light, 'red');
      assert.ok(r.days_over > 0);
      assert.equal(r.can_open, true);
      assert.ok(!own.tasks.some((t) => t.id === yellow), 'another department is not shown');
      let all = await (await admin.get('/api/v1/staff/overdue')).json();
      const ids = all.tasks.map((t) => t.id);
      assert.ok(ids.indexOf(red) >= 0 && ids.indexOf(yellow) > ids.indexOf(red), 'oldest deadline first');
      assert.equal(all.tasks.find((t) => t.id === yellow).light, 'yellow');
      const deps = (await (await fetch(srv.url + '/api/v1/departments')).json()).departments;
      const wjwDept = deps.find((d) => d.code === 'wjw');
      all = await (await admin.get(`/api/v1/staff/overdue?department=${wjwDept.id}`)).json();
      assert.deepEqual([...new Set(all.tasks.map((t) => t.department_id))], [wjwDept.id]);
      all = await (await admin.get('/api/v1/staff/overdue?region=350102000000')).json();
      assert.ok(!all.tasks.some((t) => t.id === red), 'a district does not show city departments');
      // An auditor sees the region, opens nothing; a district auditor less.
      const auditor = await login(srv.url, 'auditor');
      const aud = await (await auditor.get('/api/v1/staff/overdue')).json();
      assert.equal(aud.tasks.find((t) => t.id === red).can_open, false);
      const html = await (await auditor.get('/staff/overdue')).text();
      assert.doesNotMatch(html, new RegExp(`href="/staff/tasks/${red}"`));
      assert.match(await (await admin.get('/staff/overdue')).text(), new RegExp(`href="/staff/tasks/${red}"`));
      const gl = await login(srv.url, 'gl_auditor');
      assert.ok(!(await (await gl.get('/api/v1/staff/overdue')).json()).tasks.some((t) => t.id === red));
      assert.equal((await gl.get(`/api/v1/staff/overdue?department=${wjwDept.id}`)).status, 422);
      assert.equal((await gl.get('/api/v1/staff/overdue?region=350100000000')).status, 422);
      // Bad filters, a handler asking for another department, citizens.
      assert.equal((await admin.get('/api/v1/staff/overdue?department=abc')).status, 422);
      assert.equal((await admin.get('/api/v1/staff/overdue?region=999999999999')).status, 422);
      const bad = await admin.get('/staff/overdue?region=999999999999');
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /id="e-region"/);
      assert.equal((await gaj.get(`/api/v1/staff/overdue?department=${wjwDept.id}`)).status, 422);
      assert.equal((await citizen.get('/api/v1/staff/overdue')).status, 403);
      assert.equal((await fetch(srv.url + '/api/v1/staff/overdue')).status, 401);
      const sup = await (await admin.get('/staff/supervision')).text();
      assert.match(sup, /href="\/staff\/overdue\?department=\d+"/);
    });

    // Last: it uses up this client address's lookups.
    test('progress lookup is throttled per client address', async () => {
      const id = await apply(citizen);
      const { case: c } = await caseJson(citizen, id);
      const good = `tracking=${c.tracking_no}&phone=13800138000`;
      assert.equal((await fetch(`${srv.url}/track?${good}`)).status, 200);
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${srv.url}/track?tracking=${c.tracking_no}&phone=1390013900${i}`);
        assert.equal(res.status, 404, `failure ${i + 1}`);
      }
      let res = await fetch(`${srv.url}/track?${good}`);
      assert.equal(res.status, 429, 'even a right lookup waits');
      assert.match(await res.text(), /查询失败次数过多/);
      res = await fetch(`${srv.url}/track?${good}`, { headers: { cookie: 'yw_lang=en' } });
      assert.equal(res.status, 429);
      assert.match(await res.text(), /Too many failed lookups/);
      res = await fetch(`${srv.url}/api/v1/track?${good}`);
      assert.equal(res.status, 429);
      assert.equal((await res.json()).error.code, 'too_many_requests');
      // Another address is not blocked by these failures.
      const port = new URL(srv.url).port;
      const elsewhere = await getFrom('127.0.0.2', `http://127.0.0.1:${port}/api/v1/track?${good}`);
      assert.equal(elsewhere.status, 200, elsewhere.body);
    });
  });
}
