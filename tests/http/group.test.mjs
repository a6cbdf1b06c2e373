// Group commit (docs/architecture.md, "A request"): on SQLite the answers of
// requests that committed something wait for one shared disk flush. Many
// submits arriving together must each get their own complete answer
// (status, headers, body), a retried key must still make one record even
// when both copies arrive in the same pass, and a form's redirect must
// survive being parked. Run on each backend, and on SQLite also with
// grouping turned off, so both paths answer the same.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, CITIZEN } from '../lib/server.mjs';

const runs = [...backends().map((b) => ({ backend: b, env: {} })),
  { backend: 'sqlite', env: { YIWANG_GROUP_COMMIT: '0' } }];

for (const { backend, env } of runs) {
  const label = `${backend}${env.YIWANG_GROUP_COMMIT === '0' ? ', grouping off' : ''}`;
  describe(`group commit (${label})`, () => {
    let srv; let citizen; let token;
    before(async () => {
      srv = await startServer(backend, { env });
      citizen = new Client(srv.url);
      assert.equal((await citizen.login(CITIZEN.login, CITIZEN.password)).status, 303);
      token = await citizen.csrf('/my');
    });
    after(async () => { await srv?.stop(); });

    const post = (key, title) => fetch(srv.url + '/api/v1/letters', { method: 'POST', redirect: 'manual',
      headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
        'idempotency-key': key }),
      body: JSON.stringify({ channel: 'suggest', category: 'transport', region_code: '350102000000',
        title, body: '同时提交的建议' }) });

    test('submits that arrive together each get their own answer; a repeated key makes one letter', async () => {
      const before = (await (await citizen.get('/api/v1/my/letters')).json()).letters.length;
      const run = `g${Date.now()}`;
      const distinct = Array.from({ length: 40 }, (_, i) => post(`${run}-${i}`, `建议 ${i}`));
      const repeated = Array.from({ length: 6 }, () => post(`${run}-same`, '重复提交'));
      const answers = await Promise.all([...distinct, ...repeated]);
      const bodies = await Promise.all(answers.map((r) => r.json()));
      answers.slice(0, 40).forEach((r, i) => {
        assert.equal(r.status, 201, `submit ${i}`);
        assert.match(r.headers.get('content-type'), /^application\/json/);
        assert.equal(r.headers.get('cache-control'), 'no-store');
      });
      const ids = bodies.slice(0, 40).map((b) => b.letter_id);
      assert.ok(ids.every((id) => Number.isInteger(id) && id > 0));
      assert.equal(new Set(ids).size, 40, 'forty letters, forty ids');
      const same = bodies.slice(40).map((b) => b.letter_id);
      assert.equal(new Set(same).size, 1, 'one letter for the repeated key');
      assert.equal(answers.slice(40).filter((r) => r.status === 201).length, 1, 'one 201, the rest 200');
      assert.ok(answers.slice(40).every((r) => r.status === 201 || r.status === 200));
      const after = (await (await citizen.get('/api/v1/my/letters')).json()).letters;
      assert.equal(after.length, before + 41);
      // Each answer describes its own letter.
      const one = await (await citizen.get(`/api/v1/letters/${ids[17]}`)).json();
      assert.equal(one.letter.title, '建议 17');
    });

    test('a form post keeps its redirect and the next page sees the change', async () => {
      const page = await citizen.get('/interact/write/consult');
      const html = await page.text();
      const fd = new FormData();
      const fields = { csrf: html.match(/name="csrf" value="([^"]+)"/)[1],
        token: html.match(/name="token" value="([^"]+)"/)[1], category: 'general',
        region_code: '350102001001', title: '表单来信', body: '表单内容', publish_ok: '1' };
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      const res = await fetch(srv.url + '/interact/write/consult', { method: 'POST', body: fd,
        headers: citizen.headers(), redirect: 'manual' });
      assert.equal(res.status, 303);
      const loc = res.headers.get('location');
      assert.match(loc, /^\/my\/letters\/\d+/);
      const mine = await (await citizen.get(loc)).text();
      assert.ok(mine.includes('表单来信'));
    });
  });
}
