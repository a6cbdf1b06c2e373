// Data exchange: API keys, pushes checked against the catalogue's items,
// grant-limited reads with masking, and signed receipts checked offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, backends, Client, DEMO_PASSWORD, root } from '../lib/server.mjs';

async function newKey(url, login) {
  const c = new Client(url);
  await c.login(login, DEMO_PASSWORD);
  const csrf = await c.csrf('/staff/data/keys');
  const res = await c.post('/staff/data/keys', { csrf, action: 'create', name: `${login} system` });
  assert.equal(res.status, 200);
  const m = (await res.text()).match(/<code id="new-key">([^<]+)<\/code>/);
  assert.ok(m, 'the new key is shown');
  return { key: m[1], client: c };
}

function call(url, key, p, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (key) headers.authorization = `Bearer ${key}`;
  return fetch(url + p, { ...opts, headers });
}

function verify(file, pk) {
  try {
    const out = execFileSync(path.join(root, 'build/yiwang'),
      ['exchange', 'verify', file, '--public-key', pk], { encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out };
  } catch (e) { return { code: e.status, out: String(e.stderr) }; }
}

for (const backend of backends()) {
  test(`data exchange (${backend})`, async (t) => {
    const srv = await startServer(backend);
    const dir = mkdtempSync(path.join(tmpdir(), 'yw-rcpt-'));
    t.after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });
    const wjw = await newKey(srv.url, 'wjw_steward');
    const gaj = await newKey(srv.url, 'gaj_steward');
    const ybj = await newKey(srv.url, 'ybj_steward');
    const rsj = await newKey(srv.url, 'rsj_admin');
    const rec = '/api/v1/exchange/resources/wjw-0001/records';
    const count = async () => (await (await call(srv.url, wjw.key, `${rec}?limit=100`)).json()).records.length;

    await t.test('the catalogue is listed for staff', async () => {
      const list = await (await wjw.client.get('/api/v1/data/resources')).json();
      const codes = list.resources.map((r) => r.code);
      for (const c of ['scjg-0001', 'sthj-0001', 'wjw-0001']) assert.ok(codes.includes(c), c);
      assert.deepEqual(codes, [...codes].sort(), 'ordered by code');
      const one = await (await wjw.client.get('/api/v1/data/resources/wjw-0001')).json();
      assert.equal(one.resource.sharing, 'conditional');
      assert.equal(one.resource.items.find((i) => i.name === 'mother_idnum').personal, true);
      assert.equal((await fetch(srv.url + '/api/v1/data/resources')).status, 401);
    });

    await t.test('a good JSON batch is applied', async () => {
      const before = await count();
      const res = await call(srv.url, wjw.key, rec, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ records: [{ cert_no: 'Q350100009', baby_name: '刘安', sex: '男', birth_date: '2026-05-02',
          mother_name: '刘芳', mother_idnum: '350102199101010022', issued_on: '2026-05-03' }] }) });
      assert.equal(res.status, 201);
      const body = await res.json();
      assert.equal(body.accepted, 1);
      assert.ok(body.receipt.seq >= 1);
      assert.equal(await count(), before + 1);
    });

    await t.test('a bad batch is refused whole with a per-row report', async () => {
      const before = await count();
      const res = await call(srv.url, wjw.key, rec, { method: 'POST', body: JSON.stringify({ records: [
        { cert_no: 'Q350100010', baby_name: '甲', sex: '男', birth_date: '2026-05-02', mother_name: '乙', mother_idnum: '350102199101010022', issued_on: '2026-05-03' },
        { cert_no: 'Q350100011', baby_name: 7, sex: '男男男', birth_date: '2026-02-30', mother_name: '乙', issued_on: '2026-05-03', colour: 'x' },
      ] }) });
      assert.equal(res.status, 422);
      const e = (await res.json()).error;
      assert.equal(e.reason, 'rows');
      assert.equal(e.rows.length, 1);
      assert.equal(e.rows[0].row, 2);
      assert.deepEqual(e.rows[0].fields, { baby_name: 'wrong_type', sex: 'too_long', birth_date: 'bad_date',
        mother_idnum: 'required', colour: 'unknown_field' });
      assert.equal(await count(), before, 'nothing partly applied');
    });

    await t.test('CSV: good with BOM and CRLF; GBK, bad quoting and wrong columns refused with the line', async () => {
      const before = await count();
      const head = 'cert_no,baby_name,sex,birth_date,mother_name,mother_idnum,issued_on\r\n';
      const good = '\ufeff' + head + 'Q350100020,"陈, 小",女,2026-05-04,陈母,350102199101010022,2026-05-05\r\n';
      let res = await call(srv.url, wjw.key, rec, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: good });
      assert.equal(res.status, 201);
      assert.equal(await count(), before + 1);
      const gbk = Buffer.concat([Buffer.from(head + 'Q350100021,'), Buffer.from([0xc0, 0xee]), Buffer.from(',女,2026-05-04,a,b,2026-05-05\r\n')]);
      res = await call(srv.url, wjw.key, rec, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: gbk });
      assert.equal(res.status, 422);
      assert.deepEqual((await res.json()).error.csv, { code: 'encoding', line: 2 });
      res = await call(srv.url, wjw.key, rec, { method: 'POST', headers: { 'content-type': 'text/csv' },
        body: head + 'Q1,a"b,女,2026-05-04,a,b,2026-05-05\n' });
      assert.deepEqual((await res.json()).error.csv, { code: 'quote', line: 2 });
      res = await call(srv.url, wjw.key, rec, { method: 'POST', headers: { 'content-type': 'text/csv' },
        body: head + 'Q1,a,女\n' });
      assert.deepEqual((await res.json()).error.csv, { code: 'columns', line: 2 });
      assert.equal(await count(), before + 1);
    });

    await t.test('reads follow grants; personal items are masked', async () => {
      let res = await call(srv.url, gaj.key, `${rec}?mother_idnum=350102199001011237`);
      assert.equal(res.status, 200);
      let body = await res.json();
      assert.equal(body.records.length, 1);
      assert.equal(body.records[0].data.baby_name, '林小雨');
      assert.deepEqual(body.masked, []);
      res = await call(srv.url, ybj.key, `${rec}?cert_no=Q350100001`);
      body = await res.json();
      assert.equal(res.status, 200);
      assert.equal(body.records.length, 1);
      assert.equal(body.records[0].data.mother_idnum, '350102********1237');
      assert.ok(body.masked.includes('mother_idnum'));
      res = await call(srv.url, ybj.key, `${rec}?mother_idnum=350102199001011237`);
      assert.equal(res.status, 403);
      assert.equal((await res.json()).error.reason, 'item_outside_grant');
      res = await call(srv.url, rsj.key, rec);
      assert.equal(res.status, 403);
      assert.equal((await res.json()).error.reason, 'no_grant');
      res = await call(srv.url, rsj.key, '/api/v1/exchange/resources/scjg-0001/records?limit=2');
      body = await res.json();
      assert.equal(res.status, 200);
      assert.equal(body.records.length, 2);
      assert.ok(body.next_cursor);
      assert.notEqual(body.records[0].data.legal_rep, '李明');
      res = await call(srv.url, rsj.key, `/api/v1/exchange/resources/scjg-0001/records?limit=2&cursor=${body.next_cursor}`);
      assert.equal((await res.json()).records.length, 1);
      res = await call(srv.url, rsj.key, '/api/v1/exchange/resources/scjg-0001/records?limit=101');
      assert.equal(res.status, 422);
    });

    await t.test('wrong, revoked and foreign keys are refused', async () => {
      let res = await call(srv.url, gaj.key, rec, { method: 'POST', body: '{"records":[]}' });
      assert.equal(res.status, 403);
      assert.equal((await res.json()).error.reason, 'not_provider');
      res = await call(srv.url, 'ywk_not-a-real-key-at-all-000000000000000000', rec);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.reason, 'key_unknown');
      const spare = await newKey(srv.url, 'rsj_admin');
      const page = await spare.client.get('/staff/data/keys');
      const ids = [...(await page.text()).matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1]);
      const csrf = await spare.client.csrf('/staff/data/keys');
      await spare.client.post('/staff/data/keys', { csrf, action: 'revoke', id: ids[0] });
      res = await call(srv.url, spare.key, '/api/v1/exchange/resources/scjg-0001/records');
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.reason, 'key_revoked');
    });

    await t.test('receipts download and verify offline; tampering is caught', async () => {
      const pk = (await (await fetch(srv.url + '/api/v1/exchange/public-key')).json()).platform_public_key;
      assert.match(pk, /^[0-9a-f]{64}$/);
      const res = await call(srv.url, ybj.key, '/api/v1/exchange/receipts');
      assert.equal(res.status, 200);
      const file = await res.json();
      assert.ok(file.receipts.length >= 2);
      assert.ok(file.receipts.some((r) => r.result === 'denied' && r.reason === 'item_outside_grant'));
      const f = path.join(dir, 'r.json');
      writeFileSync(f, JSON.stringify(file));
      assert.equal(verify(f, pk).code, 0);
      const edited = structuredClone(file); edited.receipts[1].row_count += 1;
      writeFileSync(f, JSON.stringify(edited));
      let v = verify(f, pk); assert.equal(v.code, 1); assert.match(v.out, /receipt 2 is bad/);
      const deleted = structuredClone(file); deleted.receipts.splice(1, 1);
      writeFileSync(f, JSON.stringify(deleted));
      v = verify(f, pk); assert.equal(v.code, 1); assert.match(v.out, /receipt 2 is bad/);
      const inserted = structuredClone(file); inserted.receipts.splice(1, 0, structuredClone(file.receipts[0]));
      writeFileSync(f, JSON.stringify(inserted));
      v = verify(f, pk); assert.equal(v.code, 1); assert.match(v.out, /receipt 2 is bad/);
      const cut = structuredClone(file); cut.receipts.pop();
      writeFileSync(f, JSON.stringify(cut));
      assert.equal(verify(f, pk).code, 1);
      writeFileSync(f, JSON.stringify(file));
      assert.equal(verify(f, '00'.repeat(32)).code, 1, 'another platform key fails');
      assert.equal(readFileSync(f, 'utf8').length > 0, true);
    });
  });
}
