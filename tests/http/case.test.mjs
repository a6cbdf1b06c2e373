// Cases through the pages, on each backend: applying for 新生儿出生一件事
// with a draft and an uploaded file, each department handling its task,
// the timeline, the rating and a bad rating's rectification; permission
// boundaries; bad input that keeps what was entered; the API submit with
// an Idempotency-Key; progress lookup by tracking number and phone.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

// A valid GB 11643 number for a birth date, and the same with a wrong
// check digit.
function idnum(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const GOOD_ID = idnum('35010219900307123');
const BAD_ID = GOOD_ID.slice(0, 17) + (GOOD_ID[17] === '1' ? '2' : '1');

const BIRTH = {
  v_child_name: '王小明', v_child_gender: 'm', v_child_birth_date: '2026-01-15', v_birth_hospital: '福建省妇幼保健院',
  v_applicant_name: '张三', v_applicant_idnum: GOOD_ID, v_relation: 'father', v_phone: '13800138000',
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

async function text(res) { return res.text(); }

// For the API submit: the 出生医学证明 item (a required PDF field), the
// client's CSRF token and the form's other values.
async function birthApi(url, c) {
  const { bundle } = await (await fetch(url + '/api/v1/bundles/birth')).json();
  return { item: bundle.items.find((i) => i.code.includes('-wjw-')).code, token: await c.csrf('/my'),
    values: { child_name: '王小红', child_gender: 'f', child_birth_date: '2026-02-01',
      birth_hospital: '福建省妇幼保健院', applicant_name: '张三', applicant_idnum: GOOD_ID, relation: 'mother',
      phone: '13800138000' } };
}

// The draft id from a redirect to /apply/draft/<id>.
function draftOf(res) {
  const m = (res.headers.get('location') ?? '').match(/^\/apply\/draft\/(\d+)/);
  assert.ok(m, `redirect to a draft: ${res.status} ${res.headers.get('location')}`);
  return m[1];
}

function caseOf(res) {
  const m = (res.headers.get('location') ?? '').match(/^\/cases\/(\d+)/);
  assert.ok(m, `redirect to a case: ${res.status} ${res.headers.get('location')}`);
  return Number(m[1]);
}

async function upload(c, draft, field, name, bytes, csrf) {
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('field', field);
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(`${c.base}/apply/draft/${draft}/upload`, { method: 'POST', body: fd,
    headers: c.headers(), redirect: 'manual' });
  c.store(res);
  return res;
}

// Starts a birth application: a draft with the values, the record uploaded.
async function birthDraft(c, values = BIRTH) {
  const csrf = await c.csrf('/apply/bundle/birth');
  const draft = draftOf(await c.post('/apply/bundle/birth', { csrf, action: 'save', ...values }));
  const up = await upload(c, draft, 'birth_record', '出生信息登记表.pdf', PDF, csrf);
  assert.equal(up.status, 303, await up.text());
  return { draft, csrf };
}

// The handler login of a task's department (demo staff).
function handlerOf(task) {
  const byName = [['公安', 'gaj_handler'], ['卫生', 'wjw_handler'], ['医疗', 'ybj_handler'], ['人力', 'rsj_handler']];
  return byName.find(([k]) => task.department_name.includes(k))[1];
}

async function act(staff, task, event, note = '') {
  const csrf = await staff.csrf(`/staff/tasks/${task}`);
  return staff.post(`/staff/tasks/${task}`, { csrf, op: 'act', event, note });
}

async function caseJson(c, id) {
  const res = await c.get(`/api/v1/cases/${id}`);
  assert.equal(res.status, 200);
  return res.json();
}

for (const backend of backends()) {
  describe(`cases on ${backend}`, () => {
    let srv; let citizen; let other;
    before(async () => {
      srv = await startServer(backend);
      citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
      const reg = new Client(srv.url);
      const csrf = await reg.csrf('/register');
      const res = await reg.post('/register', { csrf, kind: 'citizen', login: '13700137000', display_name: '李四',
        password: 'Lisi2026pass', password2: 'Lisi2026pass' });
      assert.equal(res.status, 303);
      other = await login(srv.url, '13700137000', 'Lisi2026pass');
    });
    after(async () => { await srv?.stop(); });

    test('bundles are public, with their departments and stages', async () => {
      const page = await fetch(srv.url + '/bundles');
      assert.equal(page.status, 200);
      assert.match(await page.text(), /新生儿出生一件事[\s\S]*开办企业一件事|开办企业一件事[\s\S]*新生儿出生一件事/);
      const { bundle } = await (await fetch(srv.url + '/api/v1/bundles/birth')).json();
      assert.equal(bundle.stages, 2);
      assert.equal(bundle.departments, 4);
      assert.deepEqual(bundle.items.map((i) => i.stage).sort(), [1, 1, 1, 2]);
      const guide = await (await fetch(srv.url + '/bundles/birth')).text();
      assert.match(guide, /href="\/apply\/bundle\/birth"/);
      assert.equal((await fetch(srv.url + '/bundles/nope')).status, 404);
      const anon = await fetch(srv.url + '/apply/bundle/birth', { redirect: 'manual' });
      assert.equal(anon.status, 303, 'applying needs an account');
      assert.match(anon.headers.get('location'), /^\/login\?next=\/apply\/bundle\/birth/);
    });

    test('the whole life cycle: apply with a file, four departments, timeline, rating, rectification', async () => {
      const form = await text(await citizen.get('/apply/bundle/birth'));
      for (const f of ['v_child_name', 'v_applicant_idnum', 'v_hukou_region', 'v_bank', 'v_mail_address']) {
        assert.match(form, new RegExp(`name="${f}"`), `the merged form asks ${f}`);
      }
      assert.equal((form.match(/name="v_phone"/g) ?? []).length, 1, 'a field asked by four items is asked once');
      const { draft, csrf } = await birthDraft(citizen, { v_child_name: '王小明' });
      // The draft keeps what was typed and shows the uploaded file.
      let page = await text(await citizen.get(`/apply/draft/${draft}`));
      assert.match(page, /value="王小明"/);
      assert.match(page, /出生信息登记表\.pdf/);
      // Coming back to the application finds the draft.
      const again = await citizen.get('/apply/bundle/birth');
      assert.equal(again.status, 303);
      assert.equal(draftOf(again), draft);

      const sent = await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH });
      const id = caseOf(sent);
      page = await text(await citizen.get(sent.headers.get('location')));
      const tracking = page.match(/class="tracking">([^<]+)</)?.[1];
      assert.match(tracking, /^350100-\d{8}-\d{6}$/);
      assert.match(page, /role="status"/, 'a notice says it was submitted');
      // Pressing submit again makes no second case.
      const twice = await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH });
      assert.equal(caseOf(twice), id);
      const mine = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(mine.cases.filter((c) => c.tracking_no === tracking).length, 1);
      assert.ok(!mine.drafts.some((d) => String(d.id) === draft), 'a submitted draft is no longer open');

      let view = await caseJson(citizen, id);
      assert.equal(view.case.status, 'open');
      assert.equal(view.tasks.length, 4);
      const rsjTask = view.tasks.find((t) => t.stage === 2);
      assert.equal(rsjTask.active, 0, 'the social security card waits for stage 1');
      const rsj = await login(srv.url, 'rsj_handler');
      assert.equal((await rsj.get(`/staff/tasks/${rsjTask.id}`)).status, 200);
      assert.ok(!(await (await rsj.get('/api/v1/staff/queue')).json()).tasks.some((t) => t.id === rsjTask.id),
        'a task whose stage has not begun is not in the queue yet');

      // Each department of stage 1 finds its task in its queue and handles it.
      const sha = view.case.form_values.birth_record.sha256;
      assert.equal(sha, createHash('sha256').update(PDF).digest('hex'));
      for (const who of ['wjw_handler', 'gaj_handler', 'ybj_handler']) {
        const staff = await login(srv.url, who);
        const queue = await (await staff.get('/api/v1/staff/queue')).json();
        const task = queue.tasks.find((t) => t.case_id === id);
        assert.ok(task, `${who} sees the task in the queue`);
        const html = await text(await staff.get('/staff/queue'));
        assert.match(html, new RegExp(`href="/staff/tasks/${task.id}"`));
        const taskPage = await text(await staff.get(`/staff/tasks/${task.id}`));
        assert.match(taskPage, /value="accept"/);
        assert.doesNotMatch(taskPage, /value="approve"/, 'only what the state allows');
        assert.match(taskPage, new RegExp(`/cases/${id}/files/${sha}`), 'staff see the attachment');
        const file = await staff.get(`/cases/${id}/files/${sha}`);
        assert.equal(file.status, 200);
        assert.equal(file.headers.get('content-type'), 'application/pdf');
        assert.match(file.headers.get('content-disposition'), /^attachment/);
        assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
        const claim = await staff.post(`/staff/tasks/${task.id}`, { csrf: await staff.csrf(`/staff/tasks/${task.id}`),
          op: 'claim' });
        assert.equal(claim.status, 303);
        const comment = await staff.post(`/staff/tasks/${task.id}`, { csrf: await staff.csrf(`/staff/tasks/${task.id}`),
          op: 'comment', comment: `${who} 内部意见` });
        assert.equal(comment.status, 303);
        for (const ev of ['accept', 'review', 'approve', 'complete']) {
          const res = await act(staff, task.id, ev);
          assert.equal(res.status, 303, `${who} ${ev}`);
          assert.equal(res.headers.get('location'), `/staff/tasks/${task.id}?done=${ev}`);
        }
        const after = await text(await staff.get(`/staff/tasks/${task.id}?done=complete`));
        assert.match(after, /class="notice"/);
      }
      view = await caseJson(citizen, id);
      assert.equal(view.tasks.find((t) => t.stage === 2).active, 1, 'stage 2 began');
      for (const ev of ['accept', 'review', 'approve', 'complete']) {
        assert.equal((await act(rsj, rsjTask.id, ev)).status, 303);
      }

      view = await caseJson(citizen, id);
      assert.equal(view.case.status, 'completed');
      assert.ok(view.tasks.every((t) => t.state === 'completed'));
      const events = view.timeline.map((e) => e.event);
      assert.equal(events[0], 'submit');
      assert.equal(events.filter((e) => e === 'complete').length, 4);
      assert.ok(!events.includes('comment') && !events.includes('claim'), 'internal entries stay internal');
      assert.doesNotMatch(JSON.stringify(view), /内部意见/);
      const staffView = await caseJson(rsj, id);
      assert.ok(staffView.timeline.some((e) => e.event === 'comment' && e.internal === 1));

      // The citizen sees it complete and rates it badly; the department
      // must answer, and the citizen sees the answer.
      page = await text(await citizen.get(`/cases/${id}`));
      assert.match(page, /name="grade"/);
      const rcsrf = await citizen.csrf(`/cases/${id}`);
      let res = await citizen.post(`/cases/${id}`, { csrf: rcsrf, op: 'rate', comment: '跑了三次' });
      assert.equal(res.status, 422, 'a grade is required');
      assert.match(await res.text(), /跑了三次/, 'the comment is kept');
      res = await citizen.post(`/cases/${id}`, { csrf: rcsrf, op: 'rate', grade: '1', comment: '材料被要求重复提交' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/cases/${id}?done=rate`);
      res = await citizen.post(`/cases/${id}`, { csrf: rcsrf, op: 'rate', grade: '5' });
      assert.equal(res.status, 422, 'rated once only');
      view = await caseJson(citizen, id);
      assert.equal(view.rating.grade, 1);
      assert.equal(view.rating.rectify_state, 'open');
      page = await text(await citizen.get(`/cases/${id}`));
      assert.match(page, /class="notice-warn"/, 'the open rectification is shown');
      const admin = await login(srv.url, 'admin');
      const sup = await text(await admin.get('/staff/supervision'));
      assert.match(sup, /<caption id="sup-caption">/);
      // The rectification goes to the department of the case's first task.
      const dept = view.tasks[0];
      const rectifier = await login(srv.url, handlerOf(dept));
      const rpage = await text(await rectifier.get(`/staff/tasks/${dept.id}`));
      assert.match(rpage, /name="rectify_note"/);
      res = await rectifier.post(`/staff/tasks/${dept.id}`, { csrf: await rectifier.csrf(`/staff/tasks/${dept.id}`),
        op: 'rectify', rectify_note: '' });
      assert.equal(res.status, 422);
      res = await rectifier.post(`/staff/tasks/${dept.id}`, { csrf: await rectifier.csrf(`/staff/tasks/${dept.id}`),
        op: 'rectify', rectify_note: '已改为部门间共享获取，不再要求重复提交。' });
      assert.equal(res.status, 303);
      page = await text(await citizen.get(`/cases/${id}`));
      assert.match(page, /已改为部门间共享获取/, 'the citizen sees the follow-up');
      const audit = await (await admin.get('/api/v1/audit?action=case.complete')).json();
      assert.ok(audit.audit.entries.length >= 4, 'every staff action is audited');
    });

    test('permission boundaries', async () => {
      const { draft, csrf } = await birthDraft(citizen);
      const id = caseOf(await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH }));
      const view = await caseJson(citizen, id);
      const sha = view.case.form_values.birth_record.sha256;
      const gajTask = view.tasks.find((t) => t.department_name.includes('公安')).id;
      // Another citizen: the case, its file, its draft and the API read as
      // not found.
      assert.equal((await other.get(`/cases/${id}`)).status, 404);
      assert.equal((await other.get(`/api/v1/cases/${id}`)).status, 404);
      assert.equal((await other.get(`/cases/${id}/files/${sha}`)).status, 404);
      assert.equal((await other.get(`/apply/draft/${draft}`)).status, 404);
      const ocsrf = await other.csrf('/my');
      assert.equal((await other.post(`/cases/${id}`, { csrf: ocsrf, op: 'withdraw' })).status, 404);
      // Even the applicant cannot fetch a file the case does not name.
      assert.equal((await citizen.get(`/cases/${id}/files/${'0'.repeat(64)}`)).status, 404);
      // Staff of a department the case does not involve.
      const scjg = await login(srv.url, 'scjg_handler');
      assert.equal((await scjg.get(`/staff/tasks/${gajTask}`)).status, 404);
      assert.equal((await scjg.get(`/api/v1/cases/${id}`)).status, 404);
      const scsrf = await scjg.csrf('/staff/queue');
      assert.equal((await scjg.post(`/staff/tasks/${gajTask}`, { csrf: scsrf, op: 'act', event: 'accept' })).status, 404);
      // Staff of the department without a handler role may look, not act.
      const steward = await login(srv.url, 'wjw_steward');
      const wjwTask = view.tasks.find((t) => t.department_name.includes('卫生')).id;
      const spage = await text(await steward.get(`/staff/tasks/${wjwTask}`));
      assert.doesNotMatch(spage, /value="accept"/);
      const tcsrf = spage.match(/name="csrf" value="([^"]+)"/)[1];
      assert.equal((await steward.post(`/staff/tasks/${wjwTask}`, { csrf: tcsrf, op: 'act', event: 'accept' })).status, 403);
      // A citizen on the staff pages.
      assert.equal((await citizen.get('/staff/queue')).status, 403);
      assert.equal((await citizen.get('/api/v1/staff/queue')).status, 403);
      assert.equal((await citizen.get(`/staff/tasks/${gajTask}`)).status, 403);
      assert.equal((await citizen.get('/staff/supervision')).status, 403);
      const handler = await login(srv.url, 'gaj_handler');
      assert.equal((await handler.get('/staff/supervision')).status, 403, 'supervision is for admins and auditors');
      const auditor = await login(srv.url, 'auditor');
      assert.equal((await auditor.get('/staff/supervision')).status, 200);
      // Nobody logged in.
      const anon = await fetch(srv.url + '/my/cases', { redirect: 'manual' });
      assert.equal(anon.status, 303);
      assert.equal((await fetch(srv.url + '/api/v1/my/cases')).status, 401);
      assert.equal((await fetch(`${srv.url}/cases/${id}/files/${sha}`, { redirect: 'manual' })).status, 303);
    });

    test('bad input gets a message per field and loses nothing', async () => {
      const csrf = await citizen.csrf('/apply/bundle/birth');
      // A new draft for this test: the open one is submitted first.
      const start = await citizen.post('/apply/bundle/birth', { csrf, action: 'save', ...BIRTH,
        v_applicant_idnum: BAD_ID, v_child_birth_date: '2099-01-01' });
      const draft = draftOf(start);
      // Submitting without the required file, with a wrong check digit and
      // a birth date in the future.
      let res = await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH,
        v_applicant_idnum: BAD_ID, v_child_birth_date: '2099-01-01' });
      assert.equal(res.status, 422);
      let page = await res.text();
      assert.match(page, /id="e-applicant_idnum"/);
      assert.match(page, /id="e-child_birth_date"/);
      assert.match(page, /id="e-birth_record"/, 'the missing material is named');
      assert.match(page, /class="error-summary"/);
      assert.match(page, new RegExp(`value="${BAD_ID}"`), 'the wrong value is shown again to correct');
      assert.match(page, /value="2099-01-01"/);
      assert.match(page, /value="鼓楼区五四路 1 号"/, 'everything else is kept');
      // A PNG called .pdf, a text file, a file over the field's 5 MB.
      res = await upload(citizen, draft, 'birth_record', 'scan.pdf', PNG, csrf);
      assert.equal(res.status, 422);
      page = await res.text();
      assert.match(page, /id="e-birth_record"/);
      assert.match(page, new RegExp(`value="${BAD_ID}"`), 'the draft kept its values');
      res = await upload(citizen, draft, 'birth_record', 'notes.txt', Buffer.from('hello'), csrf);
      assert.equal(res.status, 422);
      const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
      res = await upload(citizen, draft, 'birth_record', 'big.pdf', big, csrf);
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-birth_record"/);
      res = await upload(citizen, draft, 'no_such_field', 'a.pdf', PDF, csrf);
      assert.equal(res.status, 422);
      res = await upload(citizen, draft, 'birth_record', 'a.pdf', PDF, 'x'.repeat(43));
      assert.equal(res.status, 403, 'an upload needs the CSRF token');
      // Corrected, with the file, it goes through; nothing was lost.
      res = await upload(citizen, draft, 'birth_record', 'scan.png', PNG, csrf);
      assert.equal(res.status, 303);
      res = await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH });
      const id = caseOf(res);
      const view = await caseJson(citizen, id);
      assert.equal(view.case.form_values.applicant_idnum, GOOD_ID);
      assert.equal(view.case.form_values.hukou_address, '鼓楼区五四路 1 号');
      assert.equal(view.case.form_values.birth_record.type, 'png');

      // Staff: a refusal, a request for documents and a transfer need a
      // reason; the form comes back with the message.
      const gaj = await login(srv.url, 'gaj_handler');
      const task = view.tasks.find((t) => t.department_name.includes('公安')).id;
      res = await act(gaj, task, 'refuse');
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-note"/);
      const tcsrf = await gaj.csrf(`/staff/tasks/${task}`);
      const deps = (await (await fetch(srv.url + '/api/v1/departments')).json()).departments;
      const mzj = deps.find((d) => d.code === 'mzj').id;
      res = await gaj.post(`/staff/tasks/${task}`, { csrf: tcsrf, op: 'transfer', department_id: String(mzj), reason: '' });
      assert.equal(res.status, 422);
      page = await res.text();
      assert.match(page, /id="e-reason"/);
      assert.match(page, new RegExp(`<option value="${mzj}" selected>`), 'the chosen department is kept');
      res = await act(gaj, task, 'approve');
      assert.equal(res.status, 409, 'approving before acceptance is not a legal move');
      res = await gaj.post(`/staff/tasks/${task}`, { csrf: tcsrf, op: 'transfer', department_id: String(mzj),
        reason: '属于民政部门职责' });
      assert.equal(res.status, 303);
      assert.equal((await gaj.get(`/staff/tasks/${task}`)).status, 404, 'a transferred task has left the department');
      const after = await caseJson(citizen, id);
      const moved = after.tasks.find((t) => t.id === task);
      assert.equal(moved.transfers, 1);
      assert.ok(after.timeline.some((e) => e.event === 'transfer' && e.note === '属于民政部门职责'));
    });

    test('the applicant\'s case JSON, kept per worker, changes at once when staff act', async () => {
      const { draft, csrf } = await birthDraft(citizen);
      const id = caseOf(await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH }));
      // Several reads in a row, so both workers hold the answer.
      const first = await Promise.all(Array.from({ length: 8 }, () => caseJson(citizen, id)));
      const wjwTask = first[0].tasks.find((t) => t.department_name.includes('卫生')).id;
      assert.ok(first.every((v) => v.tasks.find((t) => t.id === wjwTask).state === 'submitted'));
      const wjw = await login(srv.url, 'wjw_handler');
      assert.equal((await act(wjw, wjwTask, 'accept')).status, 303);
      const after = await Promise.all(Array.from({ length: 8 }, () => caseJson(citizen, id)));
      for (const v of after) assert.equal(v.tasks.find((t) => t.id === wjwTask).state, 'accepted');
      // Another user never gets this user's answer.
      const other = await login(srv.url, '13800138001', CITIZEN.password);
      assert.equal((await other.get(`/api/v1/cases/${id}`)).status, 404);
    });

    test('补正 pauses the clock; the applicant answers, or withdraws', async () => {
      const { draft, csrf } = await birthDraft(citizen);
      const id = caseOf(await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH }));
      let view = await caseJson(citizen, id);
      const wjwTask = view.tasks.find((t) => t.department_name.includes('卫生')).id;
      const wjw = await login(srv.url, 'wjw_handler');
      assert.equal((await act(wjw, wjwTask, 'accept')).status, 303);
      assert.equal((await act(wjw, wjwTask, 'request_supplement', '登记表缺少父母签字')).status, 303);
      let page = await text(await citizen.get(`/cases/${id}`));
      assert.match(page, /登记表缺少父母签字/, 'the reason is in the public timeline');
      assert.match(page, /value="supplement"/);
      assert.match(page, /value="withdraw"/, 'a case waiting for documents may be withdrawn');
      const ccsrf = await citizen.csrf(`/cases/${id}`);
      const res = await citizen.post(`/cases/${id}`, { csrf: ccsrf, op: 'supplement', note: '已补签字' });
      assert.equal(res.status, 303);
      view = await caseJson(citizen, id);
      assert.equal(view.tasks.find((t) => t.id === wjwTask).state, 'under_review');
      assert.ok(view.tasks.find((t) => t.id === wjwTask).due);

      const second = await birthDraft(citizen);
      const id2 = caseOf(await citizen.post(`/apply/draft/${second.draft}`, { csrf: second.csrf, action: 'submit',
        ...BIRTH }));
      const w = await citizen.post(`/cases/${id2}`, { csrf: await citizen.csrf(`/cases/${id2}`), op: 'withdraw' });
      assert.equal(w.status, 303);
      assert.equal((await caseJson(citizen, id2)).case.status, 'withdrawn');
    });

    test('the API submit: Idempotency-Key, CSRF header, errors by field', async () => {
      const { bundle } = await (await fetch(srv.url + '/api/v1/bundles/birth')).json();
      const item = bundle.items.find((i) => i.code.includes('-ybj-')).code;
      const token = await citizen.csrf('/my');
      const values = { child_name: '王小红', child_gender: 'f', child_birth_date: '2026-02-01',
        applicant_name: '张三', applicant_idnum: GOOD_ID, phone: '13800138000' };
      const post = (c, body, headers) => fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
        headers: c.headers({ 'content-type': 'application/json', ...headers }), body: JSON.stringify(body) });
      const key = `key-${backend}-${Date.now()}`;
      let res = await post(citizen, { item_code: item, values }, { 'x-csrf-token': token, 'idempotency-key': key });
      assert.equal(res.status, 201);
      const first = await res.json();
      assert.match(first.tracking_no, /^350100-\d{8}-\d{6}$/);
      res = await post(citizen, { item_code: item, values }, { 'x-csrf-token': token, 'idempotency-key': key });
      assert.equal(res.status, 200, 'a retry answers the same case');
      assert.deepEqual(await res.json(), first);
      const mine = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(mine.cases.filter((c) => c.tracking_no === first.tracking_no).length, 1);
      // Another account may use the same key for its own application.
      const otoken = await other.csrf('/my');
      res = await post(other, { item_code: item, values }, { 'x-csrf-token': otoken, 'idempotency-key': key });
      assert.equal(res.status, 201);
      assert.notEqual((await res.json()).case_id, first.case_id);

      res = await post(citizen, { item_code: item, values }, { 'x-csrf-token': token });
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.idempotency_key);
      res = await post(citizen, { item_code: item, values }, { 'x-csrf-token': token, 'idempotency-key': 'k'.repeat(101) });
      assert.equal(res.status, 422, 'an over-long key');
      assert.ok((await res.json()).error.fields.idempotency_key, 'the key is named');
      res = await post(citizen, { item_code: item, values }, { 'idempotency-key': 'k2' });
      assert.equal(res.status, 403, 'the CSRF header is required');
      res = await post(new Client(srv.url), { item_code: item, values }, { 'idempotency-key': 'k3' });
      assert.equal(res.status, 401);
      res = await post(citizen, { item_code: item, values: { ...values, applicant_idnum: BAD_ID,
        child_birth_date: '2099-01-01' } }, { 'x-csrf-token': token, 'idempotency-key': 'k4' });
      assert.equal(res.status, 422);
      const bad = await res.json();
      assert.equal(bad.error.code, 'invalid');
      assert.deepEqual(Object.keys(bad.error.fields).sort(), ['applicant_idnum', 'child_birth_date']);
      res = await post(citizen, { item_code: item, values: { ...values, photo: { name: 'x.pdf', type: 'pdf', size: 3,
        sha256: 'a'.repeat(64) } } }, { 'x-csrf-token': token, 'idempotency-key': 'k5' });
      assert.equal(res.status, 422, 'a file reference must name a stored file');
      res = await post(citizen, { item_code: '350100-xxx-01-0001', values }, { 'x-csrf-token': token,
        'idempotency-key': 'k6' });
      assert.equal(res.status, 404);
      res = await fetch(srv.url + '/api/v1/applications', { method: 'POST', headers: citizen.headers({
        'x-csrf-token': token, 'idempotency-key': 'k7', 'content-type': 'application/json' }), body: '{not json' });
      assert.equal(res.status, 422);
      res = await citizen.get('/api/v1/applications');
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'POST');
    });

    test('the API submit carries an attachment inline', async () => {
      const { item, token, values } = await birthApi(srv.url, citizen);
      const body = Buffer.concat([PDF, Buffer.alloc(50 * 1024, 0x20)]);
      const file = (name, bytes) => ({ name, content_base64: bytes.toString('base64') });
      const post = (v, key) => fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
        headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
          'idempotency-key': key }), body: JSON.stringify({ item_code: item, values: v }) });
      const key = `inline-${backend}-${Date.now()}`;
      let res = await post({ ...values, birth_record: file('出生登记表.pdf', body) }, key);
      assert.equal(res.status, 201);
      const first = await res.json();
      const view = await caseJson(citizen, first.case_id);
      const ref = view.case.form_values.birth_record;
      assert.equal(ref.sha256, createHash('sha256').update(body).digest('hex'));
      assert.equal(ref.type, 'pdf');
      assert.equal(ref.size, body.length);
      assert.equal(ref.name, '出生登记表.pdf');
      const got = await citizen.get(`/cases/${first.case_id}/files/${ref.sha256}`);
      assert.equal(got.status, 200);
      assert.ok(Buffer.from(await got.arrayBuffer()).equals(body), 'the stored file is the bytes sent');
      res = await post({ ...values, birth_record: file('出生登记表.pdf', body) }, key);
      assert.equal(res.status, 200, 'a retry with the file answers the same case');
      assert.deepEqual(await res.json(), first);
      const mine = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(mine.cases.filter((c) => c.tracking_no === first.tracking_no).length, 1);
      // Without a name the type comes from the bytes alone.
      res = await post({ ...values, birth_record: { content_base64: PNG.toString('base64') } }, key + '-png');
      assert.equal(res.status, 201);

      // Field errors come as the catalogue's sentence for each code.
      const messages = JSON.parse(readFileSync(new URL('../../locale/zh-CN.json', import.meta.url))).error;
      const refused = async (v, field, code, why) => {
        const r = await post({ ...values, ...v }, `${key}-${field}-${code}-${Math.random()}`);
        assert.equal(r.status, 422, why);
        assert.deepEqual((await r.json()).error.fields, { [field]: messages[code] }, why);
      };
      await refused({ birth_record: { name: 'a.pdf', content_base64: '%%% not base64 %%%' } }, 'birth_record',
        'invalid', 'bad base64');
      await refused({ birth_record: { name: 'a.pdf', content_base64: 'JVBERi0' } }, 'birth_record', 'invalid',
        'base64 cut short');
      await refused({ birth_record: file('a.pdf', Buffer.from('#!/bin/sh\necho hi\n')) }, 'birth_record', 'type',
        'bytes of no accepted type');
      await refused({ birth_record: file('a.pdf', PNG) }, 'birth_record', 'type', 'a PNG named .pdf');
      await refused({ birth_record: file('a.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])) },
        'birth_record', 'too_big', 'over the field\'s max_bytes');
      await refused({ birth_record: file('a.pdf', Buffer.alloc(0)) }, 'birth_record', 'required', 'an empty file');
      await refused({ birth_hospital: file('a.pdf', body) }, 'birth_hospital', 'invalid',
        'a file for a text field');
      // A long file's base64 is decoded from the body text as it came
      // (core/jsonlift): a bad character in it is still refused, escapes
      // still count, and a client cannot forge the server's placeholder.
      const long = body.toString('base64');
      await refused({ birth_record: { name: 'a.pdf', content_base64: long.slice(0, 400) + '*' + long.slice(401) } },
        'birth_record', 'invalid', 'bad base64 in a long file');
      const raw = (text, k) => fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
        headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
          'idempotency-key': k }), body: text });
      const slashed = Buffer.concat([PDF, Buffer.alloc(3000, 0xff)]);
      res = await raw(JSON.stringify({ item_code: item, values: { ...values, birth_record: file('b.pdf', slashed) } })
        .replaceAll('/', '\\/'), key + '-escaped');
      assert.equal(res.status, 201, 'base64 with escaped slashes');
      const escaped = await caseJson(citizen, (await res.json()).case_id);
      assert.equal(escaped.case.form_values.birth_record.sha256, createHash('sha256').update(slashed).digest('hex'));
      res = await raw(JSON.stringify({ item_code: item, values: { ...values,
        photo: { content_base64: '\u00000' }, birth_record: file('a.pdf', body) } }), key + '-forged');
      assert.equal(res.status, 422, 'a forged placeholder');
      assert.deepEqual(Object.keys((await res.json()).error.fields), ['body']);
      res = await post({ ...values, child_name: { x: file('a.pdf', body) } }, key + '-nested');
      assert.equal(res.status, 422, 'a file nested in a text field');

      // Nothing was made by the refusals.
      const after = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(after.cases.length, mine.cases.length + 2);
    });

    test('the API submit takes files as multipart parts', async () => {
      const { item, token, values } = await birthApi(srv.url, citizen);
      const body = Buffer.concat([PDF, Buffer.alloc(50 * 1024, 0x21)]);
      // data: the JSON of the plain API; files: field -> [bytes, name].
      const post = (data, files, key, headers = { 'x-csrf-token': token }) => {
        const fd = new FormData();
        if (data !== undefined) fd.append('data', typeof data === 'string' ? data : JSON.stringify(data));
        for (const [field, [bytes, name]] of Object.entries(files)) fd.append(field, new Blob([bytes]), name);
        return fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
          headers: citizen.headers({ 'idempotency-key': key, ...headers }), body: fd });
      };
      const key = `parts-${backend}-${Date.now()}`;
      let res = await post({ item_code: item, values }, { birth_record: [body, '出生登记表.pdf'] }, key);
      assert.equal(res.status, 201);
      const first = await res.json();
      const ref = (await caseJson(citizen, first.case_id)).case.form_values.birth_record;
      assert.deepEqual(ref, { name: '出生登记表.pdf', type: 'pdf', size: body.length,
        sha256: createHash('sha256').update(body).digest('hex') });
      const got = await citizen.get(`/cases/${first.case_id}/files/${ref.sha256}`);
      assert.ok(Buffer.from(await got.arrayBuffer()).equals(body), 'the stored file is the bytes sent');
      res = await post({ item_code: item, values }, { birth_record: [body, '出生登记表.pdf'] }, key);
      assert.equal(res.status, 200, 'a retry answers the same case');
      assert.deepEqual(await res.json(), first);
      const mine = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(mine.cases.filter((c) => c.tracking_no === first.tracking_no).length, 1);

      const messages = JSON.parse(readFileSync(new URL('../../locale/zh-CN.json', import.meta.url))).error;
      const refused = async (data, files, fields, why) => {
        const r = await post(data, files, `${key}-${Math.random()}`);
        assert.equal(r.status, 422, why);
        const want = Object.fromEntries(Object.entries(fields).map(([f, c]) => [f, messages[c] ?? c]));
        assert.deepEqual((await r.json()).error.fields, want, why);
      };
      const ok = { item_code: item, values };
      await refused(undefined, { birth_record: [body, 'a.pdf'] }, { data: 'required' }, 'no data part');
      await refused('{not json', { birth_record: [body, 'a.pdf'] }, { data: 'invalid' }, 'data not JSON');
      await refused(ok, { birth_record: [PNG, 'a.pdf'] }, { birth_record: 'type' }, 'a PNG named .pdf');
      await refused(ok, { birth_record: [Buffer.from('#!/bin/sh\n'), 'a.pdf'] }, { birth_record: 'type' },
        'bytes of no accepted type');
      await refused(ok, { birth_record: [Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'a.pdf'] },
        { birth_record: 'too_big' }, 'over the field\'s max_bytes');
      await refused(ok, { birth_record: [body, 'a.pdf'], birth_hospital: [body, 'b.pdf'] },
        { birth_hospital: 'invalid' }, 'a file for a text field');
      await refused(ok, {}, { birth_record: 'required' }, 'the required file missing');
      const bad = await post({ item_code: item, values: { ...values, applicant_idnum: BAD_ID } },
        { birth_record: [body, 'a.pdf'] }, `${key}-bad`);
      assert.equal(bad.status, 422);
      assert.ok((await bad.json()).error.fields.applicant_idnum, 'a bad value is named as in the JSON API');
      res = await post(ok, { birth_record: [body, 'a.pdf'] }, `${key}-nocsrf`, {});
      assert.equal(res.status, 403, 'the CSRF header is required');
      const after = await (await citizen.get('/api/v1/my/cases')).json();
      assert.equal(after.cases.length, mine.cases.length, 'nothing was made by the refusals');
    });

    test('progress lookup by tracking number and phone', async () => {
      const { draft, csrf } = await birthDraft(citizen);
      const id = caseOf(await citizen.post(`/apply/draft/${draft}`, { csrf, action: 'submit', ...BIRTH }));
      const { case: c } = await caseJson(citizen, id);
      const anon = new Client(srv.url);
      let res = await anon.get(`/track?tracking=${c.tracking_no}&phone=13800138000`);
      assert.equal(res.status, 200);
      let page = await res.text();
      assert.match(page, new RegExp(c.tracking_no));
      assert.match(page, /138\*\*\*\*8000/, 'the phone is masked');
      assert.doesNotMatch(page, /王小明|鼓楼区五四路/, 'no form values');
      res = await anon.get(`/track?tracking=${c.tracking_no}&phone=13900139000`);
      assert.equal(res.status, 404);
      const wrongPhone = (await res.text()).match(/class="notice-warn"[^>]*>([^<]+)/)[1];
      res = await anon.get('/track?tracking=350100-20000101-999999&phone=13800138000');
      assert.equal(res.status, 404);
      assert.equal((await res.text()).match(/class="notice-warn"[^>]*>([^<]+)/)[1], wrongPhone,
        'an unknown number and a wrong phone read the same');
      res = await anon.get('/track?tracking=&phone=13800138000');
      assert.equal(res.status, 422);
      assert.equal((await anon.get('/track')).status, 200);
      const api = await fetch(`${srv.url}/api/v1/track?tracking=${c.tracking_no}&phone=%2B86%20138-0013-8000`);
      assert.equal(api.status, 200, 'the phone may be written with +86 and dashes');
      const body = await api.json();
      assert.equal(body.case.form_values, undefined);
      assert.equal(body.case.applicant_phone, '138****8000');
    });
  });
}
