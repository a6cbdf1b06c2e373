// Open311 GeoReport v2 at /open311/v2 on each backend: every JSON answer
// validated against the schema-validation JSON Schemas read in place from
// ../shared/spec/open311/schema (skipped, with a message, where absent),
// every XML answer well-formed with the same content as its JSON twin,
// posting with and without a client key, bad input in the spec's error
// shape, and a request's round trip through the staff queue.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { assertErrorLinks } from '../lib/html.mjs';
import Ajv from 'ajv';
import { SaxesParser } from '@rubensworks/saxes';
import { startServer, backends, root, yiwang, Client, CITIZEN, DEMO_PASSWORD } from '../lib/server.mjs';

const SCHEMA = path.join(root, '..', 'shared', 'spec', 'open311', 'schema');
const have = existsSync(path.join(SCHEMA, 'requests.json'));
if (!have) console.log(`SKIPPED: Open311 schemas not found at ${SCHEMA}`);
const DEMO_KEY = 'ywo_demo-fuzhou-311-client-not-secret';

// The schemas are draft-04 era without $schema and refer to siblings by
// file name; their formats (date-time, uri) are checked here by hand.
function validators() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const f of ['request', 'requests', 'service', 'services', 'service-definition']) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA, `${f}.json`), 'utf8')), `${f}.json`);
  }
  return (name, data) => {
    const v = ajv.getSchema(`${name}.json`);
    assert.ok(v(data), `${name}.json: ${JSON.stringify(v.errors?.slice(0, 3))}`);
  };
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

// XML to plain values by the Spark convention backwards: the list
// elements become arrays, every leaf its text ("" for an empty one).
const LISTS = new Set(['services', 'service_requests', 'attributes', 'values', 'errors', 'endpoints', 'formats']);
function parseXml(text) {
  const p = new SaxesParser();
  const stack = [{ name: '#doc', kids: [], text: '' }];
  p.on('opentag', (t) => { stack.push({ name: t.name, kids: [], text: '' }); });
  p.on('text', (t) => { stack[stack.length - 1].text += t; });
  p.on('closetag', () => {
    const n = stack.pop();
    stack[stack.length - 1].kids.push(n);
  });
  p.write(text).close();
  const value = (n) => {
    if (LISTS.has(n.name)) return n.kids.map(value);
    if (n.kids.length === 0) return n.text;
    return Object.fromEntries(n.kids.map((k) => [k.name, value(k)]));
  };
  const top = stack[0].kids;
  assert.equal(top.length, 1, 'one root element');
  return { root: top[0].name, value: value(top[0]) };
}
// JSON as XML carries it: null as "", numbers and booleans as text.
function asXml(v) {
  if (Array.isArray(v)) return v.map(asXml);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asXml(x)]));
  return v === null ? '' : String(v);
}

for (const backend of backends()) {
  describe(`Open311 GeoReport v2 (${backend})`, { skip: !have && 'no ../shared/spec/open311' }, () => {
    let srv; let check;
    const get = async (p, headers = {}) => {
      const res = await fetch(`${srv.url}/open311/v2/${p}`, { headers });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    // The JSON and the XML form of p: equal content, right types.
    const both = async (p, root, status = 200) => {
      const j = await get(`${p.replace(/\?|$/, '.json$&')}`);
      const x = await get(`${p.replace(/\?|$/, '.xml$&')}`);
      assert.equal(j.status, status, `${p}.json: ${j.text.slice(0, 200)}`);
      assert.equal(x.status, status, `${p}.xml`);
      assert.equal(j.type, 'application/json; charset=utf-8');
      assert.equal(x.type, 'text/xml; charset=utf-8');
      assert.match(x.text, /^<\?xml version="1.0" encoding="utf-8"\?>/);
      const body = JSON.parse(j.text);
      const xml = parseXml(x.text);
      assert.equal(xml.root, root);
      assert.deepEqual(xml.value, asXml(body), `${p}: XML and JSON agree`);
      return body;
    };
    const post = async (fields, { fmt = 'json', headers = {} } = {}) => {
      const res = await fetch(`${srv.url}/open311/v2/requests.${fmt}`, { method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } });
      const text = await res.text();
      return { status: res.status, text, body: fmt === 'json' ? JSON.parse(text) : parseXml(text) };
    };
    const refused = (r, status, what) => {
      assert.equal(r.status, status, `${what}: ${r.text}`);
      assert.ok(Array.isArray(r.body) && r.body.length === 1, what);
      assert.equal(r.body[0].code, status);
      assert.ok(r.body[0].description.length > 0);
    };

    before(async () => {
      check = validators();
      srv = await startServer(backend);
    });
    after(async () => { await srv?.stop(); });

    test('discovery names this endpoint and both formats', async () => {
      const d = await both('discovery', 'discovery');
      assert.equal(d.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
      assert.ok(d.endpoints[0].url.endsWith('/open311/v2'));
      assert.deepEqual(d.endpoints[0].formats, ['text/xml', 'application/json']);
      assert.match(d.changeset, W3C);
    });

    test('services and every service definition validate against the schemas', async () => {
      const services = await both('services', 'services');
      check('services', services);
      assert.ok(services.length >= 20);
      const codes = services.map((s) => s.service_code);
      assert.ok(codes.includes('complaint-market') && codes.includes('suggest-transport'));
      assert.equal(new Set(codes).size, codes.length, 'codes are unique');
      for (const s of services) {
        check('service', s);
        assert.equal(typeof s.service_code, 'string');
        assert.ok(s.service_name.length > 0 && s.group.length > 0);
        if (!s.metadata) continue;
        const def = s.service_code === 'complaint-market' ?
          await both(`services/${s.service_code}`, 'service_definition') :
          JSON.parse((await get(`services/${s.service_code}.json`)).text);
        check('service-definition', def);
        assert.equal(def.service_code, s.service_code);
        const orders = def.attributes.map((a) => a.order);
        assert.equal(new Set(orders).size, orders.length, 'orders are unique');
        const region = def.attributes.find((a) => a.code === 'region');
        assert.ok(region.values.some((v) => v.name === '鼓楼区'));
      }
      const missing = await get('services/nope-nothing.json');
      assert.equal(missing.status, 404);
      assert.equal(JSON.parse(missing.text)[0].code, 404);
    });

    test('requests: the demo letters in 福州, public data only, in both formats', async () => {
      const list = await both('requests', 'service_requests');
      check('requests', list);
      assert.ok(list.length >= 10);
      const now = Date.now();
      for (const r of list) {
        check('request', r);
        assert.match(r.requested_datetime, W3C);
        assert.ok(now - Date.parse(r.requested_datetime) <= 91 * 86400e3, 'the last 90 days by default');
        assert.ok(!/1[3-9]\d{9}/.test(JSON.stringify(r)), `no phone number in ${r.service_request_id}`);
        assert.ok(!('email' in r) && !('phone' in r) && !('first_name' in r));
      }
      const placed = list.filter((r) => r.lat !== null);
      assert.ok(placed.length >= 10);
      for (const r of placed) {
        assert.ok(Math.abs(r.lat - 26.08) < 0.2 && Math.abs(r.long - 119.30) < 0.2, 'in 福州');
      }
      // Demo descriptions carry phone numbers: shown masked.
      assert.ok(list.some((r) => /\d{3}\*{4}\d{4}/.test(r.description ?? '')));
      const closed = list.filter((r) => r.status === 'closed');
      assert.ok(closed.length > 0 && closed.every((r) => r.status_notes));

      const open = JSON.parse((await get('requests.json?status=open')).text);
      assert.ok(open.length > 0 && open.every((r) => r.status === 'open'));
      const market = JSON.parse((await get('requests.json?service_code=complaint-market,suggest-transport')).text);
      assert.ok(market.length > 0);
      assert.ok(market.every((r) => ['complaint-market', 'suggest-transport'].includes(r.service_code)));
      // service_request_id wins over every other parameter.
      const ids = [list[0].service_request_id, list[list.length - 1].service_request_id];
      const byId = JSON.parse((await get(`requests.json?service_request_id=${ids.join(',')}&status=closed&service_code=suggest-health`)).text);
      assert.deepEqual(byId.map((r) => r.service_request_id).sort(), [...ids].sort());
      const old = JSON.parse((await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).text);
      assert.deepEqual(old, []);
      for (const [q, why] of [['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'span over 90 days'],
        ['start_date=yesterday', 'bad date'], ['end_date=2026-01-01T00:00:00', 'no zone'],
        ['status=pending', 'bad status'], ['service_code=nope', 'unknown code']]) {
        const r = await get(`requests.json?${q}`);
        assert.equal(r.status, 400, why);
        assert.equal(JSON.parse(r.text)[0].code, 400);
      }
      const one = await both(`requests/${ids[0]}`, 'service_requests');
      assert.equal(one.length, 1);
      check('requests', one);
      assert.equal((await get('requests/L1.json')).status, 404);
      const token = await both('tokens/abc', 'errors', 404);
      assert.equal(token[0].code, 404);
    });

    test('POST refuses a missing, unknown or revoked key (403) before anything else', async () => {
      const ok = { service_code: 'complaint-general', lat: '26.08', long: '119.30', description: '路灯不亮' };
      refused(await post(ok), 403, 'no key');
      refused(await post({ ...ok, api_key: 'ywo_nope' }), 403, 'unknown key');
      const x = await post({ ...ok, api_key: '' }, { fmt: 'xml' });
      assert.equal(x.status, 403);
      assert.equal(x.body.root, 'errors');
      assert.equal(x.body.value[0].code, '403');
      // The key is checked even when the rest is wrong too.
      refused(await post({ ...ok, description: 'x'.repeat(4001), api_key: 'ywo_nope' }), 403, 'bad key, long text');

      const added = yiwang(srv.db, ['open311', 'key', 'add', '测试客户端']);
      const key = added.trim().split('\n').pop();
      assert.match(key, /^ywo_[A-Za-z0-9_-]{43}$/);
      const id = added.match(/open311 key (\d+)/)[1];
      assert.equal((await post({ ...ok, api_key: key })).status, 200);
      assert.match(yiwang(srv.db, ['open311', 'key', 'list']), new RegExp(`^${id}\\t${key.slice(0, 12)}\\t.*\\tactive\\t测试客户端$`, 'm'));
      yiwang(srv.db, ['open311', 'key', 'revoke', id]);
      refused(await post({ ...ok, api_key: key }), 403, 'revoked key');
      assert.throws(() => yiwang(srv.db, ['open311', 'key', 'revoke', id]), /already revoked/);
      assert.throws(() => yiwang(srv.db, ['open311', 'key', 'revoke', '999999']), /no such key/);
    });

    test('POST refuses bad input in the error shape', async () => {
      const base = { api_key: DEMO_KEY, service_code: 'complaint-general', lat: '26.08', long: '119.30', description: '井盖缺失' };
      refused(await post({ ...base, service_code: '' }), 400, 'no service_code');
      refused(await post({ ...base, service_code: 'complaint-nothing' }), 404, 'unknown service_code');
      refused(await post({ ...base, lat: '91' }), 400, 'latitude out of range');
      refused(await post({ ...base, long: 'east' }), 400, 'longitude not a number');
      refused(await post({ ...base, long: '' }), 400, 'lat without long');
      refused(await post({ ...base, lat: '', long: '' }), 400, 'no location');
      refused(await post({ ...base, description: '长'.repeat(4001) }), 400, 'description over 4000');
      refused(await post({ ...base, description: '' }), 400, 'no description');
      refused(await post({ ...base, email: 'not-an-address' }), 400, 'bad e-mail');
      refused(await post({ ...base, 'attribute[region]': '999999999999' }), 400, 'unknown region');
      refused(await post(base, { headers: { 'idempotency-key': 'x'.repeat(101) } }), 400, 'long Idempotency-Key');
      // 4000 characters exactly are fine; an address alone is a location.
      const long = await post({ ...base, lat: '', long: '', address_string: '鼓楼区五四路 100 号', description: '长'.repeat(4000) });
      assert.equal(long.status, 200, long.text);
    });

    // The raw answer (node:http does not inflate, unlike fetch).
    const raw = (p, headers) => new Promise((resolve, reject) => {
      http.get(`${srv.url}${p}`, { headers }, (res) => {
        const parts = [];
        res.on('data', (d) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
      }).on('error', reject);
    });

    test('public answers go gzipped to clients that take it, the same bytes, fresh after a new request', async () => {
      const url = '/open311/v2/requests.json?service_code=complaint-general';
      const plain = await raw(url, { 'accept-encoding': 'identity' });
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      for (let i = 0; i < 3; i++) { // the first fills the cache, later ones hit it
        const gz = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
        assert.equal(gz.headers['content-encoding'], 'gzip');
        assert.equal(gz.headers.vary, 'accept-encoding');
        assert.equal(Number(gz.headers['content-length']), gz.body.length);
        assert.ok(gz.body.length < plain.body.length / 3, 'smaller');
        assert.deepEqual(gunzipSync(gz.body), plain.body);
      }
      const refused = await raw(url, { 'accept-encoding': 'br, gzip;q=0' });
      assert.equal(refused.headers['content-encoding'], undefined);
      assert.deepEqual(refused.body, plain.body);
      // A new request shows at once in the gzipped list.
      const made = await post({ api_key: DEMO_KEY, service_code: 'complaint-general',
        description: '压缩缓存测试：人行道地砖松动', lat: '26.08', long: '119.30' },
      { headers: { 'idempotency-key': `o311-gz-${backend}-${Date.now()}` } });
      assert.equal(made.status, 200, made.text);
      const after = await raw(url, { 'accept-encoding': 'gzip' });
      assert.equal(after.headers['content-encoding'], 'gzip');
      const list = JSON.parse(gunzipSync(after.body));
      assert.ok(list.some((r) => r.service_request_id === made.body[0].service_request_id));
      // Pages too; a signed-in user's pages are never cached, never gzipped.
      const page = await raw('/services', { 'accept-encoding': 'gzip' });
      assert.equal(page.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(page.body).toString(), /<html lang="zh-CN"/);
      const citizen = new Client(srv.url);
      assert.equal((await citizen.login(CITIZEN.login, CITIZEN.password)).status, 303);
      const mine = await raw('/services', { ...citizen.headers(), 'accept-encoding': 'gzip' });
      assert.equal(mine.status, 200);
      assert.equal(mine.headers['content-encoding'], undefined);
      assert.match(mine.body.toString(), /<html lang="zh-CN"/);
    });

    test('a platform admin issues a key on /admin/open311/keys (shown once), it posts, revoked it is refused; others may not', async () => {
      const admin = new Client(srv.url);
      assert.equal((await admin.login('admin', DEMO_PASSWORD)).status, 303);
      let csrf = await admin.csrf('/admin/open311/keys');
      const empty = await admin.post('/admin/open311/keys', { csrf, action: 'create', name: '' });
      assert.equal(empty.status, 422);
      const emptyHtml = await empty.text();
      assertErrorLinks(emptyHtml, 'open311 keys');
      assert.match(emptyHtml, /id="e-name"/);
      const made = await admin.post('/admin/open311/keys', { csrf, action: 'create', name: `鼓楼随手拍 ${backend}` });
      assert.equal(made.status, 200);
      const html = await made.text();
      const key = html.match(/<code id="new-key">(ywo_[^<]+)<\/code>/)[1];
      assert.ok(html.includes(`鼓楼随手拍 ${backend}`));
      const again = await (await admin.get('/admin/open311/keys')).text();
      assert.ok(!again.includes(key), 'the secret is shown once');
      const fields = { api_key: key, service_code: 'suggest-general', description: '建议增设公交站台遮阳棚',
        lat: '26.08', long: '119.30' };
      const posted = await post(fields, { headers: { 'idempotency-key': `o311-adminkey-${backend}-${Date.now()}` } });
      assert.equal(posted.status, 200, posted.text);
      // Revoked through the page: the next post is refused.
      const id = again.match(new RegExp(`鼓楼随手拍 ${backend}</td>[\\s\\S]*?name="id" value="(\\d+)"`))[1];
      csrf = await admin.csrf('/admin/open311/keys');
      const revoked = await admin.post('/admin/open311/keys', { csrf, action: 'revoke', id });
      assert.equal(revoked.status, 303);
      refused(await post({ ...fields, description: '再试一次' }), 403, 'revoked key');
      // The audit log names the admin for both.
      const audit = (await (await admin.get('/api/v1/audit?object_type=open311_client')).json()).audit.entries;
      const mine = audit.filter((e) => String(e.object_id) === id);
      assert.deepEqual(mine.map((e) => e.action).sort(), ['open311_key.create', 'open311_key.revoke']);
      assert.ok(mine.every((e) => e.actor_login === 'admin'), JSON.stringify(mine[0]));
      // A department admin may neither see nor change the keys.
      const other = new Client(srv.url);
      assert.equal((await other.login('xfj_admin', DEMO_PASSWORD)).status, 303);
      assert.equal((await other.get('/admin/open311/keys')).status, 403);
      const ocsrf = await other.csrf('/interact');
      assert.equal((await other.post('/admin/open311/keys', { csrf: ocsrf, action: 'create', name: 'x' })).status, 403);
    });

    test('a request is a letter: routed, queued for staff, replied, closed in GET; retries make one', async () => {
      const unsafe = '<script>alert(1)</script> 路灯坏了，联系我 13912345678 & 谢谢';
      const fields = { api_key: DEMO_KEY, service_code: 'complaint-general', lat: '26.0812345', long: '119.2967',
        address_string: '鼓楼区五四路 88 号', description: unsafe, email: 'lin@example.cn', phone: '13912345678',
        first_name: '小明', last_name: '林', 'attribute[title]': '五四路路灯不亮' };
      const headers = { 'idempotency-key': `o311-${backend}-${Date.now()}` };
      const first = await post(fields, { headers });
      assert.equal(first.status, 200, first.text);
      const id = first.body[0].service_request_id;
      assert.equal(typeof id, 'string');
      assert.match(first.body[0].service_notice, /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/, 'the query code');
      const again = await post(fields, { headers, fmt: 'xml' });
      assert.equal(again.status, 200);
      assert.equal(again.body.value[0].service_request_id, id, 'a retry gives the same request');
      const other = await post(fields, { headers: { 'idempotency-key': `${headers['idempotency-key']}-2` } });
      assert.notEqual(other.body[0].service_request_id, id);

      const [r] = await both(`requests/${id}`, 'service_requests');
      check('request', r);
      assert.equal(r.status, 'open');
      assert.equal(r.lat, 26.0812345);
      assert.equal(r.service_name, '投诉：综合');
      assert.equal(r.description, '<script>alert(1)</script> 路灯坏了，联系我 139****5678 & 谢谢', 'text, masked');
      const raw = (await get(`requests/${id}.xml`)).text;
      assert.ok(raw.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !raw.includes('<script>'));
      const all = JSON.stringify(r);
      for (const secret of ['lin@example.cn', '13912345678', '小明']) assert.ok(!all.includes(secret), secret);

      // The same letter in the department's queue, with its place.
      const staff = new Client(srv.url);
      assert.equal((await staff.login('xfj_admin', DEMO_PASSWORD)).status, 303);
      const queue = await (await staff.get('/api/v1/staff/letters')).json();
      const mine = queue.letters.find((l) => l.letter_no === id);
      assert.ok(mine, 'in the staff queue');
      const page = await (await staff.get(`/staff/letters/${mine.id}`)).text();
      assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !page.includes('<script>alert'));
      assert.ok(page.includes('鼓楼区五四路 88 号'), 'staff see the address');
      const l = (await (await staff.get(`/api/v1/letters/${mine.id}`)).json()).letter;
      assert.equal(l.source, 'open311');
      assert.equal(l.writer_email, 'lin@example.cn');
      assert.equal(l.title, '五四路路灯不亮');

      const csrf = await staff.csrf(`/staff/letters/${mine.id}`);
      const reply = await staff.post(`/staff/letters/${mine.id}`, { csrf, op: 'reply', note: '已修复。联系电话 13800001111。' });
      assert.equal(reply.status, 303);
      const [done] = JSON.parse((await get(`requests/${id}.json`)).text);
      assert.equal(done.status, 'closed');
      assert.equal(done.status_notes, '已修复。联系电话 138****1111。');
      assert.ok(Date.parse(done.updated_datetime) >= Date.parse(done.requested_datetime));
      const closed = JSON.parse((await get('requests.json?status=closed&service_code=complaint-general')).text);
      assert.ok(closed.some((x) => x.service_request_id === id));
    });
  });
}
