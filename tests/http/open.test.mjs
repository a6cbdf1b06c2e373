// The open data portal: search by Chinese words with facets, a data set's
// page, CSV and JSON downloads without personal items, use counts, live
// record counts after an exchange push, conditional data sets, the
// opening plan and the public's requests.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`open data portal (${backend})`, () => {
    let srv;
    const json = async (p) => (await fetch(srv.url + p)).json();
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    test('search finds data sets by a Chinese word and narrows by facets', async () => {
      const r = await json(`/api/v1/open/datasets?q=${encodeURIComponent('医院')}`);
      assert.ok(r.datasets.some((d) => d.name === '医疗机构名录'));
      assert.ok(r.datasets.every((d) => d.open_attr !== 'none'));
      const all = await json('/api/v1/open/datasets');
      assert.ok(all.total >= 25 && all.pages >= 3);
      const dep = all.facets.department.find((f) => f.value === 'jtys');
      const only = await json('/api/v1/open/datasets?department=jtys');
      assert.equal(only.total, dep.count);
      assert.ok(only.datasets.every((d) => d.department_code === 'jtys'));
      const bad = await fetch(`${srv.url}/api/v1/open/datasets?format=nope`);
      assert.equal(bad.status, 422);
      assert.ok((await bad.json()).error.fields.format);
      const page = await (await fetch(`${srv.url}/data?q=${encodeURIComponent('公交')}`)).text();
      assert.match(page, /href="\/data\/jtys-\d{4}"/);
    });

    test('a data set page shows metadata, fields and a preview of 20 rows', async () => {
      const html = await (await fetch(`${srv.url}/data/scjg-0002`)).text();
      assert.match(html, /市场主体登记信息/);
      assert.match(html, /福州市市场监督管理局/);
      assert.match(html, /CC BY 4\.0/);
      assert.equal((html.match(/<tr><td>/g) ?? []).length >= 20, true);
      assert.doesNotMatch(html, /<code>legal_rep<\/code>|（个人信息）/, 'personal items are not shown');
      const d = (await json('/api/v1/open/datasets/scjg-0002')).dataset;
      assert.equal(d.preview.rows.length, 20);
      assert.equal(d.withheld, 1);
      assert.ok(d.record_count >= 1000);
    });

    test('CSV: BOM, RFC 4180 quoting, no personal items, counted', async () => {
      const before = (await json('/api/v1/open/datasets/scjg-0002')).dataset.downloads;
      const res = await fetch(`${srv.url}/data/scjg-0002.csv`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/csv/);
      const buf = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = buf.subarray(3).toString('utf8').split('\r\n');
      assert.equal(lines[0], '统一社会信用代码,企业名称,行业,所在区,成立日期');
      assert.equal(lines.length - 2, (await json('/api/v1/open/datasets/scjg-0002')).dataset.record_count);
      assert.ok(!buf.toString('utf8').includes('（个人信息）'));
      const after = (await json('/api/v1/open/datasets/scjg-0002')).dataset.downloads;
      assert.equal(after, before + 1);
      // JSON pages with a cursor cover every record once.
      let next = 0; let n = 0; let pages = 0;
      const calls = (await json('/api/v1/open/datasets/sthj-0002')).dataset.api_calls;
      const ids = new Set();
      while (next !== null && pages < 10) {
        const p = await json(`/api/v1/open/datasets/sthj-0002/records?limit=300&after=${next}`);
        for (const r of p.records) ids.add(`${r.station} ${r.measured_at}`);
        n += p.records.length; next = p.next_after; pages++;
      }
      assert.equal(n, 1000);
      assert.equal(ids.size, 1000, 'no record twice');
      assert.equal((await json('/api/v1/open/datasets/sthj-0002')).dataset.api_calls, calls + pages);
    });

    test('quoting of commas, quotes and newlines pushed through the exchange', async () => {
      const steward = new Client(srv.url);
      await steward.login('sthj_steward', DEMO_PASSWORD);
      const keyPage = await steward.post('/staff/data/keys', { csrf: await steward.csrf('/staff/data/keys'), action: 'create', name: 'open-test' });
      const key = (await keyPage.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      const before = (await json('/api/v1/open/datasets/sthj-0001')).dataset.record_count;
      const push = await fetch(`${srv.url}/api/v1/exchange/resources/sthj-0001/records`, { method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: [{ station: '台江,"江滨"\n站', measured_at: '2026-05-02T08:00:00+08:00', aqi: 30 }] }) });
      assert.equal(push.status, 201, await push.text());
      const d = (await json('/api/v1/open/datasets/sthj-0001')).dataset;
      assert.equal(d.record_count, before + 1, 'the page is live after a push');
      const csv = await (await fetch(`${srv.url}/data/sthj-0001.csv`)).text();
      assert.ok(csv.includes('"台江,""江滨""\n站",2026-05-02T08:00:00+08:00,30,,\r\n'));
    });

    test('CSV downloads neutralise what a spreadsheet would run as a formula', async () => {
      const steward = new Client(srv.url);
      await steward.login('sthj_steward', DEMO_PASSWORD);
      const keyPage = await steward.post('/staff/data/keys', { csrf: await steward.csrf('/staff/data/keys'), action: 'create', name: 'formula-test' });
      const key = (await keyPage.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      const bad = ['=HYPERLINK("http://x","点")', '@SUM(1+1)', '+1+cmd', '-2+3', '\t=1'];
      const push = await fetch(`${srv.url}/api/v1/exchange/resources/sthj-0001/records`, { method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: bad.map((station, i) => ({ station, measured_at: `2026-05-03T0${i}:00:00+08:00`, aqi: 40 + i })) }) });
      assert.equal(push.status, 201, await push.text());
      const csv = await (await fetch(`${srv.url}/data/sthj-0001.csv`)).text();
      assert.ok(csv.includes('"\'=HYPERLINK(""http://x"",""点"")",2026-05-03T00:00:00+08:00,40,'), 'a quoted formula');
      assert.ok(csv.includes("\r\n'@SUM(1+1),2026-05-03T01:00:00+08:00,41,"));
      assert.ok(csv.includes("\r\n'+1+cmd,2026-05-03T02:00:00+08:00,42,"));
      assert.ok(csv.includes("\r\n'-2+3,2026-05-03T03:00:00+08:00,43,"));
      assert.ok(csv.includes("\r\n'\t=1,2026-05-03T04:00:00+08:00,44,"));
      for (const line of csv.split('\r\n')) assert.doesNotMatch(line, /^[=+@\t-]/, 'no line starts a formula');
      // The data itself is unchanged: the JSON API gives it as pushed.
      const page = await json('/api/v1/open/datasets/sthj-0001/records?limit=300');
      assert.ok(page.records.some((r) => r.station === '@SUM(1+1)'));
    });

    test('a conditional data set says how to apply and has no downloads', async () => {
      const html = await (await fetch(`${srv.url}/data/scjg-0001`)).text();
      assert.match(html, /有条件开放/);
      assert.match(html, /href="\/data\/requests"/);
      assert.doesNotMatch(html, /scjg-0001\.csv/);
      assert.equal((await fetch(`${srv.url}/data/scjg-0001.csv`)).status, 403);
      assert.equal((await fetch(`${srv.url}/data/wjw-0001`)).status, 404, 'not open: not found');
    });

    test('requests: a citizen asks, the department replies in public; text escaped and limited', async () => {
      const citizen = new Client(srv.url);
      await citizen.login(CITIZEN.login, CITIZEN.password);
      const sthj = (await json('/api/v1/departments')).departments.find((d) => d.code === 'sthj');
      let csrf = await citizen.csrf('/data/requests');
      const long = await citizen.post('/data/requests', { csrf, department_id: String(sthj.id), title: '长'.repeat(101), body: 'x' });
      assert.equal(long.status, 422);
      assert.match(await long.text(), /aria-invalid="true"/);
      csrf = await citizen.csrf('/data/requests');
      const res = await citizen.post('/data/requests', { csrf, department_id: String(sthj.id),
        title: '噪声监测<script>alert(1)</script>', body: '希望开放功能区噪声监测数据。' });
      assert.equal(res.status, 303);
      const where = res.headers.get('location');
      const page = await (await fetch(srv.url + where)).text();
      assert.match(page, /噪声监测&lt;script&gt;/);
      assert.doesNotMatch(page, /<script>alert/);
      const anon = await fetch(`${srv.url}/data/requests`, { method: 'POST', redirect: 'manual', body: 'x=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(anon.status, 303);
      assert.match(anon.headers.get('location'), /^\/login/);
      const steward = new Client(srv.url);
      await steward.login('sthj_steward', DEMO_PASSWORD);
      const other = new Client(srv.url);
      await other.login('scjg_steward', DEMO_PASSWORD);
      const denied = await other.post(where, { csrf: await other.csrf('/data/requests'), reply: '不是我们的' });
      assert.equal(denied.status, 403);
      const ok = await steward.post(where, { csrf: await steward.csrf(where), reply: '将于第三季度开放。' });
      assert.equal(ok.status, 303);
      const listed = await json('/api/v1/open/requests');
      const mine = listed.requests.find((q) => q.title.startsWith('噪声监测'));
      assert.equal(mine.status, 'answered');
      assert.equal(mine.reply, '将于第三季度开放。');
      assert.equal(mine.account_id, undefined, 'the asker is not shown');
    });

    test('the opening plan: a steward adds an entry for their department', async () => {
      const steward = new Client(srv.url);
      await steward.login('sthj_steward', DEMO_PASSWORD);
      const bad = await steward.post('/data/plan?year=2026', { csrf: await steward.csrf('/data/plan?year=2026'), action: 'add', year: '2026', quarter: '5', name: '' });
      assert.equal(bad.status, 422);
      const ok = await steward.post('/data/plan?year=2026', { csrf: await steward.csrf('/data/plan?year=2026'), action: 'add', year: '2026', quarter: '3', name: '噪声监测数据' });
      assert.equal(ok.status, 303);
      const plan = await json('/api/v1/open/plan?year=2026');
      const e = plan.entries.find((x) => x.name === '噪声监测数据');
      assert.equal(e.department_code, 'sthj');
      assert.equal(e.quarter, 3);
      const citizen = new Client(srv.url);
      await citizen.login(CITIZEN.login, CITIZEN.password);
      const refused = await citizen.post('/data/plan?year=2026', { csrf: await citizen.csrf('/data/requests'), action: 'add', year: '2026', quarter: '1', name: 'x' });
      assert.equal(refused.status, 403);
    });
  });
}
