// Data sharing, second part: steward catalogue pages with the item table,
// sharing requests with working-day clocks (approve path to an exchange
// read, refusals, permission boundaries, overdue escalation) and freshness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, backends, Client, DEMO_PASSWORD, yiwang } from '../lib/server.mjs';

async function login(url, who) {
  const c = new Client(url);
  const res = await c.login(who, DEMO_PASSWORD);
  assert.equal(res.status, 303);
  return c;
}

function sql(srv, q) {
  if (srv.backend === 'pgsql') execFileSync('psql', [srv.db, '-q', '-c', q], { stdio: 'pipe' });
  else execFileSync('sqlite3', [srv.db, q], { stdio: 'pipe' });
}

async function act(c, id, fields) {
  const csrf = await c.csrf(`/staff/data/requests/${id}`);
  return c.post(`/staff/data/requests/${id}`, { csrf, ...fields });
}

async function inbox(c) {
  return (await (await c.get('/api/v1/my/messages')).json()).messages;
}

for (const backend of backends()) {
  test(`data sharing requests and catalogue pages (${backend})`, async (t) => {
    const srv = await startServer(backend);
    t.after(() => srv.stop());
    const [wjw, rsj, admin, scjg] = await Promise.all(['wjw_steward', 'rsj_admin', 'admin', 'scjg_steward']
      .map((w) => login(srv.url, w)));

    await t.test('the staff nav links to data sharing; the catalogue page lists own and shareable entries', async () => {
      const html = await (await wjw.get('/staff/data/resources')).text();
      assert.match(html, /href="\/staff\/data\/resources">数据共享</);
      assert.match(html, /wjw-0001/);
      assert.match(html, /scjg-0001/);
      const handler = await login(srv.url, 'wjw_handler');
      assert.doesNotMatch(await (await handler.get('/my')).text(), /href="\/staff\/data\/resources"/);
      const mine = await (await wjw.get('/api/v1/data/resources?scope=mine')).json();
      const codes = mine.resources.map((r) => r.code);
      assert.ok(codes.includes('wjw-0001'), codes.join());
      assert.ok(codes.every((c) => c.startsWith('wjw-')), `only 卫健委's own: ${codes}`);
      assert.equal((await wjw.get('/api/v1/data/resources?sharing=maybe')).status, 422);
    });

    await t.test('a steward creates an entry with the item table; missing fields are named and input kept', async () => {
      const csrf = await scjg.csrf('/staff/data/resources/new');
      const bad = await scjg.post('/staff/data/resources/new', { csrf, name: '个体户名录', summary: '',
        item_1_name: 'shop_name', item_1_label: '字号', item_1_type: 'string', item_1_length: '50', item_1_required: '1',
        item_2_name: 'Bad Name', item_2_label: '坏', item_2_type: 'string' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /id="e-summary"/);
      assert.match(html, /id="e-classification"/);
      assert.match(html, /id="e-item_2_name"/);
      assert.match(html, /value="个体户名录"/);
      assert.match(html, /value="shop_name"/);
      const ok = await scjg.post('/staff/data/resources/new', { csrf, name: '个体户名录', summary: '个体工商户登记名录',
        classification: 'department', format: 'database', sharing: 'unconditional', open_attr: 'unconditional',
        update_cycle: 'weekly', published_on: '2026-03-01',
        item_1_name: 'shop_name', item_1_label: '字号', item_1_type: 'string', item_1_length: '50', item_1_required: '1',
        item_2_name: 'owner_idnum', item_2_label: '经营者身份证号', item_2_type: 'string', item_2_length: '18', item_2_personal: '1',
        item_3_name: 'junk', item_3_label: '删除我', item_3_type: 'string', item_3_remove: '1' });
      assert.equal(ok.status, 303, (await ok.clone().text()).match(/error-summary-list">[^]*?<\/ul>/)?.[0]);
      const made = ok.headers.get('location').match(/^\/staff\/data\/resources\/(scjg-[0-9]{4})\?saved=1$/);
      assert.ok(made, ok.headers.get('location'));
      const code = made[1];
      const one = (await (await scjg.get(`/api/v1/data/resources/${code}`)).json()).resource;
      assert.deepEqual(one.items.map((i) => i.name), ['shop_name', 'owner_idnum']);
      assert.equal(one.items[1].personal, true);
      const edit = await (await scjg.get(`/staff/data/resources/${code}/edit`)).text();
      assert.match(edit, /name="item_2_personal" value="1" checked/);
      assert.equal((await wjw.get(`/staff/data/resources/${code}/edit`)).status, 403);
    });

    let id;
    await t.test('request, approval and grant lead to an exchange read with the granted items unmasked', async () => {
      const page = await (await rsj.get('/staff/data/resources/wjw-0001/request')).text();
      assert.match(page, /name="want_1"/);
      const csrf = await rsj.csrf('/staff/data/resources/wjw-0001/request');
      const none = await rsj.post('/staff/data/resources/wjw-0001/request', { csrf, purpose: '' });
      assert.equal(none.status, 422);
      assert.match(await none.text(), /id="e-purpose"/);
      const res = await rsj.post('/staff/data/resources/wjw-0001/request', { csrf, purpose: '核验参保新生儿',
        want_1: 'cert_no', want_2: 'baby_name', want_6: 'mother_idnum' });
      assert.equal(res.status, 303);
      id = Number(res.headers.get('location').match(/requests\/(\d+)/)[1]);
      const view = (await (await rsj.get(`/api/v1/data/requests/${id}`)).json()).request;
      assert.equal(view.state, 'review');
      assert.ok(view.due && view.light);
      assert.deepEqual(view.items, ['cert_no', 'baby_name', 'mother_idnum']);
      // The provider cannot act before the data office; another department sees nothing.
      assert.equal((await act(wjw, id, { action: 'refuse', reason: 'x' })).status, 403);
      assert.equal((await scjg.get(`/staff/data/requests/${id}`)).status, 404);
      assert.equal((await scjg.get(`/api/v1/data/requests/${id}`)).status, 404);
      const lists = await (await admin.get('/api/v1/data/requests')).json();
      assert.ok(lists.to_review.some((q) => q.id === id));
      assert.equal((await act(admin, id, { action: 'approve' })).status, 303);
      assert.equal((await act(admin, id, { action: 'approve' })).status, 409);
      const toAnswer = await (await wjw.get('/api/v1/data/requests')).json();
      assert.ok(toAnswer.to_answer.some((q) => q.id === id && q.state === 'answer'));
      const noItems = await act(wjw, id, { action: 'grant' });
      assert.equal(noItems.status, 422);
      assert.equal((await act(wjw, id, { action: 'grant', want_1: 'cert_no', want_2: 'mother_idnum' })).status, 303);
      const done = (await (await rsj.get(`/api/v1/data/requests/${id}`)).json()).request;
      assert.equal(done.state, 'granted');
      assert.deepEqual(done.granted_items, ['cert_no', 'mother_idnum']);
      assert.deepEqual(done.timeline.map((e) => e.event), ['submitted', 'approved', 'granted']);
      // The exchange reads at once, with the granted personal item unmasked.
      const kcsrf = await rsj.csrf('/staff/data/keys');
      const kp = await rsj.post('/staff/data/keys', { csrf: kcsrf, action: 'create', name: 'rsj system' });
      const key = (await kp.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      const read = await fetch(`${srv.url}/api/v1/exchange/resources/wjw-0001/records?limit=5`,
        { headers: { authorization: `Bearer ${key}` } });
      assert.equal(read.status, 200);
      const recs = (await read.json()).records;
      assert.ok(recs.length > 0);
      // Granted: the personal mother_idnum in full; not granted: the
      // personal baby_name masked, the non-personal sex left out.
      assert.match(recs[0].data.mother_idnum, /^[0-9]{17}[0-9X]$/, JSON.stringify(recs[0]));
      assert.ok(recs[0].data.cert_no);
      assert.match(recs[0].data.baby_name, /\*/);
      assert.equal(recs[0].data.sex, undefined);
      assert.equal((await inbox(rsj)).filter((m) => m.payload.data_request === id).length, 2);
    });

    await t.test('refusals need a reason', async () => {
      const c = await rsj.csrf('/staff/data/resources/wjw-0001/request');
      const r2 = await rsj.post('/staff/data/resources/wjw-0001/request', { csrf: c, purpose: '再次申请', want_3: 'sex' });
      const id2 = Number(r2.headers.get('location').match(/requests\/(\d+)/)[1]);
      const dup = await rsj.post('/staff/data/resources/wjw-0001/request', { csrf: c, purpose: '重复', want_3: 'sex' });
      assert.equal(dup.status, 422);
      const bare = await act(admin, id2, { action: 'refuse', reason: '' });
      assert.equal(bare.status, 422);
      assert.match(await bare.text(), /id="e-reason"/);
      const r = await act(admin, id2, { action: 'refuse', reason: '用途与所需数据项不符' });
      assert.equal(r.status, 303);
      const v = (await (await rsj.get(`/api/v1/data/requests/${id2}`)).json()).request;
      assert.equal(v.state, 'refused');
      assert.equal(v.reason, '用途与所需数据项不符');
    });

    await t.test('an overdue step is flagged and escalated once', async () => {
      const token = await rsj.get('/staff/data/keys');
      assert.equal(token.status, 200);
      const apiCsrf = (await rsj.csrf('/staff/data/keys'));
      const res = await rsj.post('/api/v1/data/resources/wjw-0001/requests', JSON.stringify({ purpose: '超期测试', items: ['sex'] }),
        { 'content-type': 'application/json', 'x-csrf-token': apiCsrf });
      assert.equal(res.status, 201, await res.clone().text());
      const id3 = (await res.json()).request.id;
      sql(srv, `UPDATE data_request SET step_day = step_day - 30, due_day = due_day - 30 WHERE id = ${id3}`);
      const v = (await (await admin.get(`/api/v1/data/requests/${id3}`)).json()).request;
      assert.equal(v.light, 'red');
      assert.equal(v.overdue, true);
      assert.match(await (await admin.get('/staff/data/requests')).text(), new RegExp(`data-request="${id3}"[^]*?overdue-flag`));
      assert.match(yiwang(srv.db, ['data', 'escalate']), /1 overdue step\(s\) escalated/);
      assert.match(yiwang(srv.db, ['data', 'escalate']), /0 overdue step\(s\) escalated/);
      const got = (await inbox(admin)).filter((m) => m.payload.data_request === id3);
      assert.equal(got.length, 1);
      const tl = (await (await admin.get(`/api/v1/data/requests/${id3}`)).json()).request.timeline;
      assert.equal(tl.filter((e) => e.event === 'escalated').length, 1);
      const figs = (await (await admin.get('/api/v1/data/resources')).json()).figures;
      const w = figs.find((f) => f.department_name === '卫健委' || f.department_id === v.provider_id);
      assert.ok(w.pending >= 1 && w.overdue >= 1);
    });

    await t.test('a late resource is flagged and its steward told once', async () => {
      sql(srv, "UPDATE data_resource SET records_updated_at = records_updated_at - 40 * 86400 WHERE code = 'scjg-0001'");
      const list = (await (await scjg.get('/api/v1/data/resources?late=1')).json());
      assert.ok(list.resources.some((r) => r.code === 'scjg-0001' && r.late === true && r.last_update));
      const mine = list.figures.find((f) => f.department_id === list.resources.find((r) => r.code === 'scjg-0001').department_id);
      assert.ok(mine.late >= 1);
      assert.match(await (await scjg.get('/staff/data/resources')).text(), /data-late="scjg-0001"/);
      yiwang(srv.db, ['data', 'freshness']);
      yiwang(srv.db, ['data', 'freshness']);
      const told = (await inbox(scjg)).filter((m) => m.payload.data_resource === 'scjg-0001');
      assert.equal(told.length, 1);
      assert.match(told[0].subject, /scjg-0001/);
    });
  });
}
