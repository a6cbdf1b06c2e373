// The consultation knowledge base and the letter loose ends, on each
// backend: staff keep their department's answers (field errors, audit,
// other departments see nothing), the public search finds a two-character
// Chinese word, the consultation form shows matching answers before
// sending with everything typed kept, a published consultation reply
// joins the base masked; a letter assigned to a colleague (not to another
// department's staff), letter attachments for their readers only, and
// the settings page's error summary links.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';
import { assertErrorLinks } from '../lib/html.mjs';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  return c;
}

// The consultation form's hidden fields, then a multipart post of it.
async function consultForm(c, channel = 'consult') {
  const html = await (await c.get(`/interact/write/${channel}`)).text();
  const field = (n) => html.match(new RegExp(`name="${n}" value="([^"]*)"`))?.[1];
  return { html, csrf: field('csrf'), token: field('token'), suggested: field('suggested') };
}

async function postForm(c, channel, fields, file = null) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v);
  if (file) fd.append('file', new Blob([file.bytes]), file.name);
  const res = await fetch(`${c.base}/interact/write/${channel}`, { method: 'POST', body: fd,
    headers: c.headers(), redirect: 'manual' });
  c.store(res);
  return res;
}

const letterId = (res) => Number(res.headers.get('location').match(/^\/my\/letters\/(\d+)/)[1]);
const json = async (c, p) => (await (c ? c.get(p) : fetch(p))).json();

for (const backend of backends()) {
  describe(`knowledge base on ${backend}`, () => {
    let srv; let citizen; let rsj; let gaj;
    before(async () => {
      srv = await startServer(backend);
      citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
      rsj = await login(srv.url, 'rsj_admin');
      gaj = await login(srv.url, 'gaj_admin');
    });
    after(async () => { await srv?.stop(); });

    test('search finds a two-character Chinese word, with marks; each entry has a page', async () => {
      const page = await fetch(`${srv.url}/interact/knowledge?q=${encodeURIComponent('社保')}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<mark>社保<\/mark>/);
      const api = await (await fetch(`${srv.url}/api/v1/interact/knowledge?q=${encodeURIComponent('社保')}`)).json();
      assert.ok(api.entries.length >= 3, 'several demo answers about 社保');
      assert.equal(api.loose, false);
      assert.ok(api.entries.every((e) => `${e.question}${e.body}${e.answer}`.includes('社保')));
      const one = api.entries[0];
      const entry = await fetch(srv.url + one.url);
      assert.equal(entry.status, 200);
      assert.ok((await entry.text()).includes(one.question.replace(/&/g, '&amp;')));
      assert.equal((await fetch(`${srv.url}/interact/knowledge/a999999`)).status, 404);
      assert.equal((await fetch(`${srv.url}/api/v1/interact/knowledge?q=${'长'.repeat(81)}`)).status, 422);
      // No matches at all: an empty result, not an error.
      const none = await (await fetch(`${srv.url}/api/v1/interact/knowledge?q=zzzqqq`)).json();
      assert.equal(none.total, 0);
    });

    test('staff keep their department\'s answers: errors per field, audited, others see nothing', async () => {
      let csrf = await rsj.csrf('/staff/knowledge/new');
      const bad = await rsj.post('/staff/knowledge/new', { csrf, op: 'save', category: 'social_security',
        question: '', answer: '<b>保留</b>的答复', published: '1' });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /id="e-question"/);
      assert.ok(badHtml.includes('&lt;b&gt;保留&lt;/b&gt;的答复'), 'the answer typed is kept, as text');
      assert.deepEqual(assertErrorLinks(badHtml, 'kb form'), ['f-question']);
      const made = await rsj.post('/staff/knowledge/new', { csrf, op: 'save', category: 'social_security',
        question: '电子社保卡怎么申领？', answer: '在闽政通 App 中点击“电子社保卡”按提示申领。', published: '1' });
      assert.equal(made.status, 303);
      const id = made.headers.get('location').match(/\/staff\/knowledge\/(\d+)/)[1];
      const found = await json(null, `${srv.url}/api/v1/interact/knowledge?q=${encodeURIComponent('电子社保卡')}`);
      assert.ok(found.entries.some((e) => e.id === `a${id}`), 'published: found');
      const audit = (await json(await login(srv.url, 'admin'), '/api/v1/audit?action=kb.create')).audit.entries;
      assert.ok(audit.some((e) => e.object_id === id && e.actor_login === 'rsj_admin'), 'audited');
      // Another department: not found; a citizen and a data steward: refused.
      assert.equal((await gaj.get(`/staff/knowledge/${id}`)).status, 404);
      const gcsrf = await gaj.csrf('/staff/knowledge/new');
      assert.equal((await gaj.post(`/staff/knowledge/${id}`, { csrf: gcsrf, op: 'delete' })).status, 404);
      assert.equal((await citizen.get('/staff/knowledge')).status, 403);
      assert.equal((await (await login(srv.url, 'gaj_steward')).get('/staff/knowledge')).status, 403);
      assert.notEqual((await fetch(`${srv.url}/staff/knowledge`, { redirect: 'manual' })).status, 200);
      const list = await (await gaj.get('/staff/knowledge')).text();
      assert.ok(!list.includes('电子社保卡怎么申领'), 'not in another department\'s list');
      // Unpublished, then deleted: gone from the public side.
      csrf = await rsj.csrf(`/staff/knowledge/${id}`);
      assert.equal((await rsj.post(`/staff/knowledge/${id}`, { csrf, op: 'save', category: 'social_security',
        question: '电子社保卡怎么申领？', answer: '草稿' })).status, 303);
      assert.equal((await fetch(`${srv.url}/interact/knowledge/a${id}`)).status, 404);
      assert.equal((await rsj.post(`/staff/knowledge/${id}`, { csrf, op: 'delete' })).status, 303);
      assert.equal((await rsj.get(`/staff/knowledge/${id}`)).status, 404);
    });

    test('the consultation form suggests answers before sending, keeping what was typed', async () => {
      const f = await consultForm(citizen);
      assert.equal(f.suggested, '0');
      assert.match(f.html, /id="kb-live"[^>]*aria-live="polite"/);
      const typed = { csrf: f.csrf, token: f.token, suggested: f.suggested, category: 'social_security',
        region_code: '350102001001', title: '我的社保卡丢了怎么办', body: '上周在公交车上丢了社保卡，<script>x</script>',
        publish_ok: '1', op: 'send' };
      const step = await postForm(citizen, 'consult', typed);
      assert.equal(step.status, 200, 'the first send shows the suggestions');
      const html = await step.text();
      assert.match(html, /id="kb-suggestions"/);
      assert.ok(html.replace(/<\/?mark>/g, '').includes('社保卡丢了怎么补办'), 'a matching answer');
      assert.match(html, /value="我的社保卡丢了怎么办"/, 'the title is kept');
      assert.ok(html.includes('上周在公交车上丢了社保卡，&lt;script&gt;x&lt;/script&gt;</textarea>'), 'the text is kept, as text');
      assert.match(html, /name="suggested" value="1"/);
      assert.match(html, /<option value="social_security" selected>/);
      // Sending anyway writes one letter.
      const sent = await postForm(citizen, 'consult', { ...typed, suggested: '1' });
      assert.equal(sent.status, 303);
      const id = letterId(sent);
      const again = await postForm(citizen, 'consult', { ...typed, suggested: '1' });
      assert.equal(letterId(again), id, 'a retry is the same letter');
      // The explicit button shows the step even with nothing matching.
      const g = await consultForm(citizen);
      const ask = await postForm(citizen, 'consult', { csrf: g.csrf, token: g.token, suggested: '1',
        title: 'zzzqqq', body: '', op: 'suggest' });
      assert.equal(ask.status, 200);
      assert.match(await ask.text(), /id="kb-suggestions"/);
      // Other channels never stop for suggestions.
      const m = await consultForm(citizen, 'mailbox');
      assert.equal(m.suggested, undefined);
    });

    test('a published consultation reply joins the base, masked', async () => {
      const f = await consultForm(citizen);
      const sent = await postForm(citizen, 'consult', { csrf: f.csrf, token: f.token, category: 'general',
        region_code: '350102001001', title: '独角兽补贴怎么申请', body: '我的电话13912345678。', publish_ok: '1' });
      assert.equal(sent.status, 303);
      const id = letterId(sent);
      const before = await json(null, `${srv.url}/api/v1/interact/knowledge?q=${encodeURIComponent('独角兽')}`);
      assert.equal(before.total, 0, 'not before a reply');
      const xfj = await login(srv.url, 'xfj_admin');
      const csrf = await xfj.csrf(`/staff/letters/${id}`);
      assert.equal((await xfj.post(`/staff/letters/${id}`, { csrf, op: 'reply', note: '请致电13800001111咨询。' })).status, 303);
      const after = await json(null, `${srv.url}/api/v1/interact/knowledge?q=${encodeURIComponent('独角兽')}`);
      const e = after.entries.find((x) => x.id === `l${id}`);
      assert.ok(e, 'the reply is an entry');
      assert.equal(e.source, 'letter');
      const page = await (await fetch(srv.url + e.url)).text();
      assert.ok(page.includes('139****5678') && !page.includes('13912345678') && !page.includes('13800001111'));
    });

    test('a letter goes to a colleague of the department, never to another department', async () => {
      const f = await consultForm(citizen);
      const sent = await postForm(citizen, 'consult', { csrf: f.csrf, token: f.token, category: 'social_security',
        region_code: '350102001001', title: '分派测试', body: '请问。', publish_ok: '0' });
      const id = letterId(sent);
      const page = await (await rsj.get(`/staff/letters/${id}`)).text();
      const handlerId = page.match(/<option value="(\d+)">人社局经办人<\/option>/)?.[1];
      assert.ok(handlerId, 'the colleague is offered');
      const gajHandler = await login(srv.url, 'gaj_handler');
      const gajHandlerId = String((await json(gajHandler, '/api/v1/me')).me.id);
      let csrf = await rsj.csrf(`/staff/letters/${id}`);
      const refused = await rsj.post(`/staff/letters/${id}`, { csrf, op: 'assign_to', assignee_id: gajHandlerId });
      assert.equal(refused.status, 422, 'not to another department');
      const text = await refused.text();
      assert.match(text, /只能分派给本部门在岗的工作人员/);
      assertErrorLinks(text, 'assign');
      const done = await rsj.post(`/staff/letters/${id}`, { csrf, op: 'assign_to', assignee_id: handlerId });
      assert.equal(done.status, 303);
      const handler = await login(srv.url, 'rsj_handler');
      const queue = await json(handler, '/api/v1/staff/letters');
      const row = queue.letters.find((l) => l.id === id);
      assert.equal(String(row?.assignee_id), handlerId, 'in the assignee\'s queue');
      assert.equal(row.state, 'assigned');
      // The handler is neither admin nor officer: may not hand it on.
      csrf = await handler.csrf(`/staff/letters/${id}`);
      assert.equal((await handler.post(`/staff/letters/${id}`, { csrf, op: 'assign_to', assignee_id: handlerId })).status, 403);
      const audit = (await json(await login(srv.url, 'admin'), '/api/v1/audit?action=letter.assign')).audit.entries;
      assert.ok(audit.some((e) => e.object_id === String(id) && e.actor_login === 'rsj_admin'));
    });

    test('a letter attachment: its writer and the staff who see it download it, others get 404', async () => {
      const f = await consultForm(citizen, 'mailbox');
      const sent = await postForm(citizen, 'mailbox', { csrf: f.csrf, token: f.token, category: 'general',
        region_code: '350102001001', title: '附件测试', body: '见附件。', publish_ok: '0' }, { bytes: PNG, name: 'photo.png' });
      assert.equal(sent.status, 303);
      const id = letterId(sent);
      const mine = await (await citizen.get(`/my/letters/${id}`)).text();
      const href = mine.match(/href="(\/letters\/\d+\/files\/[0-9a-f]{64})"/)?.[1];
      assert.ok(href, 'the letter page links its file');
      for (const who of [citizen, await login(srv.url, 'xfj_admin')]) {
        const res = await who.get(href);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'image/png');
        assert.match(res.headers.get('content-disposition') ?? '', /^attachment;.*photo\.png/);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
      }
      assert.equal((await rsj.get(href)).status, 404, 'another department');
      const other = await login(srv.url, '13800138001', CITIZEN.password);
      assert.equal((await other.get(href)).status, 404, 'another citizen');
      assert.equal((await citizen.get(href.replace(/[0-9a-f]{64}$/, '0'.repeat(64)))).status, 404, 'a hash the letter does not name');
      assert.notEqual((await fetch(srv.url + href, { redirect: 'manual' })).status, 200, 'nobody');
    });

    test('settings: every error-summary link points at a field on the page', async () => {
      const admin = await login(srv.url, 'admin');
      const csrf = await admin.csrf('/staff/letters/settings');
      const dept = (await json(null, `${srv.url}/api/v1/departments`)).departments.find((d) => d.code === 'xfj').id;
      const cases = [
        [{ op: 'officer', channel: 'consult', department_id: String(dept), account_id: '1', title: '长'.repeat(51) }, ['f-title-consult']],
        [{ op: 'officer', channel: 'consult', department_id: String(dept), account_id: '', title: '' }, ['f-account_id-consult', 'f-title-consult']],
        [{ op: 'days', channel: 'mailbox', reply_days: '0' }, ['f-reply_days-mailbox']],
        [{ op: 'route', channel: 'consult', category: 'nope', region_code: '', department_id: '999999' }, null],
        [{ op: 'supervisor', department_id: '999999' }, ['f-supervisor']],
      ];
      for (const [fields, want] of cases) {
        const res = await admin.post(`/staff/letters/settings?department=${dept}`, { csrf, ...fields });
        assert.equal(res.status, 422, fields.op);
        const targets = assertErrorLinks(await res.text(), `settings ${fields.op}`);
        if (want) assert.deepEqual(targets.sort(), want.sort());
      }
    });
  });
}
