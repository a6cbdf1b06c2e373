// The CKAN Action API subset at /api/3/action/: the envelope, paging,
// facets, sort and each error behaviour, as ../shared/spec/ckan/SUMMARY.md
// describes CKAN (plain fetch: no CKAN client is packaged for npm).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`CKAN API (${backend})`, () => {
    let srv;
    const api = async (action, params = {}, init = {}) => {
      const qs = new URLSearchParams(params).toString();
      const res = await fetch(`${srv.url}/api/3/action/${action}${qs ? `?${qs}` : ''}`, init);
      const body = await res.json();
      return { status: res.status, body, type: res.headers.get('content-type') };
    };
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    test('every answer is the envelope with help, success and result', async () => {
      for (const a of ['package_search', 'package_list', 'organization_list', 'tag_list', 'status_show']) {
        const { status, body, type } = await api(a);
        assert.equal(status, 200, a);
        assert.match(type, /^application\/json/);
        assert.equal(body.success, true);
        assert.match(body.help, new RegExp(`/api/3/action/help_show\\?name=${a}$`));
        assert.ok('result' in body && !('error' in body));
      }
      assert.equal((await api('status_show')).body.result.ckan_version.split('.')[0], '2');
    });

    test('package_search pages cover the whole result with no duplicates', async () => {
      const all = (await api('package_search', { rows: '0' })).body.result;
      assert.ok(all.count >= 25);
      assert.deepEqual(all.results, []);
      const seen = new Set();
      for (let start = 0; start < all.count; start += 7) {
        const page = (await api('package_search', { rows: '7', start: String(start), sort: 'name asc' })).body.result;
        assert.equal(page.count, all.count);
        for (const p of page.results) { assert.ok(!seen.has(p.name)); seen.add(p.name); }
      }
      assert.equal(seen.size, all.count);
      const big = (await api('package_search', { rows: '5000' })).body.result;
      assert.equal(big.results.length, all.count, 'rows above 1000 is clamped, not refused');
    });

    test('sort, q and fq on organization, tags and res_format', async () => {
      const asc = (await api('package_search', { rows: '100', sort: 'name asc' })).body.result.results.map((p) => p.name);
      assert.deepEqual(asc, [...asc].sort());
      const desc = (await api('package_search', { rows: '100', sort: 'name desc' })).body.result.results.map((p) => p.name);
      assert.deepEqual(desc, [...asc].reverse());
      const air = (await api('package_search', { q: '空气' })).body.result;
      assert.ok(air.count >= 2 && air.results.every((p) => /空气/.test(p.title + p.notes)));
      const org = (await api('package_search', { fq: 'organization:sthj', rows: '100' })).body.result;
      assert.ok(org.count >= 2 && org.results.every((p) => p.organization.name === 'sthj'));
      const tag = (await api('package_search', { fq: 'tags:公交' })).body.result;
      assert.ok(tag.count >= 1 && tag.results.every((p) => p.tags.some((t) => t.name === '公交')));
      const csv = (await api('package_search', { fq: 'res_format:CSV', rows: '1000' })).body.result;
      const total = (await api('package_search', { rows: '0' })).body.result.count;
      assert.ok(csv.count > 0 && csv.count < total, 'conditional data sets have no CSV');
      const both = (await api('package_search', { fq: 'organization:sthj +res_format:"CSV"' })).body.result;
      assert.ok(both.results.every((p) => p.organization.name === 'sthj' && p.num_resources === 2));
    });

    test('facet.field as a JSON string gives facets and search_facets', async () => {
      const r = (await api('package_search', { 'facet.field': '["organization","tags","res_format"]', rows: '0' })).body.result;
      for (const f of ['organization', 'tags', 'res_format']) {
        assert.equal(r.search_facets[f].title, f);
        const items = r.search_facets[f].items;
        assert.ok(items.length > 0);
        for (const i of items) assert.equal(r.facets[f][i.name], i.count);
        const names = items.map((i) => i.display_name);
        assert.deepEqual(names, [...names].sort().reverse(), 'items by display_name descending');
      }
      assert.equal(r.search_facets.organization.items.find((i) => i.name === 'sthj').display_name, '福州市生态环境局');
      const limited = (await api('package_search', { 'facet.field': '["tags"]', 'facet.limit': '2' })).body.result;
      assert.equal(limited.search_facets.tags.items.length, 2);
      assert.deepEqual((await api('package_search')).body.result.search_facets, {});
    });

    test('package_show by name or id gives the same dict', async () => {
      const byName = (await api('package_show', { id: 'sthj-0001' })).body.result;
      const byId = (await api('package_show', { id: byName.id })).body.result;
      assert.deepEqual(byId, byName);
      assert.equal(byName.num_resources, byName.resources.length);
      assert.equal(byName.type, 'dataset');
      assert.equal(byName.isopen, true);
      assert.deepEqual(byName.resources.map((r) => r.format), ['CSV', 'JSON']);
      assert.match(byName.metadata_modified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      const csv = await fetch(byName.resources[0].url);
      assert.equal(csv.status, 200);
      const list = (await api('package_list')).body.result;
      assert.deepEqual(list, [...list].sort());
      assert.ok(!list.includes('wjw-0001'), 'a resource that is not open is not a package');
      assert.deepEqual((await api('package_list', { limit: '2', offset: '1' })).body.result, list.slice(1, 3));
    });

    test('organizations and tags', async () => {
      const names = (await api('organization_list')).body.result;
      assert.ok(names.includes('sthj'));
      const full = (await api('organization_list', { all_fields: 'true', sort: 'package_count desc', limit: '3' })).body.result;
      assert.equal(full.length, 3);
      assert.ok(full[0].package_count >= full[1].package_count && full[0].is_organization === true);
      const one = (await api('organization_show', { id: 'sthj', include_datasets: 'true' })).body.result;
      assert.equal(one.packages.length, one.package_count);
      const tags = (await api('tag_list', { query: '交通' })).body.result;
      assert.ok(tags.length > 0 && tags.every((t) => t.includes('交通')));
    });

    test('errors: statuses and error objects', async () => {
      const nf = await api('package_show', { id: 'nope-0000' });
      assert.equal(nf.status, 404);
      assert.deepEqual(nf.body.error, { __type: 'Not Found Error', message: 'Not found' });
      assert.equal(nf.body.success, false);
      assert.ok(nf.body.help);
      const missing = await api('package_show');
      assert.equal(missing.status, 409);
      assert.equal(missing.body.error.__type, 'Validation Error');
      assert.deepEqual(missing.body.error.id, ['Missing value']);
      const rows = await api('package_search', { rows: 'x' });
      assert.equal(rows.status, 409);
      assert.ok(Array.isArray(rows.body.error.rows));
      const start = await api('package_search', { start: '-1' });
      assert.equal(start.status, 409);
      const ff = await api('package_search', { 'facet.field': '[not json' });
      assert.equal(ff.status, 409);
      const sort = await api('package_search', { sort: 'bogus sideways' });
      assert.equal(sort.status, 400);
      assert.equal(sort.body.error.__type, 'Search Query Error');
      const fq = await api('package_search', { fq: 'nosuchfield:x' });
      assert.equal(fq.status, 400);
      assert.equal(fq.body.error.__type, 'Search Query Error');
      const org = await api('organization_show', { id: 'nope' });
      assert.equal(org.status, 404);
      const unknown = await fetch(`${srv.url}/api/3/action/no_such_action`);
      assert.equal(unknown.status, 400);
      assert.equal(await unknown.json(), 'Bad request: Action name not known: no_such_action');
      const write = await fetch(`${srv.url}/api/3/action/package_create`);
      assert.equal(write.status, 400);
      assert.match(await write.json(), /Please use POST/);
      const denied = await api('package_create', {}, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.__type, 'Authorization Error');
    });

    test('POST takes a JSON object body', async () => {
      const r = await api('package_search', {}, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fq: 'organization:sthj', rows: 1, 'facet.field': ['res_format'] }) });
      assert.equal(r.status, 200);
      assert.equal(r.body.result.results.length, 1);
      assert.ok(r.body.result.search_facets.res_format);
      const bad = await api('package_search', {}, { method: 'POST', body: '[1,2]' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.success, false);
    });

    test('a steward edits the keywords: tags, facets and search follow; audited; errors per field', async () => {
      const page = '/staff/data/resources/sthj-0002/keywords';
      const steward = new Client(srv.url);
      assert.equal((await steward.login('sthj_steward', DEMO_PASSWORD)).status, 303);
      let html = await (await steward.get('/staff/data/resources/sthj-0002')).text();
      assert.match(html, new RegExp(`href="${page}"`), 'linked from the entry');
      html = await (await steward.get(page)).text();
      assert.match(html, /<textarea[^>]*id="f-keywords"[^>]*>[^<]+<\/textarea>/, 'the current keywords');
      // One keyword too long: the field is named, the input kept.
      const long = '很'.repeat(33);
      let res = await steward.post(page, { csrf: await steward.csrf(page), keywords: `空气质量, ${long}` });
      assert.equal(res.status, 422);
      html = await res.text();
      assert.match(html, /id="e-keywords"/);
      assert.match(html, /href="#f-keywords"/);
      assert.ok(html.includes(`空气质量, ${long}</textarea>`));
      // Saved: separators of both scripts, blanks trimmed, a repeat kept once.
      res = await steward.post(page, { csrf: await steward.csrf(page), keywords: ' 空气质量， 监测站点、蓝天指数；空气质量\n' });
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location'), /keywords\?saved=1$/);
      const show = (await api('package_show', { id: 'sthj-0002' })).body.result;
      assert.deepEqual(show.tags.map((t) => t.name), ['空气质量', '监测站点', '蓝天指数']);
      const tagged = (await api('package_search', { fq: 'tags:蓝天指数' })).body.result;
      assert.deepEqual(tagged.results.map((p) => p.name), ['sthj-0002']);
      const facets = (await api('package_search', { 'facet.field': '["tags"]', 'facet.limit': '-1', rows: '0' })).body.result;
      assert.ok(facets.search_facets.tags.items.some((i) => i.name === '蓝天指数' && i.count === 1));
      assert.ok((await api('tag_list', { query: '蓝天' })).body.result.includes('蓝天指数'));
      const found = await (await fetch(`${srv.url}/api/v1/open/datasets?q=${encodeURIComponent('蓝天指数')}`)).json();
      assert.ok(found.datasets.some((d) => d.code === 'sthj-0002'), 'the search document was reindexed');
      // The JSON twin, with the session's CSRF token.
      const token = await steward.csrf(page);
      res = await steward.post('/api/v1/data/resources/sthj-0002/keywords', JSON.stringify({ keywords: Array.from({ length: 21 }, (_, i) => `k${i}`).join(',') }),
        { 'content-type': 'application/json', 'x-csrf-token': token });
      assert.equal(res.status, 422);
      assert.match((await res.json()).error.fields.keywords, /过多/, 'the field is named');
      // Another department's steward does not see it; a citizen may not.
      const other = new Client(srv.url);
      await other.login('wjw_steward', DEMO_PASSWORD);
      assert.equal((await other.get(page)).status, 404);
      const citizen = new Client(srv.url);
      await citizen.login(CITIZEN.login, CITIZEN.password);
      assert.equal((await citizen.get(page)).status, 403);
      // Audited with the new list.
      const admin = new Client(srv.url);
      await admin.login('admin', DEMO_PASSWORD);
      const audit = await (await admin.get('/api/v1/audit')).text();
      assert.match(audit, /open_dataset\.keywords/);
      assert.match(audit, /蓝天指数/);
    });
  });
}
