// The service catalogue: browsing by life event, the service guide in both
// languages, API filters and their refusals, who may edit which items,
// publishing rules, the page cache following every change, the audit log,
// and bad input on the edit form.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';
import { dropEnglish } from '../lib/guide.mjs';

const BIRTH_REG = '350100-gaj-07-0001';	// 出生登记（新生儿落户）, the demo's first item

async function staff(url, login) {
  const c = new Client(url);
  const res = await c.login(login, DEMO_PASSWORD);
  assert.equal(res.status, 303, `${login} logs in`);
  return c;
}

const json = async (res) => { assert.equal(res.status, 200, `${res.url}: ${res.status}`); return res.json(); };

for (const backend of backends()) {
  describe(`service catalogue on ${backend}`, () => {
    let srv; let admin; let items;
    before(async () => {
      srv = await startServer(backend);
      admin = await staff(srv.url, 'admin');
      items = (await json(await admin.get('/api/v1/admin/services'))).services;
    });
    after(async () => { await srv?.stop(); });

    const item = (code) => items.find((s) => s.code === code);
    const byName = (name) => items.find((s) => s.name === name);

    test('the demo catalogue: about fifty published items and two incomplete drafts', () => {
      const published = items.filter((s) => s.status === 'published');
      assert.ok(published.length >= 50, `${published.length} published`);
      assert.ok(published.every((s) => s.completeness === 100));
      const drafts = items.filter((s) => s.status === 'draft');
      assert.equal(drafts.length, 2);
      assert.ok(drafts.every((s) => s.completeness > 0 && s.completeness < 100));
      for (const s of items) assert.match(s.code, /^[0-9]{6}-[A-Za-z0-9_.-]+-[0-9]{2}-[0-9]{4}$/);
      // The items the three bundles will join.
      for (const name of ['出生医学证明首次签发', '出生登记（新生儿落户）', '新生儿城乡居民基本医疗保险参保登记',
        '社会保障卡申领', '有限责任公司设立登记', '公章刻制备案', '新办纳税人涉税事项', '首次申领发票',
        '单位社会保险参保登记', '住房公积金单位缴存登记', '职工正常退休（职）核准', '职工基本养老金申领',
        '退休人员基本医疗保险待遇核定']) {
        assert.equal(byName(name)?.status, 'published', name);
      }
    });

    test('browsing by life event shows the right items, on the page and in the API', async () => {
      const { life_events: ev } = await json(await fetch(srv.url + '/api/v1/life-events'));
      assert.deepEqual(ev.individual.map((e) => e.slug), ['birth', 'school', 'employment', 'marriage', 'housing',
        'social-security', 'medical', 'retirement', 'death']);
      assert.deepEqual(ev.business.map((e) => e.slug), ['business-start', 'business-operate', 'business-change',
        'business-close']);
      for (const e of [...ev.individual, ...ev.business]) assert.ok(e.count > 0, `${e.slug} has items`);
      const birth = await json(await fetch(srv.url + '/api/v1/life-events/birth'));
      assert.equal(birth.event.slug, 'birth');
      const names = birth.services.map((s) => s.name);
      for (const n of ['出生医学证明首次签发', '出生登记（新生儿落户）', '新生儿城乡居民基本医疗保险参保登记', '社会保障卡申领']) {
        assert.ok(names.includes(n), n);
      }
      assert.ok(!names.includes('内地居民结婚登记'));
      assert.equal(birth.paging.total, ev.individual.find((e) => e.slug === 'birth').count);
      const page = await (await fetch(srv.url + '/life/birth')).text();
      assert.match(page, /<h1>出生<\/h1>/);
      for (const n of names) assert.ok(page.includes(n), `page lists ${n}`);
      assert.ok(!page.includes('内地居民结婚登记'));
      const start = await json(await fetch(srv.url + '/api/v1/life-events/business-start'));
      assert.ok(start.services.some((s) => s.name === '有限责任公司设立登记'));
      assert.ok(start.services.every((s) => s.name !== '出生登记（新生儿落户）'));
      // The catalogue page leads with the life events; the home page too.
      const cat = await (await fetch(srv.url + '/services')).text();
      for (const e of [...ev.individual, ...ev.business]) assert.ok(cat.includes(`href="/life/${e.slug}"`), e.slug);
      assert.match(cat, /个人办事/);
      assert.match(cat, /法人办事/);
      const home = await (await fetch(srv.url + '/')).text();
      assert.ok(home.includes('href="/life/retirement"'));
      assert.match(home, /href="\/services"/);
      assert.equal((await fetch(srv.url + '/life/nope')).status, 404);
      assert.equal((await fetch(srv.url + '/api/v1/life-events/nope')).status, 404);
    });

    test('the service guide shows every standard field', async () => {
      const res = await fetch(srv.url + `/services/${BIRTH_REG}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      const { service: s } = await json(await fetch(srv.url + `/api/v1/services/${BIRTH_REG}`));
      assert.equal(s.name, '出生登记（新生儿落户）');
      for (const text of [s.name, s.code, '行政确认', '福州市公安局', s.conditions, s.legal_basis,
        '20 个工作日', '1 个工作日', '0 次', '不收费', '全程网办', '0591-87000110', '12345',
        '可由部门共享获取', '福州市卫生健康委员会', '出生医学证明', '父母双方居民身份证']) {
        assert.ok(html.includes(text), `guide shows ${text}`);
      }
      for (const step of s.steps) assert.ok(html.includes(step.text));
      assert.match(html, /href="\/life\/birth"/);
      assert.equal(s.materials.filter((m) => m.shared).length, 2);
      assert.equal(s.materials[0].shared_department_name, '福州市卫生健康委员会');
      assert.equal(s.statutory_days, 20);
      assert.equal(s.promised_days, 1);
      assert.equal(s.visits, 0);
      assert.equal(s.completeness, undefined, 'the score is for staff only');
      // A charged item shows its fee.
      const passport = (await json(await fetch(srv.url + `/api/v1/services/${byName('普通护照签发').code}`))).service;
      assert.equal(passport.fee_kind, 'charged');
      assert.ok((await (await fetch(srv.url + `/services/${passport.code}`)).text()).includes(passport.fee_text));
    });

    test('the guide in English', async () => {
      const html = await (await fetch(srv.url + `/services/${BIRTH_REG}`, { headers: { cookie: 'yw_lang=en' } })).text();
      assert.match(html, /<html[^>]* lang="en"/);
      for (const text of ['Household registration of a newborn', 'Fuzhou Public Security Bureau', 'Administrative confirmation',
        '20 working day(s)', 'Obtained from department data', 'Fully online', 'Free', 'What you need', 'Steps']) {
        assert.ok(html.includes(text), `English guide shows ${text}`);
      }
      assert.match(html, /<p class="prose">A newborn born in Fuzhou/, 'the translated guide text is in English');
      assert.doesNotMatch(html, /在福州市出生/);
      // An item whose guide has no English shows the Chinese text, marked
      // (every demo guide has English: this one's is cleared first).
      await dropEnglish(admin, byName('居民身份证首次申领').id);
      const idcard = await (await fetch(srv.url + `/services/${byName('居民身份证首次申领').code}`,
        { headers: { cookie: 'yw_lang=en' } })).text();
      assert.match(idcard, /<p class="prose" lang="zh-CN">[^<]+<\/p>/, 'Chinese guide text is marked as such');
      const life = await (await fetch(srv.url + '/life/business-start', { headers: { cookie: 'yw_lang=en' } })).text();
      assert.match(life, /<h1>Starting a business<\/h1>/);
      assert.match(life, /Registering a limited liability company/);
    });

    test('API filters: event, department, region, level, type and paging', async () => {
      const all = await json(await fetch(srv.url + '/api/v1/services?per_page=100'));
      const total = all.paging.total;
      assert.equal(all.services.length, total);
      assert.ok(all.services.every((s) => item(s.code)?.status === 'published'));
      const deps = (await json(await fetch(srv.url + '/api/v1/departments'))).departments;
      const gaj = deps.find((d) => d.code === 'gaj');
      const byDept = await json(await fetch(srv.url + `/api/v1/services?department=${gaj.id}`));
      assert.ok(byDept.services.length >= 5 && byDept.services.every((s) => s.department_id === gaj.id));
      const permits = await json(await fetch(srv.url + '/api/v1/services?type=permit&per_page=100'));
      assert.ok(permits.services.length > 3 && permits.services.every((s) => s.item_type === 'permit'));
      const gulou = await json(await fetch(srv.url + '/api/v1/services?region=350102000000'));
      assert.deepEqual(gulou.services.map((s) => s.name), ['老年人优待证办理']);
      const street = await json(await fetch(srv.url + '/api/v1/services?level=4'));
      assert.equal(street.paging.total, 1);
      const city = await json(await fetch(srv.url + '/api/v1/services?level=2&per_page=100'));
      assert.equal(city.paging.total, total - 1);
      const both = await json(await fetch(srv.url + `/api/v1/services?event=retirement&department=${gaj.id}`));
      assert.equal(both.paging.total, 0);
      const p1 = await json(await fetch(srv.url + '/api/v1/services?per_page=10'));
      const p2 = await json(await fetch(srv.url + '/api/v1/services?per_page=10&page=2'));
      assert.equal(p1.services.length, 10);
      assert.deepEqual(p1.paging, { page: 1, per_page: 10, total, pages: Math.ceil(total / 10), prev_page: null, next_page: 2 });
      assert.equal(p2.paging.prev_page, 1);
      assert.ok(p2.services[0].code > p1.services[9].code, 'ordered by code across pages');
      // The department page lists its items; the catalogue filters by department.
      const deptPage = await (await fetch(srv.url + `/departments/${gaj.id}`)).text();
      assert.ok(deptPage.includes('出生登记（新生儿落户）'));
      assert.equal((await json(await fetch(srv.url + `/api/v1/departments/${gaj.id}`))).services.length, byDept.paging.total);
      const filtered = await (await fetch(srv.url + `/services?department=${gaj.id}`)).text();
      assert.ok(filtered.includes('普通护照签发') && !filtered.includes('内地居民结婚登记'));
      // Bad filters are refused, naming the field; unknown objects are 404.
      for (const [q, field] of [['event=travel', 'event'], ['type=penalty', 'type'], ['level=9', 'level'],
        ['page=0', 'page'], ['per_page=500', 'per_page'], ['department=abc', 'department'], ['region=35', 'region']]) {
        const bad = await fetch(srv.url + `/api/v1/services?${q}`);
        const body = await bad.json();
        if (field === 'region') { assert.equal(bad.status, 404, q); continue; }
        assert.equal(bad.status, 422, q);
        assert.ok(body.error.fields[field], `${q} names ${field}`);
      }
      assert.equal((await fetch(srv.url + '/api/v1/services?department=999999')).status, 404);
      const badPage = await fetch(srv.url + '/services?event=travel');
      assert.equal(badPage.status, 422);
      assert.match(await badPage.text(), /人生事件/);
    });

    test('unknown and unpublished codes are not found', async () => {
      for (const p of ['/services/350100-gaj-07-9999', '/api/v1/services/350100-gaj-07-9999', '/services/nope',
        `/services/${byName('居住证申领').code}`, `/api/v1/services/${byName('居住证申领').code}`]) {
        const res = await fetch(srv.url + p);
        assert.equal(res.status, 404, p);
        await res.arrayBuffer();
      }
    });

    test('who may edit: own department only; others read not found; other roles are refused', async () => {
      const own = item(BIRTH_REG);
      const anon = await fetch(srv.url + '/admin/services', { redirect: 'manual' });
      assert.equal(anon.status, 303);
      const handler = await staff(srv.url, 'rsj_handler');
      assert.equal((await handler.get('/admin/services')).status, 403);
      assert.equal((await handler.get('/api/v1/admin/services')).status, 403);
      const citizen = new Client(srv.url);
      await citizen.login(CITIZEN.login, CITIZEN.password);
      assert.equal((await citizen.get(`/admin/services/${own.id}`)).status, 403);
      // A publisher of another department: not found, and nothing changes.
      const pub = await staff(srv.url, 'sjj_publisher');
      assert.equal((await pub.get(`/admin/services/${own.id}`)).status, 404);
      const csrf = await pub.csrf('/admin/services/new');
      const hijack = await pub.post(`/admin/services/${own.id}`, { csrf, name: '被篡改' });
      assert.equal(hijack.status, 404);
      assert.equal((await pub.get('/api/v1/admin/services')).status, 200);
      assert.ok((await json(await pub.get('/api/v1/admin/services'))).services.every((s) => s.department_id !== own.department_id));
      // Creating for another department is refused naming the field.
      const other = await pub.post('/admin/services/new', { csrf, name: '越权事项', item_type: 'permit',
        department_id: String(own.department_id), item_status: 'draft', lists: '1' });
      assert.equal(other.status, 422);
      assert.match(await other.text(), /id="e-department_id"/);
      assert.equal((await json(await fetch(srv.url + `/api/v1/services/${BIRTH_REG}`))).service.name, own.name);
      // The department admin of the owner edits it.
      const gaj = await staff(srv.url, 'gaj_admin');
      const page = await gaj.get(`/admin/services/${own.id}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /100%/);
      assert.match(html, /id="f-material_1_name" name="material_1_name" value="出生医学证明"/);
      const ok = await gaj.post(`/admin/services/${own.id}`, { csrf: await gaj.csrf(`/admin/services/${own.id}`),
        name_en: 'Registering a newborn in the household register' });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), `/admin/services/${own.id}?saved=1`);
    });

    test('publishing an incomplete item is refused naming each missing field', async () => {
      const draft = byName('居住证申领');
      const got = (await json(await admin.get(`/api/v1/admin/services/${draft.id}`))).service;
      assert.ok(got.missing.includes('legal_basis') && got.missing.includes('materials') && got.missing.includes('events'));
      const page = await (await admin.get(`/admin/services/${draft.id}`)).text();
      assert.match(page, new RegExp(`${got.completeness}%`));
      assert.match(page, /href="#f-legal_basis"/, 'the missing fields are listed for the admin');
      const csrf = await admin.csrf(`/admin/services/${draft.id}`);
      const res = await admin.post(`/admin/services/${draft.id}`, { csrf, item_status: 'published' });
      assert.equal(res.status, 422);
      const html = await res.text();
      for (const f of ['legal_basis', 'materials', 'events', 'promised_days', 'visits']) {
        assert.match(html, new RegExp(`href="#f-${f}"`), `error summary names ${f}`);
      }
      assert.match(html, /设定依据/);
      assert.equal((await fetch(srv.url + `/api/v1/services/${draft.code}`)).status, 404, 'still not public');
    });

    test('a change appears on the public pages at once and is audited', async () => {
      const own = item(BIRTH_REG);
      const paths = [`/services/${BIRTH_REG}`, `/api/v1/services/${BIRTH_REG}`, '/life/birth', '/services'];
      for (let i = 0; i < 6; i++) for (const p of paths) await (await fetch(srv.url + p)).text();
      const gaj = await staff(srv.url, 'gaj_admin');
      const csrf = await gaj.csrf(`/admin/services/${own.id}`);
      const res = await gaj.post(`/admin/services/${own.id}`, { csrf, name: '出生登记（新生儿入户）',
        conditions: '新生儿出生后一个月内申报。\n父母一方户籍在福州市。', promised_days: '0' });
      assert.equal(res.status, 303);
      for (let i = 0; i < 6; i++) {
        const html = await (await fetch(srv.url + `/services/${BIRTH_REG}`)).text();
        assert.ok(html.includes('出生登记（新生儿入户）') && html.includes('父母一方户籍在福州市。'));
        assert.ok(html.includes('即办'), 'promised 0 reads as immediate');
        assert.equal((await json(await fetch(srv.url + `/api/v1/services/${BIRTH_REG}`))).service.promised_days, 0);
        assert.ok((await (await fetch(srv.url + '/life/birth')).text()).includes('出生登记（新生儿入户）'));
      }
      const audit = (await json(await admin.get('/api/v1/audit?action=service.update'))).audit.entries;
      const entry = audit.find((e) => e.object_id === String(own.id) && e.actor_login === 'gaj_admin' && e.detail.includes('新生儿入户'));
      assert.ok(entry, 'service.update is in the audit log');
      const detail = JSON.parse(entry.detail);
      assert.deepEqual(detail.promised_days, { old: 1, new: 0 });
      assert.equal(entry.object_type, 'service');
      // Withdrawing hides it; publishing again shows it.
      const w = await gaj.post(`/admin/services/${own.id}`, { csrf, item_status: 'withdrawn' });
      assert.equal(w.status, 303);
      assert.equal((await fetch(srv.url + `/services/${BIRTH_REG}`)).status, 404);
      assert.ok(!(await (await fetch(srv.url + '/life/birth')).text()).includes('出生登记（新生儿入户）'));
      const p = await gaj.post(`/admin/services/${own.id}`, { csrf, item_status: 'published' });
      assert.equal(p.status, 303);
      assert.equal((await fetch(srv.url + `/services/${BIRTH_REG}`)).status, 200);
      const actions = (await json(await admin.get('/api/v1/audit?object_type=service'))).audit.entries.map((e) => e.action);
      assert.ok(actions.includes('service.withdraw') && actions.includes('service.publish'));
    });

    test('a new item is made through the form with its lists, and scored', async () => {
      const gaj = await staff(srv.url, 'gaj_admin');
      const form = await (await gaj.get('/admin/services/new')).text();
      assert.match(form, /name="event_birth"/);
      assert.match(form, /name="material_3_name"/);
      const shared = form.match(/<select[^>]*id="f-material_1_shared_department_id"[\s\S]*?<\/select>/)[0];
      assert.doesNotMatch(shared, / selected/, 'a blank row shares from no department');
      assert.match(form.match(/<select[^>]*id="f-department_id"[\s\S]*?<\/select>/)[0], / selected/);
      const csrf = form.match(/name="csrf" value="([^"]+)"/)[1];
      const res = await gaj.post('/admin/services/new', { csrf, lists: '1', name: '临时身份证明开具', item_type: 'other',
        department_id: '', region_code: '', event_employment: '1', event_housing: '1',
        steps: '申请：到派出所申请\r\n\r\n办结：当场开具', material_1_name: '居民户口簿', material_1_copies: '1',
        material_1_form: 'original', material_2_name: '', material_2_copies: '1', material_2_form: 'original',
        material_3_name: '照片', material_3_copies: '2', material_3_form: 'electronic', material_3_shared_department_id: '',
        statutory_days: '3', promised_days: '', item_status: 'draft' });
      assert.equal(res.status, 303);
      const id = res.headers.get('location').match(/\/admin\/services\/(\d+)\?saved=1/)[1];
      const { service: s } = await json(await gaj.get(`/api/v1/admin/services/${id}`));
      assert.match(s.code, /^350100-gaj-10-\d{4}$/);
      assert.equal(s.status, 'draft');
      assert.deepEqual(s.events.map((e) => e.slug), ['employment', 'housing']);
      assert.deepEqual(s.steps.map((x) => x.text), ['申请：到派出所申请', '办结：当场开具']);
      assert.deepEqual(s.materials.map((m) => [m.seq, m.name, m.copies, m.form]), [[1, '居民户口簿', 1, 'original'],
        [2, '照片', 2, 'electronic']]);
      assert.equal(s.completeness, 50, "8 of the 16 standard fields");
      const saved = await (await gaj.get(`/admin/services/${id}?saved=1`)).text();
      assert.match(saved, /保存成功/);
      assert.match(saved, /50%/);
      const list = await (await gaj.get('/admin/services')).text();
      assert.ok(list.includes('临时身份证明开具') && list.includes("50%"));
    });

    test('bad input gets 422 naming the field, and the input is kept', async () => {
      const gaj = await staff(srv.url, 'gaj_admin');
      const own = item(BIRTH_REG);
      const url = `/admin/services/${own.id}`;
      const csrf = await gaj.csrf(url);
      const cases = [
        [{ name: '事'.repeat(101) }, 'name'],
        [{ promised_days: '30', statutory_days: '20' }, 'promised_days'],
        [{ statutory_days: '二十' }, 'statutory_days'],
        [{ visits: '-1' }, 'visits'],
        [{ consult_phone: 'call us' }, 'consult_phone'],
        [{ lists: '1', material_1_name: '', material_1_description: '没有名称', event_birth: '1',
          steps: 'x' }, 'material_1_name'],
        [{ lists: '1', material_1_name: '身份证', material_1_copies: 'ab', event_birth: '1', steps: 'x' },
          'material_1_copies'],
        [{ lists: '1', material_1_name: '身份证', material_1_shared_department_id: '999999', event_birth: '1',
          steps: 'x' }, 'material_1_shared_department_id'],
      ];
      for (const [fields, field] of cases) {
        const res = await gaj.post(url, { csrf, ...fields });
        assert.equal(res.status, 422, `${JSON.stringify(fields).slice(0, 60)} is refused`);
        const html = await res.text();
        assert.match(html, new RegExp(`id="e-${field}"`), `names ${field}`);
        assert.match(html, new RegExp(`href="#f-${field}"`), `summary links ${field}`);
      }
      const kept = await gaj.post(url, { csrf, statutory_days: '二十', conditions: '保留我输入的内容' });
      const html = await kept.text();
      assert.match(html, /value="二十"/);
      assert.match(html, /保留我输入的内容/);
      // Invalid UTF-8 and control characters.
      const bad = await gaj.post(url, `csrf=${encodeURIComponent(csrf)}&name=%FF%FE`);
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /id="e-name"/);
      const ctl = await gaj.post(url, `csrf=${encodeURIComponent(csrf)}&legal_basis=a%01b`);
      assert.equal(ctl.status, 422);
      assert.match(await ctl.text(), /id="e-legal_basis"/);
      // An unknown item type on create.
      const fixed = await gaj.post('/admin/services/new', { csrf, name: 'x', item_type: 'bogus' });
      assert.equal(fixed.status, 422);
      assert.match(await fixed.text(), /id="e-item_type"/);
      // Nothing of that reached the public guide.
      const { service: s } = await json(await fetch(srv.url + `/api/v1/services/${BIRTH_REG}`));
      assert.equal(s.statutory_days, 20);
      assert.ok(!s.conditions.includes('保留我输入的内容'));
    });
  });
}
