// Search over the service catalogue: Chinese by any 1-4 character string,
// English and digits by word, facets that narrow, the index following
// publish / edit / withdraw at once, queries that look like FTS syntax
// treated as text, the length limit, and the page with and without hits.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD } from '../lib/server.mjs';

const BIRTH_REG = '350100-gaj-07-0001';	// 出生登记（新生儿落户）

const json = async (res) => { assert.equal(res.status, 200, `${res.url}: ${res.status}`); return res.json(); };

for (const backend of backends()) {
  describe(`search on ${backend}`, () => {
    let srv;
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    const api = (params) => fetch(`${srv.url}/api/v1/search?${new URLSearchParams(params)}`);
    const search = async (params) => json(await api(params));
    // Every hit over all pages.
    const all = async (params) => {
      const out = [];
      for (let page = 1; ; page++) {
        const r = await search({ ...params, page: String(page) });
        out.push(...r.hits);
        if (!r.paging.next_page) return { ...r, hits: out };
      }
    };
    const names = async (params) => (await all(params)).hits.map((h) => h.name);

    test('Chinese queries of 1 to 4+ characters find the items that hold them', async () => {
      assert.ok((await names({ q: '办证' })).includes('居民身份证首次申领'), '办证 is in its steps');
      const shebao = await names({ q: '社保' });
      assert.ok(shebao.includes('单位社会保险参保登记'), `社保: ${shebao}`);
      const licence = await names({ q: '营业执照' });
      for (const n of ['个体工商户设立登记', '食品经营许可']) assert.ok(licence.includes(n), `营业执照 finds ${n}: ${licence}`);
      assert.ok(licence.length >= 10);
      const cert = await search({ q: '出生医学证明' });
      const byTitle = cert.hits.find((h) => h.name === '出生医学证明首次签发');
      assert.ok(byTitle, 'found by its name');
      assert.equal(cert.hits[0], byTitle, 'a title match ranks first');
      assert.ok(cert.hits.some((h) => h.name === '出生登记（新生儿落户）'), 'found through its materials');
      assert.match(byTitle.title_html, /<mark>出生医学证明<\/mark>/);
      assert.ok(cert.hits.every((h) => /^[0-9]{6}-/.test(h.code) && h.snippet.length > 0));
      // One character, and a substring that is not a word of its own.
      assert.ok((await names({ q: '照' })).includes('普通护照签发'));
      assert.ok((await names({ q: '医学证' })).includes('出生医学证明首次签发'));
      // A phrase: the characters must be adjacent, not merely present.
      assert.equal((await search({ q: '明证学医' })).total, 0);
    });

    test('English and digits match by word, case-folded', async () => {
      const lic = await names({ q: 'licence' });
      assert.ok(lic.includes('食品经营许可'), `licence: ${lic}`);
      assert.deepEqual(await names({ q: 'LICENCE' }), lic);
      assert.equal((await search({ q: 'licen' })).total, 0, 'a word prefix is not a word');
      const passport = await names({ q: 'ordinary passport' });
      assert.deepEqual(passport, ['普通护照签发']);
      assert.ok((await search({ q: '2014' })).total >= 1, 'a year in the legal basis');
      assert.equal((await search({ q: '201' })).total, 0);
    });

    test('facets count the matches and narrow them', async () => {
      const base = await all({ q: '营业执照' });
      const start = base.events.find((e) => e.slug === 'business-start');
      assert.ok(start && start.count > 0 && start.count < base.total, JSON.stringify(base.events));
      const narrowed = await all({ q: '营业执照', event: 'business-start' });
      assert.equal(narrowed.total, start.count);
      const { services } = await json(await fetch(`${srv.url}/api/v1/life-events/business-start?per_page=100`));
      const inEvent = new Set(services.map((s) => s.code));
      assert.ok(narrowed.hits.every((h) => inEvent.has(h.code)));
      const dept = base.departments[0];
      assert.ok(base.departments.every((d, i) => i === 0 || d.count <= base.departments[i - 1].count), 'most first');
      const byDept = await all({ q: '营业执照', department: dept.code });
      assert.equal(byDept.total, dept.count);
      assert.ok(byDept.hits.every((h) => h.department_code === dept.code));
      const lv = base.levels[0];
      assert.equal((await search({ q: '营业执照', level: lv.level })).total, lv.count);
      assert.equal((await search({ q: '营业执照', level: '5' })).total, 0);
      const ty = base.types[0];
      const byType = await all({ q: '营业执照', type: ty.type });
      assert.ok(byType.total === ty.count && byType.hits.every((h) => h.item_type === ty.type));
      const both = await search({ q: '营业执照', event: 'business-start', department: dept.code });
      assert.ok(both.total <= Math.min(start.count, dept.count));
      for (const bad of [{ event: 'travel' }, { level: '9' }, { level: 'x' }, { type: 'nope' }, { page: '0' },
        { department: 'a b' }]) {
        const res = await api({ q: '社保', ...bad });
        assert.equal(res.status, 422, JSON.stringify(bad));
        const { fields } = (await res.json()).error;
        assert.ok(Object.keys(bad).every((k) => k in fields), JSON.stringify(fields));
      }
    });

    test('queries that look like search syntax are plain text', async () => {
      for (const q of ['"', '""', 'NEAR(', 'NEAR(a b)', '*', '社*', '-', '-社保', ':', 'name:社保', 'a AND b', 'OR',
        '^', '(', ')', "'", "社保'", '\\', '&|!', 'a <-> b', '%', '_', '--', ';', '社保 OR 护照']) {
        for (const p of ['/api/v1/search', '/search']) {
          const res = await fetch(`${srv.url}${p}?${new URLSearchParams({ q })}`);
          assert.equal(res.status, 200, `${p} q=${q}`);
          await res.text();
        }
      }
      // Text around the punctuation is still searched.
      assert.ok((await names({ q: '"社保"' })).includes('单位社会保险参保登记'));
      assert.equal((await search({ q: '社保 OR 护照' })).total, 0, 'OR is a word, not an operator');
    });

    test('q over 80 characters is 422 naming q; 80 is fine', async () => {
      const long = await api({ q: '证'.repeat(81) });
      assert.equal(long.status, 422);
      assert.ok('q' in (await long.json()).error.fields);
      assert.equal((await api({ q: '证'.repeat(80) })).status, 200);
      const page = await fetch(`${srv.url}/search?${new URLSearchParams({ q: 'a'.repeat(81) })}`);
      assert.equal(page.status, 422);
      const html = await page.text();
      assert.match(html, /href="#f-q"/);
      assert.match(html, /aria-invalid="true"/);
    });

    test('the page: hits with marks and links, facets that keep the query, an empty message', async () => {
      const res = await fetch(`${srv.url}/search?${new URLSearchParams({ q: '出生医学证明' })}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<a href="\/services\/[0-9]{6}-wjw-[0-9]{2}-[0-9]{4}"><mark>出生医学证明<\/mark>首次签发<\/a>/);
      assert.match(html, /value="出生医学证明"/);
      const enc = encodeURIComponent('出生医学证明');
      assert.ok(html.includes(`href="/search?q=${enc}&amp;event=birth"`), 'an event facet keeps the query');
      assert.ok(html.includes('共找到'));
      const none = await (await fetch(`${srv.url}/search?q=${encodeURIComponent('<b>无此事项</b>')}`)).text();
      assert.ok(none.includes('没有找到与“&lt;b&gt;无此事项&lt;/b&gt;”相关的服务'), 'empty message, escaped');
      assert.ok(!none.includes('<b>无此事项'));
      const start = await (await fetch(`${srv.url}/search`)).text();
      assert.match(start, /id="f-q"/);
      // The header box on every page, and one on /services.
      const services = await (await fetch(`${srv.url}/services`)).text();
      assert.match(services, /id="header-q"/);
      assert.match(services, /<form[^>]*action="\/search"[^>]*>\s*<label for="services-q"/);
      // In English: the English name, the English facet labels.
      const c = new Client(srv.url);
      await c.get('/lang/en?next=/');
      const en = await (await c.get(`/search?${new URLSearchParams({ q: 'passport' })}`)).text();
      assert.match(en, /<html lang="en"/);
      assert.ok(en.includes('Issuing an ordinary passport') && en.includes('Narrow the results'));
      const enNone = await (await c.get('/search?q=zzzqqq')).text();
      assert.ok(enNone.includes('No services match'));
    });

    test('the index follows edits, withdrawal and publishing at once', async () => {
      const admin = new Client(srv.url);
      assert.equal((await admin.login('gaj_admin', DEMO_PASSWORD)).status, 303);
      const { services } = await json(await admin.get('/api/v1/admin/services'));
      const own = services.find((s) => s.code === BIRTH_REG);
      // Warm the page cache first: it must not serve a stale result.
      for (let i = 0; i < 4; i++) await (await fetch(`${srv.url}/search?q=${encodeURIComponent('入户测试')}`)).text();
      const csrf = await admin.csrf(`/admin/services/${own.id}`);
      let res = await admin.post(`/admin/services/${own.id}`, { csrf, name: '出生登记（新生儿入户测试）' });
      assert.equal(res.status, 303);
      for (let i = 0; i < 4; i++) {
        assert.deepEqual(await names({ q: '入户测试' }), ['出生登记（新生儿入户测试）']);
        assert.ok((await (await fetch(`${srv.url}/search?q=${encodeURIComponent('入户测试')}`)).text())
          .includes(`/services/${BIRTH_REG}`));
      }
      assert.equal((await search({ q: '新生儿落户' })).hits.filter((h) => h.code === BIRTH_REG).length, 0,
        'the old name is gone');
      res = await admin.post(`/admin/services/${own.id}`, { csrf, item_status: 'withdrawn' });
      assert.equal(res.status, 303);
      for (let i = 0; i < 4; i++) assert.equal((await search({ q: '入户测试' })).total, 0, 'withdrawn: not found');
      res = await admin.post(`/admin/services/${own.id}`, { csrf, item_status: 'published' });
      assert.equal(res.status, 303);
      assert.deepEqual((await search({ q: '入户测试' })).hits.map((h) => h.code), [BIRTH_REG]);
      // A draft is never found.
      const drafts = services.filter((s) => s.status === 'draft');
      for (const d of drafts) assert.ok(!(await names({ q: d.name })).includes(d.name), d.name);
    });
  });
}
