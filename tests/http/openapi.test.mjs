// The OpenAPI description served at /api/v1/openapi.json: a valid OpenAPI
// 3.1 document, one path for each /api/v1 route of conf/routes.conf and no
// other, and every documented GET operation answers a live server with JSON
// that matches the schema documented for its status.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN, root } from '../lib/server.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// The /api/v1 routes of routes.conf. A regex route's capture groups become
// "{}" placeholders, so "^/api/v1/departments/([0-9]{1,15})$" is
// "/api/v1/departments/{}" with the group "[0-9]{1,15}".
function apiRoutes() {
  const text = readFileSync(path.join(root, 'conf/routes.conf'), 'utf8');
  const routes = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*route\s+(\S+)\s+(\S+)/);
    if (!m) continue;
    const [, spec, handler] = m;
    const isRegex = spec.startsWith('^');
    let body = isRegex ? spec.slice(1).replace(/\$$/, '') : spec;
    if (!body.startsWith('/api/v1/')) continue;
    const groups = [];
    if (isRegex) {
      body = body.replace(/\(((?:[^()\\]|\\.)*)\)/g, (_, g) => { groups.push(g); return '{}'; })
        .replace(/\\(.)/g, '$1');
    }
    assert.match(body, /^[A-Za-z0-9_./{}-]+$/,
      `route ${spec}: only capture groups may be regex; the test cannot map this one to an OpenAPI path`);
    routes.push({ spec, handler, template: body, groups });
  }
  return routes;
}

const placeholders = (p) => p.replace(/\{[^}]+\}/g, '{}');

// Resolves a local $ref of a non-schema object (response, parameter, header).
function deref(doc, obj) {
  let o = obj;
  for (let i = 0; o && o.$ref && i < 10; i++) {
    assert.match(o.$ref, /^#\//, `only local references: ${o.$ref}`);
    o = o.$ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((v, k) => v?.[k], doc);
    assert.ok(o, `unresolved ${obj.$ref}`);
  }
  return o;
}

// Ajv for the document's schemas: JSON Schema 2020-12 (OpenAPI 3.1's
// dialect) in strict mode, so a misspelt keyword or a `required` name that
// is not a property fails at compile time instead of passing silently.
const BASE = 'https://yiwang.invalid/openapi.json';
function schemaCompiler(doc) {
  const ajv = new Ajv2020({ strict: true, strictRequired: true, allowUnionTypes: true, allErrors: true });
  // The OpenAPI base vocabulary's annotations.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const rewrite = (v) => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v === null || typeof v !== 'object') return v;
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/components/schemas/')
        ? `${BASE}#/$defs/${x.slice('#/components/schemas/'.length)}` : rewrite(x);
    }
    return out;
  };
  ajv.addSchema({ $id: BASE, $defs: rewrite(doc.components?.schemas ?? {}) });
  const names = Object.keys(doc.components?.schemas ?? {});
  for (const n of names) ajv.getSchema(`${BASE}#/$defs/${n}`);	// compile each, strictly
  const cache = new Map();
  return {
    ajv,
    compile(key, schema) {
      if (!cache.has(key)) cache.set(key, ajv.compile(rewrite(schema)));
      return cache.get(key);
    },
  };
}

// The checks swagger-parser leaves out for OpenAPI 3.x: unique operation
// ids, and path templates and path parameters that agree.
function specChecks(doc) {
  const ids = new Set();
  for (const [p, item] of Object.entries(doc.paths)) {
    const vars = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      assert.ok(op.operationId, `${method} ${p} has an operationId`);
      assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
      ids.add(op.operationId);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => deref(doc, x));
      const inPath = params.filter((x) => x.in === 'path');
      assert.deepEqual(inPath.map((x) => x.name).sort(), vars, `${method} ${p}: path parameters match the template`);
      for (const x of inPath) assert.equal(x.required, true, `${method} ${p}: path parameter ${x.name} is required`);
      for (const [status, r] of Object.entries(op.responses)) {
        assert.match(status, /^[1-5][0-9][0-9]$/, `${method} ${p}: status ${status}`);
        for (const name of Object.keys(deref(doc, r).content ?? {})) {
          assert.match(name, /^application\/json$/, `${method} ${p} ${status}: JSON only`);
        }
      }
    }
  }
}

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  return c;
}

for (const backend of backends()) {
  describe(`OpenAPI description on ${backend}`, () => {
    let srv; let doc; let schemas;
    before(async () => {
      srv = await startServer(backend);
      const res = await fetch(srv.url + '/api/v1/openapi.json');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      doc = await res.json();
    });
    after(async () => { await srv?.stop(); });

    test('the served document is the checked-in api/openapi.json and valid OpenAPI 3.1', async () => {
      assert.deepEqual(doc, JSON.parse(readFileSync(path.join(root, 'api/openapi.json'), 'utf8')));
      assert.match(doc.openapi, /^3\.1\.\d+$/);
      // validate() dereferences in place: give it a copy.
      await SwaggerParser.validate(structuredClone(doc));
      specChecks(doc);
      schemas = schemaCompiler(doc);
      for (const name of ['Region', 'Department', 'Staff', 'AuditEntry', 'Account', 'Session', 'Error', 'Service',
        'ServiceSummary', 'LifeEvent']) {
        assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
      }
      const cookie = Object.values(doc.components.securitySchemes)
        .find((s) => s.type === 'apiKey' && s.in === 'cookie' && s.name === 'yw_session');
      assert.ok(cookie, 'the yw_session cookie is a security scheme');
    });

    test('every /api/v1 route of routes.conf has a path, and every path a route', () => {
      const routes = apiRoutes();
      assert.ok(routes.length >= 5, 'routes.conf has /api/v1 routes');
      const byTemplate = new Map(routes.map((r) => [r.template, r]));
      const docPaths = Object.keys(doc.paths);
      const docTemplates = new Map(docPaths.map((p) => [placeholders(p), p]));
      for (const r of routes) assert.ok(docTemplates.has(r.template), `route ${r.spec} (${r.handler}) is documented`);
      for (const p of docPaths) assert.ok(byTemplate.has(placeholders(p)), `path ${p} has a route in routes.conf`);
      // A path parameter's pattern is the route's capture group, in order.
      for (const r of routes.filter((x) => x.groups.length > 0)) {
        const p = docTemplates.get(r.template);
        const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const method of METHODS.filter((m) => doc.paths[p][m])) {
          const params = [...(doc.paths[p].parameters ?? []), ...(doc.paths[p][method].parameters ?? [])]
            .map((x) => deref(doc, x));
          names.forEach((name, i) => {
            const param = params.find((x) => x.in === 'path' && x.name === name);
            assert.equal(param?.schema?.pattern, `^${r.groups[i]}$`, `${method} ${p}: {${name}} has the route's pattern`);
          });
        }
      }
    });

    test('every documented GET answers with the documented schema', async () => {
      if (!schemas) schemas = schemaCompiler(doc);
      const seen = new Map();	// operationId -> { statuses, query }

      // One request, checked against the document: the status must be
      // documented, and the body must match that status's schema.
      async function call(client, template, url, expect, headers = {}) {
        const op = doc.paths[template]?.get;
        assert.ok(op, `GET ${template} is documented`);
        const res = client ? await client.get(url, headers) : await fetch(srv.url + url, { headers });
        const text = await res.text();
        const where = `GET ${url} (${client?.who ?? 'anonymous'})`;
        assert.equal(res.status, expect, `${where}: ${text.slice(0, 300)}`);
        const status = String(res.status);
        const documented = op.responses[status];
        assert.ok(documented, `${where}: status ${status} is not documented for GET ${template}`);
        const resp = deref(doc, documented);
        const s = seen.get(op.operationId) ?? { statuses: new Set(), query: new Set() };
        s.statuses.add(status);
        for (const k of new URL(url, srv.url).searchParams.keys()) s.query.add(k);
        seen.set(op.operationId, s);
        const media = Object.keys(resp.content ?? {});
        if (media.length === 0) {
          assert.equal(text, '', `${where}: no body documented`);
          return null;
        }
        const ct = res.headers.get('content-type') ?? '';
        const mt = media.find((m) => ct.split(';')[0].trim() === m);
        assert.ok(mt, `${where}: content-type ${ct} is not documented (${media.join(', ')})`);
        const body = JSON.parse(text);
        const validate = schemas.compile(`${op.operationId} ${status} ${mt}`, resp.content[mt].schema);
        if (!validate(body)) {
          assert.fail(`${where} ${status} does not match the documented schema:\n`
          + validate.errors.slice(0, 10).map((x) => `  ${x.instancePath || '/'} ${x.message} ${JSON.stringify(x.params)}`)
            .join('\n') + `\n${text.slice(0, 600)}`);
        }
        return body;
      }

      const anon = null;
      const [admin, auditor, gaj, citizen] = await Promise.all([
        login(srv.url, 'admin'), login(srv.url, 'auditor'), login(srv.url, 'gaj_admin'),
        login(srv.url, CITIZEN.login, CITIZEN.password)]);
      admin.who = 'admin'; auditor.who = 'auditor'; gaj.who = 'gaj_admin'; citizen.who = 'citizen';
      // Enough logins (each is audited) for the audit log to need a second page.
      const shown = (await (await admin.get('/api/v1/audit')).json()).audit.entries.length;
      await Promise.all(Array.from({ length: Math.max(0, 51 - shown) }, () => login(srv.url, 'admin')));

      // The description itself, and its conditional GET.
      const self = await fetch(srv.url + '/api/v1/openapi.json');
      await self.arrayBuffer();
      await call(anon, '/api/v1/openapi.json', '/api/v1/openapi.json', 200);
      await call(anon, '/api/v1/openapi.json', '/api/v1/openapi.json', 304,
        { 'if-none-match': self.headers.get('etag') });

      // The public directory.
      const home = await call(anon, '/api/v1/home', '/api/v1/home', 200);
      assert.equal(home.department_count, home.departments.length);
      const { regions } = await call(anon, '/api/v1/regions', '/api/v1/regions', 200);
      const { departments } = await call(anon, '/api/v1/departments', '/api/v1/departments', 200);
      assert.ok(departments.length > 1);
      const deepest = departments[departments.length - 1];
      assert.ok(regions.some((r) => r.code === deepest.region_code));
      const some = await call(anon, '/api/v1/departments', `/api/v1/departments?region=${deepest.region_code}`, 200);
      assert.ok(some.departments.length >= 1 && some.departments.length < departments.length);
      await call(anon, '/api/v1/departments', '/api/v1/departments?region=000000000000', 404);
      for (const d of [departments[0], deepest]) {
        const one = await call(anon, '/api/v1/departments/{id}', `/api/v1/departments/${d.id}`, 200);
        assert.equal(one.department.id, d.id);
      }
      await call(anon, '/api/v1/departments/{id}', '/api/v1/departments/999999999999999', 404);
      await call(anon, '/api/v1/departments/{id}', '/api/v1/departments/0', 404);
      await call(anon, '/api/v1/departments/{id}', '/api/v1/departments/999999', 404, { cookie: 'yw_lang=en' });

      // The holiday calendar.
      const cal = await call(anon, '/api/v1/calendar', '/api/v1/calendar', 200);
      assert.ok(cal.years.some((y) => y.year === 2026));
      const y2026 = await call(anon, '/api/v1/calendar/{year}', '/api/v1/calendar/2026', 200);
      assert.ok(y2026.holidays.length > 0);
      await call(anon, '/api/v1/calendar/{year}', '/api/v1/calendar/1999', 404);

      // The service catalogue: every filter, every life event, every
      // published item's guide.
      const cat = await call(anon, '/api/v1/services', '/api/v1/services?per_page=100', 200);
      assert.ok(cat.services.length > 1 && cat.services.length === cat.paging.total);
      const s0 = cat.services[0];
      const d0 = departments.find((d) => d.id === s0.department_id);
      const narrowed = await call(anon, '/api/v1/services', `/api/v1/services?${new URLSearchParams({ event: 'birth',
        department: String(s0.department_id), region: d0.region_code, level: String(s0.level), type: s0.item_type,
        page: '1', per_page: '5' })}`, 200);
      assert.ok(narrowed.services.every((x) => x.department_id === s0.department_id && x.item_type === s0.item_type));
      assert.equal((await call(anon, '/api/v1/services', '/api/v1/services?page=99', 200)).services.length, 0);
      const badCat = await call(anon, '/api/v1/services', '/api/v1/services?event=travel&level=9', 422);
      assert.deepEqual(Object.keys(badCat.error.fields).sort(), ['event', 'level']);
      await call(anon, '/api/v1/services', '/api/v1/services?department=999999', 404);
      for (const x of cat.services) {
        const g = await call(anon, '/api/v1/services/{code}', `/api/v1/services/${x.code}`, 200);
        assert.equal(g.service.code, x.code);
      }
      await call(anon, '/api/v1/services/{code}', '/api/v1/services/350100-gaj-07-9999', 404);
      const { life_events: le } = await call(anon, '/api/v1/life-events', '/api/v1/life-events', 200);
      for (const e of [...le.individual, ...le.business]) {
        const one = await call(anon, '/api/v1/life-events/{event}', `/api/v1/life-events/${e.slug}`, 200);
        assert.equal(one.paging.total, e.count);
      }
      await call(anon, '/api/v1/life-events/{event}', `/api/v1/life-events/birth?${new URLSearchParams({
        department: String(s0.department_id), region: d0.region_code, level: '2', type: 'public_service', page: '1',
        per_page: '3' })}`, 200);
      await call(anon, '/api/v1/life-events/{event}', '/api/v1/life-events/nope', 404);
      await call(anon, '/api/v1/life-events/{event}', '/api/v1/life-events/birth?page=0', 422);
      const searched = await call(anon, '/api/v1/search', `/api/v1/search?${new URLSearchParams({ q: '出生医学证明' })}`, 200);
      assert.ok(searched.hits.length > 0 && searched.events.length > 0);
      const h0 = searched.hits[0];
      await call(anon, '/api/v1/search', `/api/v1/search?${new URLSearchParams({ q: '出生', event: 'birth',
        department: h0.department_code, level: String(h0.level), type: h0.item_type, page: '1' })}`, 200);
      await call(anon, '/api/v1/search', '/api/v1/search', 200);
      await call(anon, '/api/v1/search', `/api/v1/search?${new URLSearchParams({ q: '证'.repeat(81) })}`, 422);

      // The account.
      await call(anon, '/api/v1/me', '/api/v1/me', 401);
      for (const c of [admin, gaj, citizen]) {
        const me = await call(c, '/api/v1/me', '/api/v1/me', 200);
        assert.ok(me.sessions.some((s) => s.current));
      }

      // Staff administration.
      await call(anon, '/api/v1/admin/staff', '/api/v1/admin/staff', 401);
      await call(citizen, '/api/v1/admin/staff', '/api/v1/admin/staff', 403);
      await call(auditor, '/api/v1/admin/staff', '/api/v1/admin/staff', 403);
      const { staff } = await call(admin, '/api/v1/admin/staff', '/api/v1/admin/staff', 200);
      const own = (await call(gaj, '/api/v1/admin/staff', '/api/v1/admin/staff', 200)).staff;
      assert.ok(own.length >= 1 && own.length < staff.length);
      for (const s of staff) {
        const one = await call(admin, '/api/v1/admin/staff/{id}', `/api/v1/admin/staff/${s.id}`, 200);
        assert.equal(one.form.login, s.login);
      }
      const other = staff.find((s) => !own.some((o) => o.id === s.id));
      await call(gaj, '/api/v1/admin/staff/{id}', `/api/v1/admin/staff/${own[0].id}`, 200);
      await call(gaj, '/api/v1/admin/staff/{id}', `/api/v1/admin/staff/${other.id}`, 404);
      await call(anon, '/api/v1/admin/staff/{id}', `/api/v1/admin/staff/${other.id}`, 401);
      await call(citizen, '/api/v1/admin/staff/{id}', `/api/v1/admin/staff/${other.id}`, 403);
      await call(admin, '/api/v1/admin/staff/{id}', '/api/v1/admin/staff/999999', 404);

      // Service item administration.
      await call(anon, '/api/v1/admin/services', '/api/v1/admin/services', 401);
      await call(citizen, '/api/v1/admin/services', '/api/v1/admin/services', 403);
      await call(auditor, '/api/v1/admin/services', '/api/v1/admin/services', 403);
      const { services: allItems } = await call(admin, '/api/v1/admin/services', '/api/v1/admin/services', 200);
      const ownItems = (await call(gaj, '/api/v1/admin/services', '/api/v1/admin/services', 200)).services;
      assert.ok(ownItems.length >= 1 && ownItems.length < allItems.length);
      assert.ok(allItems.some((x) => x.status === 'draft'));
      for (const x of allItems) {
        const one = await call(admin, '/api/v1/admin/services/{id}', `/api/v1/admin/services/${x.id}`, 200);
        assert.equal(one.service.completeness, x.completeness);
      }
      const foreign = allItems.find((x) => !ownItems.some((o) => o.id === x.id));
      await call(gaj, '/api/v1/admin/services/{id}', `/api/v1/admin/services/${ownItems[0].id}`, 200);
      await call(gaj, '/api/v1/admin/services/{id}', `/api/v1/admin/services/${foreign.id}`, 404);
      await call(anon, '/api/v1/admin/services/{id}', `/api/v1/admin/services/${foreign.id}`, 401);
      await call(citizen, '/api/v1/admin/services/{id}', `/api/v1/admin/services/${foreign.id}`, 403);
      await call(admin, '/api/v1/admin/services/{id}', '/api/v1/admin/services/999999', 404);

      // The audit log, its pages and every filter.
      await call(anon, '/api/v1/audit', '/api/v1/audit', 401);
      await call(citizen, '/api/v1/audit', '/api/v1/audit', 403);
      await call(gaj, '/api/v1/audit', '/api/v1/audit', 403);
      await call(auditor, '/api/v1/audit', '/api/v1/audit', 200);
      const first = (await call(admin, '/api/v1/audit', '/api/v1/audit', 200)).audit;
      assert.ok(Number.isInteger(first.next_before_id), 'the audit log has a second page');
      const second = (await call(admin, '/api/v1/audit', `/api/v1/audit?before=${first.next_before_id}`, 200)).audit;
      assert.ok(second.entries.every((e) => e.id < first.next_before_id));
      const e = first.entries.find((x) => x.department_id !== null);
      const day = e.at_local.slice(0, 10);
      const filters = { actor: e.actor_login, action: e.action, object_type: e.object_type,
        department_id: String(e.department_id), from: day, to: day };
      for (const [k, v] of Object.entries(filters)) {
        const q = new URLSearchParams({ [k]: v });
        const got = await call(admin, '/api/v1/audit', `/api/v1/audit?${q}`, 200);
        assert.ok(got.audit.entries.some((x) => x.id === e.id), `filter ${k}=${v} keeps the entry`);
        assert.deepEqual(got.filter, { [k]: v });
      }
      const all = new URLSearchParams({ ...filters, before: String(e.id + 1) });
      const narrow = await call(admin, '/api/v1/audit', `/api/v1/audit?${all}`, 200);
      assert.equal(narrow.audit.entries[0]?.id, e.id);
      // A malformed filter is refused, naming each field, never ignored.
      const bad = await call(admin, '/api/v1/audit', '/api/v1/audit?from=not-a-date&department_id=x', 422);
      assert.deepEqual(Object.keys(bad.error.fields).sort(), ['department_id', 'from']);

      // Cases: the bundles, an application submitted through the API (its
      // answer checked against the document too), the case as its
      // applicant and as staff see it, the lookup and the work queue.
      const { bundles } = await call(anon, '/api/v1/bundles', '/api/v1/bundles', 200);
      assert.ok(bundles.some((b) => b.code === 'birth'));
      await call(anon, '/api/v1/bundles', '/api/v1/bundles?event=birth', 200);
      await call(anon, '/api/v1/bundles', '/api/v1/bundles?event=nope', 422);
      const birth = (await call(anon, '/api/v1/bundles/{code}', '/api/v1/bundles/birth', 200)).bundle;
      await call(anon, '/api/v1/bundles/{code}', '/api/v1/bundles/none', 404);
      const ybjItem = birth.items.find((i) => i.code.includes('-ybj-'));
      const token = await citizen.csrf('/my');
      const submitted = await fetch(srv.url + '/api/v1/applications', { method: 'POST', redirect: 'manual',
        headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
          'idempotency-key': `openapi-${backend}` }),
        body: JSON.stringify({ item_code: ybjItem.code, values: { child_name: '王小明', child_gender: 'm',
          child_birth_date: '2026-01-15', applicant_name: '张三', applicant_idnum: '11010519491231002X',
          phone: '13800138000' } }) });
      const created = await submitted.json();
      assert.equal(submitted.status, 201, JSON.stringify(created));
      const post = doc.paths['/api/v1/applications'].post;
      const check = schemas.compile('submitApplication 201',
        deref(doc, post.responses['201']).content['application/json'].schema);
      assert.ok(check(created), JSON.stringify(check.errors));
      const caseUrl = `/api/v1/cases/${created.case_id}`;
      const mine = await call(citizen, '/api/v1/cases/{id}', caseUrl, 200);
      assert.equal(mine.is_staff, false);
      assert.equal((await call(admin, '/api/v1/cases/{id}', caseUrl, 200)).is_staff, true);
      await call(gaj, '/api/v1/cases/{id}', caseUrl, 404);
      await call(anon, '/api/v1/cases/{id}', caseUrl, 401);
      await call(citizen, '/api/v1/cases/{id}', '/api/v1/cases/999999999', 404);
      const listed = await call(citizen, '/api/v1/my/cases', '/api/v1/my/cases', 200);
      assert.ok(listed.cases.some((c) => c.id === created.case_id));
      await call(anon, '/api/v1/my/cases', '/api/v1/my/cases', 401);
      const q = new URLSearchParams({ tracking: created.tracking_no, phone: '13800138000' });
      const found = await call(anon, '/api/v1/track', `/api/v1/track?${q}`, 200);
      assert.equal(found.case.form_values, undefined, 'the lookup shows no form values');
      q.set('phone', '13900139000');
      await call(anon, '/api/v1/track', `/api/v1/track?${q}`, 404);
      await call(anon, '/api/v1/track', '/api/v1/track?tracking=x', 422);
      await call(gaj, '/api/v1/staff/queue', '/api/v1/staff/queue', 200);
      await call(gaj, '/api/v1/staff/queue', '/api/v1/staff/queue?mine=1', 200);
      await call(citizen, '/api/v1/staff/queue', '/api/v1/staff/queue', 403);
      await call(anon, '/api/v1/staff/queue', '/api/v1/staff/queue', 401);
      // The message centre, and the overdue list with its filters.
      const inbox = await call(citizen, '/api/v1/my/messages', '/api/v1/my/messages', 200);
      assert.equal(typeof inbox.unread, 'number');
      await call(citizen, '/api/v1/my/messages', '/api/v1/my/messages?before=999999999', 200);
      await call(citizen, '/api/v1/my/messages', '/api/v1/my/messages?before=x', 422);
      await call(anon, '/api/v1/my/messages', '/api/v1/my/messages', 401);
      const ownOverdue = await call(gaj, '/api/v1/staff/overdue', '/api/v1/staff/overdue', 200);
      assert.equal(ownOverdue.scope, 'department');
      const gajDept = departments.find((x) => x.code === 'gaj');
      const wide = await call(admin, '/api/v1/staff/overdue', `/api/v1/staff/overdue?${new URLSearchParams({
        region: gajDept.region_code, department: String(gajDept.id) })}`, 200);
      assert.equal(wide.scope, 'region');
      await call(auditor, '/api/v1/staff/overdue', '/api/v1/staff/overdue?department=x', 422);
      await call(citizen, '/api/v1/staff/overdue', '/api/v1/staff/overdue', 403);
      await call(anon, '/api/v1/staff/overdue', '/api/v1/staff/overdue', 401);

      // Data: the catalogue for staff, the exchange with a department key.
      await call(gaj, '/api/v1/data/resources', '/api/v1/data/resources?scope=mine&sharing=conditional&update_cycle=daily&late=1', 200);
      await call(gaj, '/api/v1/data/resources', '/api/v1/data/resources?sharing=maybe', 422);
      await call(gaj, '/api/v1/data/resources', '/api/v1/data/resources', 200);
      const dreqs = await call(admin, '/api/v1/data/requests', '/api/v1/data/requests', 200);
      await call(anon, '/api/v1/data/requests', '/api/v1/data/requests', 401);
      const rsjAdmin = await login(srv.url, 'rsj_admin'); rsjAdmin.who = 'rsj_admin';
      const made = await rsjAdmin.post('/api/v1/data/resources/wjw-0001/requests', JSON.stringify({ purpose: 'openapi', items: ['sex'] }),
        { 'content-type': 'application/json', 'x-csrf-token': await rsjAdmin.csrf('/staff/data/keys') });
      assert.equal(made.status, 201);
      const reqId = (await made.json()).request.id;
      assert.ok(Array.isArray(dreqs.to_review));
      await call(admin, '/api/v1/data/requests/{id}', `/api/v1/data/requests/${reqId}`, 200);
      await call(gaj, '/api/v1/data/requests/{id}', `/api/v1/data/requests/${reqId}`, 404);
      await call(anon, '/api/v1/data/requests/{id}', `/api/v1/data/requests/${reqId}`, 401);
      await call(anon, '/api/v1/data/resources', '/api/v1/data/resources', 401);
      await call(gaj, '/api/v1/data/resources/{code}', '/api/v1/data/resources/wjw-0001', 200);
      await call(gaj, '/api/v1/data/resources/{code}', '/api/v1/data/resources/wjw-9999', 404);
      const kw = '/api/v1/data/resources/{code}/keywords';
      assert.ok((await call(admin, kw, '/api/v1/data/resources/sthj-0002/keywords', 200)).dataset.keywords.length > 0);
      await call(gaj, kw, '/api/v1/data/resources/sthj-0001/keywords', 403);
      await call(admin, kw, '/api/v1/data/resources/wjw-0001/keywords', 404);
      await call(anon, kw, '/api/v1/data/resources/sthj-0001/keywords', 401);
      const keyPage = await gaj.post('/staff/data/keys', { csrf: await gaj.csrf('/staff/data/keys'), action: 'create', name: 'openapi' });
      const key = (await keyPage.text()).match(/<code id="new-key">([^<]+)<\/code>/)[1];
      const bearer = { authorization: `Bearer ${key}` };
      const recs = '/api/v1/exchange/resources/{code}/records';
      await call(null, recs, '/api/v1/exchange/resources/scjg-0001/records?limit=2&offset=0&updated_since=0&cursor=0', 200, bearer);
      await call(null, recs, '/api/v1/exchange/resources/scjg-0001/records?limit=500', 422, bearer);
      await call(null, recs, '/api/v1/exchange/resources/scjg-0001/records', 401);
      await call(null, recs, '/api/v1/exchange/resources/scjg-9999/records', 404, bearer);
      await call(null, recs, '/api/v1/exchange/resources/wjw-0001/records?status=x', 422, bearer);
      await call(null, '/api/v1/exchange/receipts', '/api/v1/exchange/receipts?since=0', 200, bearer);
      await call(null, '/api/v1/exchange/receipts', '/api/v1/exchange/receipts', 401);
      await call(null, '/api/v1/exchange/public-key', '/api/v1/exchange/public-key', 200);
      // Open data: search with every filter, a data set, its records, the plan and requests.
      const od = await call(anon, '/api/v1/open/datasets', '/api/v1/open/datasets', 200);
      assert.ok(od.total >= 20 && od.datasets.length === 10);
      const air = (await call(anon, '/api/v1/open/datasets', `/api/v1/open/datasets?${new URLSearchParams({ q: '空气',
        department: 'sthj', topic: 'theme', format: 'api', page: '1' })}`, 200)).datasets;
      assert.ok(air.some((x) => x.code === 'sthj-0001'));
      await call(anon, '/api/v1/open/datasets', '/api/v1/open/datasets?topic=nope', 422);
      const one = await call(anon, '/api/v1/open/datasets/{code}', '/api/v1/open/datasets/sthj-0001', 200);
      assert.equal(one.dataset.preview.rows.length, one.dataset.record_count);
      await call(anon, '/api/v1/open/datasets/{code}', '/api/v1/open/datasets/wjw-0001', 404);
      const orecs = '/api/v1/open/datasets/{code}/records';
      const p1 = await call(anon, orecs, '/api/v1/open/datasets/sthj-0001/records?limit=2&after=0', 200);
      assert.equal(p1.records.length, 2);
      await call(anon, orecs, '/api/v1/open/datasets/sthj-0001/records?limit=5000', 422);
      await call(anon, orecs, '/api/v1/open/datasets/scjg-0001/records', 403);
      await call(anon, orecs, '/api/v1/open/datasets/wjw-0001/records', 404);
      await call(anon, '/api/v1/open/plan', '/api/v1/open/plan?year=2026', 200);
      await call(anon, '/api/v1/open/requests', '/api/v1/open/requests?page=1', 200);

      // Letters: the channels, a letter written through the API (a retry
      // answers 200 with the same letter), as its writer and staff see it,
      // the published replies, the figures and the staff queue.
      const { channels: letterChannels } = await call(anon, '/api/v1/interact/channels', '/api/v1/interact/channels', 200);
      assert.ok(letterChannels.some((c) => c.code === 'mailbox'));
      const letterPost = (key) => fetch(srv.url + '/api/v1/letters', { method: 'POST', redirect: 'manual',
        headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token, 'idempotency-key': key }),
        body: JSON.stringify({ channel: 'consult', category: 'general', region_code: '350102000000',
          title: '咨询', body: '请问如何办理？', publish_ok: true }) });
      const wrote = await letterPost(`openapi-letter-${backend}`);
      const letter = await wrote.json();
      assert.equal(wrote.status, 201, JSON.stringify(letter));
      const again = await letterPost(`openapi-letter-${backend}`);
      assert.equal(again.status, 200);
      assert.equal((await again.json()).letter_id, letter.letter_id);
      const letterUrl = `/api/v1/letters/${letter.letter_id}`;
      assert.equal((await call(citizen, '/api/v1/letters/{id}', letterUrl, 200)).letter.letter_no, letter.letter_no);
      await call(admin, '/api/v1/letters/{id}', letterUrl, 200);
      await call(gaj, '/api/v1/letters/{id}', letterUrl, 404);
      await call(anon, '/api/v1/letters/{id}', letterUrl, 401);
      const myLetters = await call(citizen, '/api/v1/my/letters', '/api/v1/my/letters', 200);
      assert.ok(myLetters.letters.some((l) => l.id === letter.letter_id));
      await call(anon, '/api/v1/my/letters', '/api/v1/my/letters', 401);
      const published = await call(anon, '/api/v1/interact/{channel}/letters', '/api/v1/interact/consult/letters?page=1', 200);
      assert.ok(published.total > 0);
      await call(anon, '/api/v1/interact/{channel}/letters', '/api/v1/interact/consult/letters?page=x', 422);
      const figs = await call(anon, '/api/v1/interact/figures', '/api/v1/interact/figures?sort=received', 200);
      assert.ok(figs.figures.length > 1);
      await call(anon, '/api/v1/interact/figures', '/api/v1/interact/figures?sort=nope', 422);
      // Online interviews: the list, and one as the public, a citizen and its host see it.
      const ivs = await call(anon, '/api/v1/interact/interviews', '/api/v1/interact/interviews', 200);
      assert.ok(ivs.past.length > 0 && ivs.upcoming.length > 0);
      const ivUrl = (x) => `/api/v1/interact/interviews/${x.id}`;
      assert.ok((await call(anon, '/api/v1/interact/interviews/{id}', ivUrl(ivs.past[0]), 200)).answers.length > 0);
      await call(citizen, '/api/v1/interact/interviews/{id}', ivUrl(ivs.upcoming[0]), 200);
      assert.ok((await call(rsjAdmin, '/api/v1/interact/interviews/{id}', ivUrl(ivs.upcoming[0]), 200)).pending.length > 0);
      await call(anon, '/api/v1/interact/interviews/{id}', '/api/v1/interact/interviews/999999', 404);
      await call(gaj, '/api/v1/staff/letters', '/api/v1/staff/letters?channel=complaint&state=received&overdue=1', 200);
      // Solicitations: the lists (the demo has open, answered and overdue
      // ones) and one of each; a draft or an unknown id is not found.
      const sol = await call(anon, '/api/v1/interact/solicitations', '/api/v1/interact/solicitations', 200);
      assert.ok(sol.open.length > 0 && sol.closed.some((x) => x.overdue) && sol.closed.some((x) => x.phase === 'answered'));
      for (const x of [sol.open[0], ...sol.closed]) {
        await call(citizen, '/api/v1/interact/solicitations/{id}', `/api/v1/interact/solicitations/${x.id}`, 200);
      }
      await call(anon, '/api/v1/interact/solicitations/{id}', '/api/v1/interact/solicitations/999999', 404);
      await call(gaj, '/api/v1/staff/letters', '/api/v1/staff/letters?channel=nope', 422);
      await call(citizen, '/api/v1/staff/letters', '/api/v1/staff/letters', 403);
      await call(anon, '/api/v1/staff/letters', '/api/v1/staff/letters', 401);

      // The consultation knowledge base: a search, one entry, bad input.
      const kb = await call(anon, '/api/v1/interact/knowledge', '/api/v1/interact/knowledge?q=%E7%A4%BE%E4%BF%9D&page=1', 200);
      assert.ok(kb.entries.length > 0, 'the demo answers hold 社保');
      await call(anon, '/api/v1/interact/knowledge/{id}', `/api/v1/interact/knowledge/${kb.entries[0].id}`, 200);
      await call(anon, '/api/v1/interact/knowledge/{id}', '/api/v1/interact/knowledge/a999999999', 404);
      await call(anon, '/api/v1/interact/knowledge', '/api/v1/interact/knowledge?page=x', 422);

      // Online surveys: the demo's closed one has public results, the
      // open one not yet.
      const { surveys } = await call(anon, '/api/v1/interact/surveys', '/api/v1/interact/surveys', 200);
      const closed = surveys.find((x) => x.status === 'closed');
      const open = surveys.find((x) => x.status === 'open');
      assert.ok(closed && open, 'the demo has a closed and an open survey');
      const sv = await call(citizen, '/api/v1/interact/surveys/{id}', `/api/v1/interact/surveys/${open.id}`, 200);
      assert.ok(sv.questions.length > 0);
      await call(anon, '/api/v1/interact/surveys/{id}', '/api/v1/interact/surveys/999999999', 404);
      const res = await call(anon, '/api/v1/interact/surveys/{id}/results', `/api/v1/interact/surveys/${closed.id}/results`, 200);
      assert.equal(res.total, closed.responses);
      await call(anon, '/api/v1/interact/surveys/{id}/results', `/api/v1/interact/surveys/${open.id}/results`, 403);
      await call(anon, '/api/v1/interact/surveys/{id}/results', '/api/v1/interact/surveys/999999999/results', 404);

      // Every GET was called and answered 200, with each documented query
      // parameter; a new operation or parameter needs a case here.
      for (const [p, item] of Object.entries(doc.paths)) {
        const op = item.get;
        if (!op) continue;
        const s = seen.get(op.operationId);
        assert.ok(s?.statuses.has('200'), `GET ${p} was called and answered 200`);
        for (const x of (op.parameters ?? []).map((y) => deref(doc, y)).filter((y) => y.in === 'query')) {
          assert.ok(s.query.has(x.name), `GET ${p}: query parameter ${x.name} was exercised`);
        }
      }
    });
  });
}
