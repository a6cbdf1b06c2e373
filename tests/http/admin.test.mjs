// Organisation administration and the audit log: permissions scoped to the
// staff member's department, every change audited, the auditor's view.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

async function staffClient(url, login) {
  const c = new Client(url);
  const res = await c.login(login, DEMO_PASSWORD);
  assert.equal(res.status, 303, `${login} logs in`);
  return c;
}

for (const backend of backends()) {
  describe(`administration on ${backend}`, () => {
    let srv;
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    test('citizens and anonymous users cannot reach the admin pages', async () => {
      const anon = await fetch(srv.url + '/admin/staff', { redirect: 'manual' });
      assert.equal(anon.status, 303);
      const c = new Client(srv.url);
      await c.login(CITIZEN.login, CITIZEN.password);
      assert.equal((await c.get('/admin/staff')).status, 403);
      assert.equal((await c.get('/api/v1/admin/staff')).status, 403);
      assert.equal((await c.get('/audit')).status, 403);
    });

    test('a platform admin creates a staff member; the action is audited', async () => {
      const admin = await staffClient(srv.url, 'admin');
      const deps = (await (await admin.get('/api/v1/departments')).json()).departments;
      const mzj = deps.find((d) => d.code === 'mzj');
      const csrf = await admin.csrf('/admin/staff/new');
      const res = await admin.post('/admin/staff/new', { csrf, login: 'mzj_handler', display_name: '民政局经办人',
        department_id: String(mzj.id), status: 'active', password: 'Mzj2026handler', role_case_handler: '1' });
      assert.equal(res.status, 303);
      const list = (await (await admin.get('/api/v1/admin/staff')).json()).staff;
      const made = list.find((s) => s.login === 'mzj_handler');
      assert.ok(made);
      assert.deepEqual(made.roles, ['case_handler']);
      assert.equal(made.department_name, mzj.name);
      const audit = (await (await admin.get('/api/v1/audit?action=staff.create')).json()).audit.entries;
      const entry = audit.find((e) => e.object_id === String(made.id));
      assert.ok(entry, 'staff.create is in the audit log');
      assert.equal(entry.actor_login, 'admin');
      assert.doesNotMatch(JSON.stringify(audit), /Mzj2026handler/, 'no password in the audit log');
      const dup = await admin.post('/admin/staff/new', { csrf, login: 'mzj_handler', display_name: 'x',
        department_id: String(mzj.id), password: 'Mzj2026handler', role_case_handler: '1' });
      assert.equal(dup.status, 422);
      assert.match(await dup.text(), /id="e-login"/);
    });

    test('a department admin only sees and edits their own department', async () => {
      const gaj = await staffClient(srv.url, 'gaj_admin');
      const staff = (await (await gaj.get('/api/v1/admin/staff')).json()).staff;
      assert.ok(staff.length >= 1);
      assert.ok(staff.every((s) => s.department_name === '福州市公安局'));
      const admin = await staffClient(srv.url, 'admin');
      const all = (await (await admin.get('/api/v1/admin/staff')).json()).staff;
      const other = all.find((s) => s.login === 'rsj_handler');
      assert.equal((await gaj.get(`/admin/staff/${other.id}`)).status, 404, 'other department reads as not found');
      const csrf = await gaj.csrf('/admin/staff/new');
      const rsj = all.find((s) => s.login === 'rsj_admin').department_id;
      const res = await gaj.post(`/admin/staff/${other.id}`, { csrf, login: 'rsj_handler', display_name: 'hijack',
        department_id: String(rsj), role_case_handler: '1' });
      assert.equal(res.status, 404);
      const own = all.find((s) => s.login === 'gaj_handler');
      const grant = await gaj.post(`/admin/staff/${own.id}`, { csrf, login: 'gaj_handler', display_name: '公安局经办人',
        department_id: String(own.department_id), status: 'active', role_case_handler: '1', role_platform_admin: '1' });
      assert.equal(grant.status, 422, 'cannot grant platform_admin');
      const deps = (await (await gaj.get('/api/v1/departments')).json()).departments;
      const rsjDept = deps.find((d) => d.code === 'rsj');
      const edit = await gaj.post(`/admin/departments/${rsjDept.id}`, { csrf, code: 'rsj', name: '改名',
        region_code: rsjDept.region_code });
      assert.equal(edit.status, 403);
      const after = (await (await gaj.get(`/api/v1/departments/${rsjDept.id}`)).json()).department;
      assert.equal(after.name, rsjDept.name);
    });

    test('public pages and JSON show a change at once (the page cache follows the audit epoch)', async () => {
      const warm = async () => { for (let i = 0; i < 6; i++) { await (await fetch(srv.url + '/departments')).text(); await (await fetch(srv.url + '/api/v1/departments')).text(); } };
      await warm();
      const gaj = await staffClient(srv.url, 'gaj_admin');
      const deps = (await (await gaj.get('/api/v1/departments')).json()).departments;
      const own = deps.find((d) => d.code === 'gaj');
      const res = await gaj.post(`/admin/departments/${own.id}`, { csrf: await gaj.csrf('/admin/departments'),
        code: 'gaj', name: '福州市公安局（新址）', name_en: own.name_en, region_code: own.region_code,
        phone: '0591-87000111', address: own.address });
      assert.equal(res.status, 303);
      for (let i = 0; i < 6; i++) {
        assert.match(await (await fetch(srv.url + '/departments')).text(), /福州市公安局（新址）/);
        assert.match(await (await fetch(srv.url + '/')).text(), /福州市公安局（新址）/);
        const api = (await (await fetch(srv.url + '/api/v1/departments')).json()).departments;
        assert.equal(api.find((d) => d.code === 'gaj').phone, '0591-87000111');
      }
    });

    test('regions are validated against their level and parent', async () => {
      const admin = await staffClient(srv.url, 'admin');
      const csrf = await admin.csrf('/admin/regions/new');
      const bad = await admin.post('/admin/regions/new', { csrf, code: '350102009999', name: '错误', level: '4',
        parent_code: '350102000000' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /id="e-code"/);
      const ok = await admin.post('/admin/regions/new', { csrf, code: '350102003000', name: '温泉街道',
        name_en: 'Wenquan Subdistrict', level: '4', parent_code: '350102000000' });
      assert.equal(ok.status, 303);
      const regions = (await (await fetch(srv.url + '/api/v1/regions')).json()).regions;
      assert.ok(regions.find((r) => r.code === '350102003000'));
    });

    test('auditors browse and filter the audit log within their region', async () => {
      const auditor = await staffClient(srv.url, 'auditor');
      const page = await auditor.get('/audit');
      assert.equal(page.status, 200);
      const all = (await (await auditor.get('/api/v1/audit')).json()).audit.entries;
      assert.ok(all.length > 0);
      const logins = (await (await auditor.get('/api/v1/audit?action=session.login')).json()).audit.entries;
      assert.ok(logins.length > 0 && logins.every((e) => e.action === 'session.login'));
      for (const [q, field] of [['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['department_id=x', 'department_id'], ['before=-1', 'before']]) {
        const bad = await auditor.get(`/api/v1/audit?${q}`);
        assert.equal(bad.status, 422, q);
        assert.ok((await bad.json()).error.fields[field], `${q} names ${field}`);
      }
      const badPage = await auditor.get('/audit?from=2026-02-30');
      assert.equal(badPage.status, 422);
      assert.match(await badPage.text(), /id="e-from"/);
      const day = all[0].at_local.slice(0, 10);
      const sameDay = (await (await auditor.get(`/api/v1/audit?from=${day}&to=${day}`)).json()).audit.entries;
      assert.ok(sameDay.length > 0 && sameDay.every((e) => e.at_local.startsWith(day)), 'from/to are Beijing days');
      const local = await staffClient(srv.url, 'gl_auditor');
      const mine = (await (await local.get('/api/v1/audit')).json()).audit.entries;
      assert.ok(mine.length < all.length, 'a district auditor sees less than the city auditor');
    });
  });
}
