// Service guides in English, on each backend: the guide's texts in
// English where the catalogue has them, the Chinese text marked
// lang="zh-CN" where it has not, English entered through the editor, and
// the search index finding an item by its English guide text.
// Every demo guide has English, so the ID card guide's is cleared first
// to have one without.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD } from '../lib/server.mjs';
import { editForm, dropEnglish } from '../lib/guide.mjs';

const EN = { cookie: 'yw_lang=en' };

async function codeOf(url, name) {
  const { services } = await (await fetch(url + '/api/v1/services?per_page=100')).json();
  const s = services.find((x) => x.name === name);
  assert.ok(s, name);
  return s;
}

for (const backend of backends()) {
  describe(`English service guides on ${backend}`, () => {
    let srv;
    before(async () => {
      srv = await startServer(backend);
      const gaj = new Client(srv.url);
      assert.equal((await gaj.login('gaj_admin', DEMO_PASSWORD)).status, 303);
      await dropEnglish(gaj, (await codeOf(srv.url, '居民身份证首次申领')).id);
    });
    after(async () => { await srv?.stop(); });

    test('a translated guide reads in English; the API carries both', async () => {
      const s = await codeOf(srv.url, '出生医学证明首次签发');
      const page = await (await fetch(`${srv.url}/services/${s.code}`, { headers: EN })).text();
      assert.match(page, /<p class="prose">A baby born in a Fuzhou medical institution/);
      assert.match(page, /<th scope="row">Newborn&#39;s birth information registration form<\/th>|<th scope="row">Newborn's birth information registration form<\/th>/);
      assert.match(page, /<li>Issue: the hospital issues the birth medical certificate<\/li>/);
      assert.match(page, /Maternal and Infant Health Care Law/);
      assert.doesNotMatch(page, /lang="zh-CN">在福州市具有助产技术/, 'no Chinese fallback where English exists');
      const zh = await (await fetch(`${srv.url}/services/${s.code}`)).text();
      assert.match(zh, /<p class="prose">在福州市具有助产技术/);
      assert.doesNotMatch(zh, /A baby born in a Fuzhou/);
      const { service } = await (await fetch(`${srv.url}/api/v1/services/${s.code}`)).json();
      assert.match(service.conditions_en, /^A baby born/);
      assert.equal(service.steps[2].text_en, 'Issue: the hospital issues the birth medical certificate');
      assert.match(service.materials[1].name_en, /registration form/);
    });

    test('an untranslated guide falls back to Chinese marked lang="zh-CN"', async () => {
      const s = await codeOf(srv.url, '居民身份证首次申领');
      const page = await (await fetch(`${srv.url}/services/${s.code}`, { headers: EN })).text();
      assert.match(page, /<p class="prose" lang="zh-CN">[^<]+<\/p>/);
      assert.match(page, /<li lang="zh-CN">[^<]+<\/li>/);
      assert.match(page, /<th scope="row" lang="zh-CN">[^<]+<\/th>/);
      assert.match(page, /published in Chinese only/);
      const { service } = await (await fetch(`${srv.url}/api/v1/services/${s.code}`)).json();
      assert.equal(service.conditions_en, '');
    });

    test('English entered in the editor is optional, kept and shown', async () => {
      const s = await codeOf(srv.url, '居民身份证首次申领');
      const admin = new Client(srv.url);
      assert.equal((await admin.login('gaj_admin', DEMO_PASSWORD)).status, 303);
      const edit = `/admin/services/${s.id}`;
      let html = await (await admin.get(edit)).text();
      assert.match(html, /name="conditions_en"/);
      assert.match(html, /name="material_1_name_en"/);
      // Post the form as it is, plus English for the conditions, one step
      // (the second, the first left blank) and the first material.
      const form = editForm(html);
      form.set('conditions_en', 'Chinese citizens living in Fuzhou who apply for their first ID card.');
      form.set('steps_en', '\nAccept: the officer checks the documents\n');
      form.set('material_1_name_en', 'Household registration booklet');
      form.set('material_2_name_en', 'x'.repeat(101));
      let res = await admin.post(edit, form.toString());
      assert.equal(res.status, 422, 'an English name over 100 characters is refused');
      html = await res.text();
      assert.match(html, /id="e-material_2_name_en"/);
      assert.match(html, /Chinese citizens living in Fuzhou who apply/, 'the English entered is kept');
      form.set('material_2_name_en', '');
      res = await admin.post(edit, form.toString());
      assert.equal(res.status, 303, await res.text());
      const { service } = await (await fetch(`${srv.url}/api/v1/services/${s.code}`)).json();
      assert.equal(service.status, 'published', 'publishing never needed the English');
      assert.match(service.conditions_en, /first ID card/);
      assert.equal(service.steps[0].text_en, '');
      assert.equal(service.steps[1].text_en, 'Accept: the officer checks the documents');
      assert.equal(service.materials[0].name_en, 'Household registration booklet');
      const page = await (await fetch(`${srv.url}/services/${s.code}`, { headers: EN })).text();
      assert.match(page, /<p class="prose">Chinese citizens living in Fuzhou/);
      assert.match(page, /<li lang="zh-CN">[^<]+<\/li>\s*<li>Accept: the officer checks the documents<\/li>/);
      html = await (await admin.get(edit)).text();
      assert.match(html, /<textarea[^>]*name="steps_en"[^>]*>\nAccept: the officer checks the documents<\/textarea>/);
    });

    test('the search finds an item by its English guide text', async () => {
      const hits = (q) => fetch(`${srv.url}/api/v1/search?q=${encodeURIComponent(q)}`).then((r) => r.json());
      const r = await hits('Maternal and Infant');
      assert.ok(r.hits.some((h) => h.name === '出生医学证明首次签发'), JSON.stringify(r.hits.map((h) => h.name)));
      const b = await hits('birth certificate');
      assert.ok(b.hits.some((h) => h.name === '出生医学证明首次签发'));
    });
  });
}
