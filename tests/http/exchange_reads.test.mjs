// Exchange reads under load: reads on both workers write their log entries
// together, a pass at a time, yet every entry stays in one verifiable chain
// and every answer carries its own receipt; a revoked key and a changed or
// withdrawn grant count from the very next read on every worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, backends, Client, DEMO_PASSWORD, root } from '../lib/server.mjs';

async function newKey(url, login) {
  const c = new Client(url);
  await c.login(login, DEMO_PASSWORD);
  const csrf = await c.csrf('/staff/data/keys');
  const res = await c.post('/staff/data/keys', { csrf, action: 'create', name: `${login} system` });
  const m = (await res.text()).match(/<code id="new-key">([^<]+)<\/code>/);
  assert.ok(m, 'the new key is shown');
  return { key: m[1], client: c };
}

async function read(url, key, p) {
  const res = await fetch(url + p, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
}

// n reads at once: many connections, so both workers answer some.
function burst(url, key, p, n = 24) {
  return Promise.all(Array.from({ length: n }, () => read(url, key, p)));
}

function sql(srv, q) {
  if (srv.backend === 'pgsql') execFileSync('psql', [srv.db, '-q', '-c', q], { stdio: 'pipe' });
  else execFileSync('sqlite3', [srv.db, q], { stdio: 'pipe' });
}

const GRANT = "data_grant WHERE department_id = (SELECT id FROM department WHERE code = 'gaj')" +
  " AND resource_id = (SELECT id FROM data_resource WHERE code = 'wjw-0001')";

for (const backend of backends()) {
  test(`exchange reads in parallel (${backend})`, async (t) => {
    const srv = await startServer(backend);
    const dir = mkdtempSync(path.join(tmpdir(), 'yw-xread-'));
    t.after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });
    const gaj = await newKey(srv.url, 'gaj_steward');
    const rec = '/api/v1/exchange/resources/wjw-0001/records';

    await t.test('concurrent reads and refusals form one chain; each answer shows its own entry', async () => {
      const paths = Array.from({ length: 160 }, (_, i) => (i % 8 === 7
        ? `${rec}?nonesuch=1` : `${rec}?sex=%E5%A5%B3&limit=${1 + (i % 5)}`));
      const answers = await Promise.all(paths.map((p) => read(srv.url, gaj.key, p)));
      const ok = answers.filter((a) => a.status === 200);
      assert.equal(ok.length, 140);
      assert.equal(answers.filter((a) => a.status === 422 && a.body.error.reason === 'filter').length, 20);
      const res = await fetch(`${srv.url}/api/v1/exchange/receipts`, { headers: { authorization: `Bearer ${gaj.key}` } });
      assert.equal(res.status, 200);
      const file = await res.json();
      const f = path.join(dir, 'r.json');
      writeFileSync(f, JSON.stringify(file));
      const pk = (await (await fetch(`${srv.url}/api/v1/exchange/public-key`)).json()).platform_public_key;
      execFileSync(path.join(root, 'build/yiwang'), ['exchange', 'verify', f, '--public-key', pk], { stdio: 'pipe' });
      assert.equal(file.receipts.length, 160, 'one entry per call');
      assert.equal(file.receipts.filter((r) => r.result === 'invalid').length, 20);
      const seqs = new Set();
      for (const a of ok) {
        const r = a.body.receipt;
        assert.ok(!seqs.has(r.seq), `seq ${r.seq} shown once`);
        seqs.add(r.seq);
        const mine = file.receipts.filter((e) => e.seq === r.seq && e.hash === r.hash);
        assert.equal(mine.length, 1, `receipt ${r.seq} is in the file`);
        assert.equal(mine[0].result, 'ok');
        assert.equal(mine[0].row_count, a.body.records.length);
        assert.equal(mine[0].department_id, r.department_id);
      }
    });

    await t.test('a revoked key is refused by the very next reads on every worker', async () => {
      const spare = await newKey(srv.url, 'gaj_steward');
      assert.ok((await burst(srv.url, spare.key, `${rec}?limit=1`)).every((a) => a.status === 200));
      const page = await (await spare.client.get('/staff/data/keys')).text();
      const id = [...page.matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1])[0];
      const csrf = await spare.client.csrf('/staff/data/keys');
      await spare.client.post('/staff/data/keys', { csrf, action: 'revoke', id });
      const after = await burst(srv.url, spare.key, `${rec}?limit=1`);
      assert.ok(after.every((a) => a.status === 401 && a.body.error.reason === 'key_revoked'), JSON.stringify(after[0]));
      assert.ok((await burst(srv.url, gaj.key, `${rec}?limit=1`)).every((a) => a.status === 200), 'other keys still read');
    });

    await t.test('a grant changed or withdrawn elsewhere counts from the very next reads', async () => {
      let all = await burst(srv.url, gaj.key, `${rec}?limit=2`);
      assert.ok(all.every((a) => a.status === 200 && !a.body.masked.includes('mother_idnum')));
      sql(srv, `UPDATE ${GRANT.replace('data_grant', "data_grant SET items = '[\"cert_no\",\"sex\"]'")}`);
      all = await burst(srv.url, gaj.key, `${rec}?limit=2`);
      assert.ok(all.every((a) => a.status === 200 && a.body.masked.includes('mother_idnum')
        && a.body.omitted.includes('issued_on')), JSON.stringify(all[0].body.masked));
      sql(srv, `UPDATE ${GRANT.replace('data_grant', "data_grant SET status = 'revoked'")}`);
      all = await burst(srv.url, gaj.key, `${rec}?limit=2`);
      assert.ok(all.every((a) => a.status === 403 && a.body.error.reason === 'no_grant'), JSON.stringify(all[0]));
      sql(srv, `UPDATE ${GRANT.replace('data_grant', "data_grant SET status = 'active'")}`);
      all = await burst(srv.url, gaj.key, `${rec}?limit=2`);
      assert.ok(all.every((a) => a.status === 200));
    });
  });
}
