// The public portal: pages and /api/v1 JSON from the same view model,
// security headers, language switch, not-found handling.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`portal on ${backend}`, () => {
    let srv;
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    test('home page shows the demo city with security headers', async () => {
      const res = await fetch(srv.url + '/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /text\/html; charset=utf-8/);
      const csp = res.headers.get('content-security-policy');
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.ok(res.headers.get('referrer-policy'));
      const html = await res.text();
      assert.match(html, /<html[^>]* lang="zh-CN"/);
      assert.match(html, /福州市数字政府治理平台/);
      assert.match(html, /福州市公安局/);
      assert.match(html, /href="#main"/, 'skip link');
      assert.match(html, /福州市数据管理局/, 'footer names the responsible department');
    });

    test('the API returns the same view model as the page', async () => {
      const res = await fetch(srv.url + '/api/v1/home');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /application\/json/);
      const vm = await res.json();
      assert.equal(vm.region.name, '福州市');
      assert.ok(vm.departments.length >= 20, 'about twenty demo departments');
      assert.equal(vm.department_count, vm.departments.length);
      const html = await (await fetch(srv.url + '/')).text();
      for (const d of vm.departments) assert.ok(html.includes(d.name), `page lists ${d.name}`);
      assert.equal(vm.t, undefined, 'layout data stays out of the API');
      assert.equal(vm.csrf, undefined);
    });

    test('regions form a five-level tree with GB/T 2260 codes', async () => {
      const { regions } = await (await fetch(srv.url + '/api/v1/regions')).json();
      const levels = new Set(regions.map((r) => r.level));
      assert.deepEqual([...levels].sort(), [1, 2, 3, 4, 5]);
      const gulou = regions.find((r) => r.code === '350102000000');
      assert.equal(gulou.name, '鼓楼区');
      assert.equal(gulou.code6, '350102');
      const page = await (await fetch(srv.url + '/regions')).text();
      assert.match(page, /鼓东街道/);
    });

    test('departments: list, filter by region subtree, detail, unknown id', async () => {
      const all = (await (await fetch(srv.url + '/api/v1/departments')).json()).departments;
      const gulou = (await (await fetch(srv.url + '/api/v1/departments?region=350102000000')).json()).departments;
      assert.ok(gulou.length >= 2 && gulou.length < all.length);
      assert.ok(gulou.every((d) => d.region_code.startsWith('350102')));
      const one = await (await fetch(`${srv.url}/api/v1/departments/${all[0].id}`)).json();
      assert.equal(one.department.name, all[0].name);
      const page = await fetch(`${srv.url}/departments/${all[0].id}`);
      assert.equal(page.status, 200);
      const missing = await fetch(srv.url + '/departments/999999');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<html/);
      const api404 = await fetch(srv.url + '/api/v1/departments/999999');
      assert.equal(api404.status, 404);
      const body = await api404.json();
      assert.equal(body.error.code, 'not_found');
      assert.ok(body.error.message.length > 0);
    });

    test('unknown paths get a 404 page, not a crash', async () => {
      for (const p of ['/nope', '/departments/abc', '/api/v1/nope', '/%ff%fe', '/static/../etc/passwd']) {
        const res = await fetch(srv.url + p);
        assert.equal(res.status, 404, p);
        await res.arrayBuffer();
      }
    });

    test('language switch sets a cookie and the page turns English', async () => {
      const c = new Client(srv.url);
      const sw = await c.get('/lang/en?next=/departments');
      assert.equal(sw.status, 303);
      assert.equal(sw.headers.get('location'), '/departments');
      const html = await (await c.get('/departments')).text();
      assert.match(html, /<html[^>]* lang="en"/);
      assert.match(html, /Fuzhou Public Security Bureau/);
      const evil = await c.get('/lang/zh-CN?next=//evil.example');
      assert.equal(evil.headers.get('location'), '/');
      assert.match(await (await c.get('/')).text(), /lang="zh-CN"/);
    });

    test('the API only reads; other methods get 405 with the error shape', async () => {
      for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) {
        const res = await fetch(srv.url + '/api/v1/home', { method });
        assert.equal(res.status, 405, method);
        assert.match(res.headers.get('allow'), /GET/);
        assert.equal((await res.json()).error.code, 'method_not_allowed');
      }
      const page = await fetch(srv.url + '/departments', { method: 'DELETE' });
      assert.equal(page.status, 405);
      await page.text();
    });

    test('static files are served with caching validators', async () => {
      const res = await fetch(srv.url + '/static/app.css');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /text\/css/);
      const etag = res.headers.get('etag');
      assert.ok(etag);
      const again = await fetch(srv.url + '/static/app.css', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
    });
  });
}
