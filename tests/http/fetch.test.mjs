// "Data travels instead of people": a material the catalogue marks as
// fetchable from a data resource is offered with a consent checkbox; with
// consent the platform reads the applicant's record through the exchange
// as the department whose task needs it, writes a signed receipt and keeps
// the record with the case. Refusals (no record, no grant, an expired
// grant) name the consent field and keep what was entered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN, root } from '../lib/server.mjs';
import { editForm } from '../lib/guide.mjs';

const ID = '350102199003071234';	// the demo citizen's record in wjw-0001
function idnum(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const NOBODY = idnum('11010519491231002');

const BIRTH = {
  child_name: '张小满', child_gender: 'f', child_birth_date: '2026-01-15', birth_hospital: '福建省妇幼保健院',
  applicant_name: '林晓', applicant_idnum: ID, relation: 'mother', phone: '13800138000',
  hukou_region: '350102000000', hukou_address: '鼓楼区五四路 1 号', bank: 'icbc', mail_address: '福州市鼓楼区五四路 1 号',
};

function sql(srv, q) {
  if (srv.backend === 'pgsql') execFileSync('psql', [srv.db, '-q', '-c', q], { stdio: 'pipe' });
  else execFileSync('sqlite3', [srv.db, q], { stdio: 'pipe' });
}

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  assert.equal((await c.login(who, password)).status, 303, `${who} logs in`);
  return c;
}

for (const backend of backends()) {
  test(`materials fetched with consent (${backend})`, async (t) => {
    const srv = await startServer(backend);
    t.after(() => srv.stop());
    const citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
    const token = await citizen.csrf('/my');
    let n = 0;
    const apply = (body) => fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
      headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
        'idempotency-key': `fetch-${backend}-${Date.now()}-${n++}` }), body: JSON.stringify(body) });
    const { bundle } = await (await fetch(srv.url + '/api/v1/bundles/birth')).json();
    // A department's receipts file, through a key of its steward.
    const receipts = async (who) => {
      const c = await login(srv.url, who);
      const csrf = await c.csrf('/staff/data/keys');
      const kr = await c.post('/staff/data/keys', { csrf, action: 'create', name: `receipts ${n++}` });
      const key = (await kr.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      return (await fetch(srv.url + '/api/v1/exchange/receipts', { headers: { authorization: `Bearer ${key}` } })).json();
    };
    const verifies = (file) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'yw-fetch-'));
      try {
        writeFileSync(path.join(dir, 'r.json'), JSON.stringify(file));
        execFileSync(path.join(root, 'build/yiwang'), ['exchange', 'verify', path.join(dir, 'r.json')], { stdio: 'pipe' });
      } finally { rmSync(dir, { recursive: true, force: true }); }
    };
    const ybjItem = bundle.items.find((i) => i.code.includes('-ybj-')).code;

    await t.test('the guide and the form offer the fetch', async () => {
      const gajItem = bundle.items.find((i) => i.code.includes('-gaj-')).code;
      const guide = await (await fetch(`${srv.url}/services/${gajItem}`)).text();
      assert.match(guide, /可由平台从福州市卫生健康委员会数据获取，无需提交/);
      const form = await (await citizen.get('/apply/bundle/birth')).text();
      assert.match(form, /<input type="checkbox" id="f-fetch_1" name="v_fetch_1" value="yes">/);
      assert.match(form, /同意平台向福州市卫生健康委员会调取/);
      const def = await (await citizen.get('/api/v1/apply/bundle/birth')).json().catch(() => null);
      if (def?.fields) assert.ok(def.fields.some((f) => f.name === 'fetch_1'));
    });

    await t.test('without consent the upload is required as before', async () => {
      const res = await apply({ bundle_code: 'birth', values: BIRTH });
      assert.equal(res.status, 422);
      assert.match((await res.json()).error.fields.birth_record, /必填/);
    });

    let caseId;
    await t.test('with consent the record is fetched, kept with the case and receipted', async () => {
      const res = await apply({ bundle_code: 'birth', values: { ...BIRTH, fetch_1: 'yes' } });
      assert.equal(res.status, 201);
      const made = await res.json();
      caseId = made.case_id;
      const gaj = await login(srv.url, 'gaj_handler');
      const view = await (await gaj.get(`/api/v1/cases/${caseId}`)).json();
      assert.equal(view.fetched.length, 1);
      const f = view.fetched[0];
      assert.equal(f.material, '出生医学证明');
      assert.equal(f.resource_code, 'wjw-0001');
      const rows = Object.fromEntries(f.rows.map((r) => [r.item, r.value]));
      assert.equal(rows.baby_name, '张小满');
      assert.equal(rows.mother_idnum, ID, 'the reading department sees what its grant covers');
      const task = view.tasks.find((t2) => t2.department_name === '福州市公安局');
      const page = await (await gaj.get(`/staff/tasks/${task.id}`)).text();
      assert.match(page, new RegExp(`由平台从福州市卫生健康委员会调取，回执 #${f.receipt_seq}`));
      assert.match(page, /张小满/);
      // Another department of the case sees personal items it is not granted masked.
      const ybj = await login(srv.url, 'ybj_handler');
      const yv = await (await ybj.get(`/api/v1/cases/${caseId}`)).json();
      const yrows = Object.fromEntries(yv.fetched[0].rows.map((r) => [r.item, r.value]));
      assert.notEqual(yrows.mother_idnum, ID);
      assert.notEqual(yrows.baby_name, '张小满');
      assert.equal(yrows.birth_date, '2026-01-15');
      // The applicant sees that it was fetched, not the record.
      const mine = await (await citizen.get(`/api/v1/cases/${caseId}`)).json();
      assert.equal(mine.fetched.length, 1);
      assert.equal(mine.fetched[0].rows, undefined);
      assert.match(await (await citizen.get(`/cases/${caseId}`)).text(), /已按您的同意由平台调取/);
      // The receipt is in 公安局's chain and verifies offline.
      const keyc = await login(srv.url, 'gaj_admin');
      const csrf = await keyc.csrf('/staff/data/keys');
      const kr = await keyc.post('/staff/data/keys', { csrf, action: 'create', name: 'fetch check' });
      const key = (await kr.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      const file = await (await fetch(srv.url + '/api/v1/exchange/receipts', { headers: { authorization: `Bearer ${key}` } })).json();
      const r = file.receipts.find((e) => e.seq === f.receipt_seq);
      assert.equal(r.operation, 'fetch');
      assert.equal(r.resource_code, 'wjw-0001');
      assert.equal(r.row_count, 1);
      assert.equal(r.key_id, null);
      assert.match(r.query, new RegExp(`case ${made.tracking_no}`));
      assert.equal(r.hash, f.receipt_hash);
      const pk = (await (await fetch(srv.url + '/api/v1/exchange/public-key')).json()).platform_public_key;
      const dir = mkdtempSync(path.join(tmpdir(), 'yw-fetch-'));
      try {
        writeFileSync(path.join(dir, 'r.json'), JSON.stringify(file));
        execFileSync(path.join(root, 'build/yiwang'), ['exchange', 'verify', path.join(dir, 'r.json'), '--public-key', pk],
          { stdio: 'pipe' });
      } finally { rmSync(dir, { recursive: true, force: true }); }
      // Audited.
      const admin = await login(srv.url, 'admin');
      const audit = await (await admin.get('/api/v1/audit')).text();
      assert.match(audit, /case\.fetch/);
    });

    await t.test('consent with no record: a field error, the input kept, no case', async () => {
      const before = (await (await citizen.get('/api/v1/my/cases')).json()).cases.length;
      const res = await apply({ bundle_code: 'birth', values: { ...BIRTH, applicant_idnum: NOBODY, fetch_1: 'yes' } });
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.fetch_1, 'the consent field is named');
      assert.equal((await (await citizen.get('/api/v1/my/cases')).json()).cases.length, before);
      // The case rolled back, but the read it made is in 公安局's log,
      // signed and chained, after the rollback.
      const file = await receipts('gaj_steward');
      const last = file.receipts.filter((e) => e.operation === 'fetch').at(-1);
      assert.ok(last, 'the failed fetch has a receipt');
      assert.equal(last.row_count, 0);
      assert.match(last.query, new RegExp(NOBODY));
      verifies(file);
      // Through the pages: the form comes back with the message and the values.
      const csrf = await citizen.csrf('/apply/bundle/birth');
      const form = { csrf, action: 'submit', v_fetch_1: 'yes' };
      for (const [k, v] of Object.entries({ ...BIRTH, applicant_idnum: NOBODY })) form[`v_${k}`] = v;
      let page = await citizen.post('/apply/bundle/birth', form);
      page = await page.text();
      assert.match(page, /在福州市卫生健康委员会数据中未找到，请上传/);
      assert.match(page, /value="鼓楼区五四路 1 号"/);
      assert.match(page, /id="f-fetch_1" name="v_fetch_1" value="yes" checked/);
    });

    await t.test('a department whose grant does not cover the ID number is refused', async () => {
      const before = (await receipts('ybj_steward')).receipts.length;
      const res = await apply({ item_code: ybjItem, values: { ...BIRTH, fetch_1: 'yes' } });
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.fetch_1, 'the consent field is named');
      // The denied call is logged in 医保局's chain all the same.
      const file = await receipts('ybj_steward');
      const denied = file.receipts.slice(before).filter((e) => e.operation === 'fetch');
      assert.equal(denied.length, 1);
      assert.equal(denied[0].result, 'denied');
      assert.equal(denied[0].reason, 'item_outside_grant');
      assert.equal(denied[0].key_prefix, 'platform');
      verifies(file);
    });

    await t.test('the item editor chooses the fetch resource among those the department may read', async () => {
      // 公安局's 出生登记 fetches the birth certificate (卫健委, conditional,
      // granted): the select shows it chosen, and saving the form keeps it.
      const gaj = await login(srv.url, 'gaj_admin');
      const { services } = await (await gaj.get('/api/v1/admin/services')).json();
      const reg = services.find((x) => x.name === '出生登记（新生儿落户）');
      const edit = `/admin/services/${reg.id}`;
      let html = await (await gaj.get(edit)).text();
      const sel = html.match(/<select[^>]*id="f-material_(\d+)_fetch_resource"[\s\S]*?<\/select>/);
      assert.ok(sel, 'a select per material');
      assert.match(sel[0], /<option value="wjw-0001" selected>/);
      assert.match(html, new RegExp(`<label for="f-material_${sel[1]}_fetch_resource">`));
      let res = await gaj.post(edit, editForm(html).toString());
      assert.equal(res.status, 303, await res.text());
      const item = async (c, id) => (await (await c.get(`/api/v1/admin/services/${id}`)).json()).service;
      assert.equal((await item(gaj, reg.id)).materials.find((m) => m.name === '出生医学证明').fetch_resource, 'wjw-0001');
      // 人社局 holds no grant on it: not offered, and refused if posted.
      const rsj = await login(srv.url, 'rsj_admin');
      const own = (await (await rsj.get('/api/v1/admin/services')).json()).services[0];
      const redit = `/admin/services/${own.id}`;
      html = await (await rsj.get(redit)).text();
      assert.match(html, /id="f-material_1_fetch_resource"/);
      assert.doesNotMatch(html, /<option value="wjw-0001"/);
      assert.match(html, /<option value="scjg-0001"/, 'an unconditional resource is offered');
      const form = editForm(html);
      form.set('material_1_fetch_resource', 'wjw-0001');
      res = await rsj.post(redit, form.toString());
      assert.equal(res.status, 422);
      html = await res.text();
      assert.match(html, /id="e-material_1_fetch_resource"/);
      assert.match(html, /href="#f-material_1_fetch_resource"/, 'the summary links to the select');
      assert.match(html, /无权读取该数据资源/);
      assert.match(html, /<option value="wjw-0001" selected>/, 'the choice is kept to be corrected');
      form.set('material_1_fetch_resource', 'scjg-0001');
      res = await rsj.post(redit, form.toString());
      assert.equal(res.status, 303, await res.text());
      assert.equal((await item(rsj, own.id)).materials[0].fetch_resource, 'scjg-0001');
    });

    await t.test('an expired grant is no grant, for the exchange and for the fetch', async () => {
      sql(srv, "UPDATE data_grant SET expires_at = 1000 WHERE department_id = (SELECT id FROM department WHERE code = 'gaj')"
        + " AND resource_id = (SELECT id FROM data_resource WHERE code = 'wjw-0001')");
      const res = await apply({ bundle_code: 'birth', values: { ...BIRTH, fetch_1: 'yes' } });
      assert.equal(res.status, 422);
      assert.ok((await res.json()).error.fields.fetch_1, 'the consent field is named');
      const keyc = await login(srv.url, 'gaj_steward');
      const csrf = await keyc.csrf('/staff/data/keys');
      const kr = await keyc.post('/staff/data/keys', { csrf, action: 'create', name: 'expiry check' });
      const key = (await kr.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      let r = await fetch(srv.url + '/api/v1/exchange/resources/wjw-0001/records', { headers: { authorization: `Bearer ${key}` } });
      assert.equal(r.status, 403);
      assert.equal((await r.json()).error.reason, 'no_grant');
      sql(srv, "UPDATE data_grant SET expires_at = 4102444800 WHERE department_id = (SELECT id FROM department WHERE code = 'gaj')"
        + " AND resource_id = (SELECT id FROM data_resource WHERE code = 'wjw-0001')");
      r = await fetch(srv.url + '/api/v1/exchange/resources/wjw-0001/records', { headers: { authorization: `Bearer ${key}` } });
      assert.equal(r.status, 200, 'a grant that expires later still reads');
    });
  });
}
