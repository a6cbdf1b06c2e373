// The holiday calendar on each backend: the public page and API, the
// platform admin's year form (errors shown next to each field with the
// input kept), the year-file upload, who may change it, the audit entry,
// and a change reaching a live case's deadline at once.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  return c;
}

// The form fields of a year document, as the edit page names them.
function formOf(doc, csrf) {
  const f = { csrf, source: doc.source ?? '' };
  doc.holidays.forEach((h, i) => {
    f[`h${i + 1}_name`] = h.name; f[`h${i + 1}_from`] = h.from; f[`h${i + 1}_to`] = h.to;
  });
  (doc.adjusted_workdays ?? []).forEach((d, i) => { f[`w${i + 1}`] = d; });
  return f;
}

async function uploadFile(c, name, bytes, csrf) {
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(`${c.base}/admin/calendar/upload`, { method: 'POST', body: fd,
    headers: c.headers(), redirect: 'manual' });
  c.store(res);
  return res;
}

// GET as JSON on a connection of its own (agent: false), so that repeated
// calls land on whichever worker accepts them, not on one kept-alive one.
function getFresh(url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

// An input's value on a page.
function valueOf(html, name) {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return m ? m[1] : null;
}

const dayMs = 86400000;

// A valid GB 11643 ID number (check digit computed).
function idnum(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const ID = idnum('35010219900307123');
const VALUES = { v_child_name: '王小红', v_child_gender: 'f', v_child_birth_date: '2026-02-01',
  v_birth_hospital: '福建省妇幼保健院', v_applicant_name: '张三', v_applicant_idnum: ID, v_relation: 'father',
  v_phone: '13800138000', v_mail_address: '福州市鼓楼区五四路 1 号' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const iso = (d) => new Date(d).toISOString().slice(0, 10);

for (const backend of backends()) {
  describe(`holiday calendar on ${backend}`, () => {
    let srv; let admin;
    before(async () => {
      srv = await startServer(backend);
      admin = await login(srv.url, 'admin');
    });
    after(async () => { await srv?.stop(); });

    test('the public page and API list each year\'s holidays and working weekends', async () => {
      const all = await (await fetch(srv.url + '/api/v1/calendar')).json();
      const y2026 = all.years.find((y) => y.year === 2026);
      assert.ok(y2026, 'the demo loads 2026');
      assert.deepEqual(y2026.holidays.find((h) => h.name === '国庆节'),
        { name: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 7 });
      assert.ok(y2026.adjusted_workdays.includes('2026-10-10'));
      const one = await fetch(srv.url + '/api/v1/calendar/2026');
      assert.equal(one.status, 200);
      const doc = await one.json();
      assert.equal(doc.year, 2026);
      assert.equal(doc.holidays.length, 7);
      assert.equal((await fetch(srv.url + '/api/v1/calendar/1999')).status, 404);
      const page = await (await fetch(srv.url + '/calendar')).text();
      assert.match(page, /国庆节[\s\S]*2026-10-01[\s\S]*2026-10-07/);
      assert.match(page, /2026-10-10 \(星期六\)/, 'a working weekend says which day it is');
      const en = await (await fetch(srv.url + '/calendar/2026', { headers: { cookie: 'yw_lang=en' } })).text();
      assert.match(en, /<span lang="zh-CN">国庆节<\/span>/);
      assert.match(en, /2026-10-10 \(Saturday\)/);
      assert.equal((await fetch(srv.url + '/calendar/1999')).status, 404);
      const home = await (await fetch(srv.url + '/')).text();
      assert.match(home, /href="\/calendar"/, 'the footer links the calendar');
    });

    test('only platform admins may see or change the calendar', async () => {
      const anon = await fetch(srv.url + '/admin/calendar', { redirect: 'manual' });
      assert.equal(anon.status, 303);
      assert.match(anon.headers.get('location'), /^\/login/);
      const deptAdmin = await login(srv.url, 'gaj_admin');
      assert.equal((await deptAdmin.get('/admin/calendar')).status, 403);
      assert.equal((await deptAdmin.get('/admin/calendar/2026')).status, 403);
      const citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
      assert.equal((await citizen.get('/admin/calendar/2026')).status, 403);
      const ccsrf = await citizen.csrf('/my');
      const res = await citizen.post('/admin/calendar/2026', { csrf: ccsrf, h1_name: '假', h1_from: '2026-03-02',
        h1_to: '2026-03-02' });
      assert.equal(res.status, 403);
      const doc = await (await fetch(srv.url + '/api/v1/calendar/2026')).json();
      assert.equal(doc.holidays.length, 7, 'nothing changed');
      const list = await (await admin.get('/admin/calendar')).text();
      assert.match(list, /href="\/admin\/calendar\/2026"/);
      assert.match(list, /<td class="num">33<\/td>/, '2026 has 33 holiday days');
      assert.match(list, /enctype="multipart\/form-data"/);
    });

    test('a refused year form comes back with every entry and the reason by each field', async () => {
      const doc = await (await fetch(srv.url + '/api/v1/calendar/2026')).json();
      const csrf = await admin.csrf('/admin/calendar/2026');
      const form = formOf(doc, csrf);
      const n = doc.holidays.length;
      // Overlapping 国庆节, a working "weekend" on a Wednesday, a working
      // day inside 春节, a date of another year, an end before its start.
      Object.assign(form, {
        [`h${n + 1}_name`]: '重叠假', [`h${n + 1}_from`]: '2026-10-05', [`h${n + 1}_to`]: '2026-10-06',
        [`h${n + 2}_name`]: '倒序假', [`h${n + 2}_from`]: '2026-03-10', [`h${n + 2}_to`]: '2026-03-09',
        [`h${n + 3}_name`]: '跨年假', [`h${n + 3}_from`]: '2027-01-01', [`h${n + 3}_to`]: '2027-01-01',
        w7: '2026-03-04', w8: '2026-02-21', w9: '2026-13-01',
      });
      const res = await admin.post('/admin/calendar/2026', form);
      assert.equal(res.status, 422);
      const html = await res.text();
      const err = (field) => {
        const m = html.match(new RegExp(`<p class="field-error" id="e-${field}">(?:<span[^>]*>[^<]*</span>)?([^<]*)</p>`));
        return m ? m[1] : null;
      };
      assert.match(err(`h${n + 1}_from`), /overlap|重叠/);
      assert.match(err(`h${n + 2}_to`), /早于/);
      assert.match(err(`h${n + 3}_from`), /年份/);
      assert.match(err('w7'), /星期六或星期日/);
      assert.match(err('w8'), /节假日之内/);
      assert.match(err('w9'), /2026-11-28/, 'a date that is no date');
      assert.equal(valueOf(html, `h${n + 1}_name`), '重叠假', 'entries are kept');
      assert.equal(valueOf(html, `h${n + 2}_to`), '2026-03-09');
      assert.equal(valueOf(html, 'w9'), '2026-13-01');
      assert.equal(valueOf(html, 'h1_name'), doc.holidays[0].name);
      assert.match(html, /class="error-summary"[\s\S]*href="#f-w7"/);
      // In English the same reasons read in English.
      const en = await admin.post('/admin/calendar/2026', form, { cookie: `${admin.headers().cookie}; yw_lang=en` });
      assert.equal(en.status, 422);
      assert.match(await en.text(), /must be a Saturday or Sunday/);
      const after2 = await (await fetch(srv.url + '/api/v1/calendar/2026')).json();
      assert.deepEqual(after2.holidays, doc.holidays, 'nothing was saved');
    });

    test('a new year through the form, audited; an existing year cannot be "new"', async () => {
      const csrf = await admin.csrf('/admin/calendar/new');
      let res = await admin.post('/admin/calendar/new', { csrf, year: '2026', h1_name: '元旦', h1_from: '2026-01-01',
        h1_to: '2026-01-01' });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-year"/);
      res = await admin.post('/admin/calendar/new', { csrf, year: '2031', source: '测试通知', h1_name: '元旦',
        h1_from: '2031-01-01', h1_to: '2031-01-01', h2_name: '', h2_from: '', h2_to: '', w1: '2031-01-04' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/admin/calendar/2031?saved=1');
      const doc = await (await fetch(srv.url + '/api/v1/calendar/2031')).json();
      assert.deepEqual(doc.holidays, [{ name: '元旦', from: '2031-01-01', to: '2031-01-01', days: 1 }]);
      assert.deepEqual(doc.adjusted_workdays, ['2031-01-04']);
      assert.equal(doc.updated_by, 'admin');
      const audit = await (await admin.get('/api/v1/audit?action=calendar.set_year')).json();
      const entry = audit.audit.entries.find((e) => e.object_id === '2031');
      assert.ok(entry, 'the change is in the audit log');
      const page = await (await admin.get('/admin/calendar/2031')).text();
      assert.equal(valueOf(page, 'h1_name'), '元旦');
      assert.equal(valueOf(page, 'w1'), '2031-01-04');
    });

    test('a year file upload: a good file saves, a bad one says why', async () => {
      const csrf = await admin.csrf('/admin/calendar');
      const good = { year: 2032, source: '测试', holidays: [{ name: '春节', from: '2032-02-10', to: '2032-02-16' }],
        adjusted_workdays: ['2032-02-08'] };
      let res = await uploadFile(admin, '2032.json', JSON.stringify(good), csrf);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/admin/calendar/2032?saved=1');
      const doc = await (await fetch(srv.url + '/api/v1/calendar/2032')).json();
      assert.equal(doc.holidays[0].days, 7);

      res = await uploadFile(admin, 'notes.txt', 'not json at all', csrf);
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(html, /id="e-file"[^>]*>(<span[^>]*>[^<]*<\/span>)?[^<]*JSON/);
      res = await uploadFile(admin, 'noyear.json', JSON.stringify({ holidays: [] }), csrf);
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-file"/);

      const bad = { year: 2033, holidays: [{ name: '春节', from: '2033-01-30', to: '2033-02-05' },
        { name: '重叠', from: '2033-02-04', to: '2033-02-06' }], adjusted_workdays: ['2033-02-09'] };
      res = await uploadFile(admin, '2033.json', JSON.stringify(bad), csrf);
      assert.equal(res.status, 422);
      html = await res.text();
      assert.match(html, /id="e-h2_from"/, 'the overlap is shown on the second holiday');
      assert.match(html, /id="e-w1"/, 'a Wednesday is no working weekend');
      assert.equal(valueOf(html, 'h2_name'), '重叠', 'the file\'s contents fill the form');
      assert.match(html, /action="\/admin\/calendar\/2033"/);
      assert.equal((await fetch(srv.url + '/api/v1/calendar/2033')).status, 404, 'nothing was saved');

      const none = await uploadFile(admin, 'empty.json', '', csrf);
      assert.equal(none.status, 422);
    });

    test('a holiday added through the form moves a live case\'s and a letter\'s due date at once', async () => {
      // A citizen applies for the birth medical certificate (promised in
      // 3 working days); the health commission accepts the task.
      const citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
      const { bundle } = await (await fetch(srv.url + '/api/v1/bundles/birth')).json();
      const item = bundle.items.find((i) => i.code.includes('-wjw-')).code;
      const apply = async () => {
        // A draft, its file, then the submit (as the case pages do it).
        const csrf = await citizen.csrf(`/apply/${item}`);
        let res = await citizen.post(`/apply/${item}`, { csrf, action: 'save', ...VALUES });
        const draft = (res.headers.get('location') ?? '').match(/^\/apply\/draft\/(\d+)/)?.[1];
        assert.ok(draft, `a draft: ${res.status}`);
        const fd = new FormData();
        fd.append('csrf', csrf); fd.append('field', 'birth_record');
        fd.append('file', new Blob([PDF]), 'record.pdf');
        res = await fetch(`${srv.url}/apply/draft/${draft}/upload`, { method: 'POST', body: fd,
          headers: citizen.headers(), redirect: 'manual' });
        assert.equal(res.status, 303);
        res = await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...VALUES });
        const caseId = Number((res.headers.get('location') ?? '').match(/^\/cases\/(\d+)/)?.[1]);
        assert.ok(caseId, `a case: ${res.status} ${await res.text()}`);
        const view = await (await citizen.get(`/api/v1/cases/${caseId}`)).json();
        const taskId = view.tasks[0].id;
        const tcsrf = await wjw.csrf(`/staff/tasks/${taskId}`);
        assert.equal((await wjw.post(`/staff/tasks/${taskId}`, { csrf: tcsrf, op: 'act', event: 'accept' })).status, 303);
        return { caseId, taskId };
      };
      const taskOf = async ({ caseId, taskId }) =>
        (await (await citizen.get(`/api/v1/cases/${caseId}`)).json()).tasks.find((t) => t.id === taskId);
      const wjw = await login(srv.url, 'wjw_handler');
      const first = await apply();
      const t0 = await taskOf(first);
      // A suggestion written now: due in 10 working days.
      const lcsrf = await citizen.csrf('/interact/write/suggest');
      const fd = new FormData();
      for (const [k, v] of Object.entries({ csrf: lcsrf, token: `cal-${Date.now()}`, category: 'general',
        region_code: '350102001001', title: '节假日调整测试', body: '请按新的节假日安排计算答复期限。' })) fd.append(k, v);
      const written = await fetch(`${srv.url}/interact/write/suggest`, { method: 'POST', body: fd,
        headers: citizen.headers(), redirect: 'manual' });
      assert.equal(written.status, 303, await written.text());
      const letterId = Number(written.headers.get('location').match(/^\/my\/letters\/(\d+)/)[1]);
      const letterOf = async () => (await (await citizen.get(`/api/v1/letters/${letterId}`)).json()).letter;
      const l0 = await letterOf();
      assert.equal(t0.promised_days, 3);
      assert.ok(t0.due > iso(t0.accepted_day * dayMs), 'the deadline lies ahead');
      // The first Monday-to-Friday day after acceptance that is no holiday
      // (a working day inside the deadline window) becomes a holiday.
      const year = Number(t0.due.slice(0, 4));
      let doc = await (await fetch(`${srv.url}/api/v1/calendar/${year}`)).json();
      const created = doc.error !== undefined;
      if (created) doc = { year, source: '', holidays: [], adjusted_workdays: [] };
      const inHoliday = (d) => doc.holidays.some((h) => h.from <= d && d <= h.to);
      let day = '';
      for (let n = t0.accepted_day + 1; n <= t0.due_day; n++) {
        const wd = new Date(n * dayMs).getUTCDay();
        if (wd >= 1 && wd <= 5 && !inHoliday(iso(n * dayMs)) && iso(n * dayMs).startsWith(String(year))) {
          day = iso(n * dayMs); break;
        }
      }
      assert.ok(day, 'a working weekday lies inside the window');
      doc.holidays.push({ name: '临时闭馆', from: day, to: day });
      const path = created ? '/admin/calendar/new' : `/admin/calendar/${year}`;
      const form = formOf(doc, await admin.csrf(path));
      if (created) form.year = String(year);
      const saved = await admin.post(path, form);
      assert.equal(saved.status, 303, await saved.text());
      // Both workers count with the new day at once: the live task keeps
      // the working days it had left, so its due day moves one working
      // day later, and a task accepted now is due later too.
      for (let i = 0; i < 8; i++) {
        const view = await getFresh(`${srv.url}/api/v1/cases/${first.caseId}`, citizen.headers());
        const t = view.tasks.find((x) => x.id === first.taskId);
        assert.equal(t.days_left, t0.days_left, `days left after ${day} became a holiday`);
        assert.ok(t.due > t0.due, `due ${t.due} moved past ${t0.due}`);
      }
      // The letter's window (10 working days from today) holds the new
      // holiday when it lies after today: its due day moves too.
      const l1 = await letterOf();
      if (day > iso(Date.now() + 8 * 3600e3)) {
        assert.equal(l1.days_left, l0.days_left, 'the letter keeps its working days left');
        assert.ok(l1.due > l0.due, `letter due ${l1.due} moved past ${l0.due}`);
      }
      // The move is in the audit log, in the admin's name.
      const moved = (await (await admin.get('/api/v1/audit?action=calendar.deadlines_moved')).json()).audit.entries;
      assert.ok(moved.length >= 1 && moved[0].actor_login === 'admin');
      const second = await taskOf(await apply());
      assert.ok(second.due > t0.due, `a task accepted now is due later (${second.due} after ${t0.due})`);
      const pub = await (await fetch(srv.url + `/calendar/${year}`)).text();
      assert.match(pub, /临时闭馆/, 'the public page shows the change at once');
    });
  });
}
