// Government-public interaction through the pages and the API, on each
// backend: every channel's life cycle (write, assign, reply, rate,
// published with the phone number masked), transfers with and without a
// reason, who may see what, bad input, and the idempotent submit.
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

// Posts the write form (multipart) of channel; fields override the defaults.
async function write(c, channel, fields = {}, file = null) {
  const page = await c.get(`/interact/write/${channel}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const token = html.match(/name="token" value="([^"]+)"/)[1];
  const fd = new FormData();
  const all = { csrf, token, category: 'general', region_code: '350102001001', title: '测试来信',
    body: '我的电话13912345678，请回复。', publish_ok: '1', ...fields };
  for (const [k, v] of Object.entries(all)) if (v !== null) fd.append(k, v);
  if (file) fd.append('file', new Blob([file.bytes]), file.name);
  const send = async () => {
    const res = await fetch(c.base + `/interact/write/${channel}`, { method: 'POST', body: fd,
      headers: c.headers(), redirect: 'manual' });
    c.store(res);
    return res;
  };
  return { send, token, csrf };
}

const letterId = (res) => Number(res.headers.get('location').match(/^\/my\/letters\/(\d+)/)[1]);

async function act(c, id, op, fields = {}) {
  const csrf = await c.csrf(`/staff/letters/${id}`);
  return c.post(`/staff/letters/${id}`, { csrf, op, ...fields });
}

async function letterJson(c, id) {
  const res = await c.get(`/api/v1/letters/${id}`);
  assert.equal(res.status, 200);
  return (await res.json()).letter;
}

// Which staff account answers each channel in the demo city (general
// category): the department's officer.
const HANDLER = { mailbox: 'xfj_admin', consult: 'xfj_admin', complaint: 'xfj_admin', suggest: 'xfj_admin',
  report: 'xfj_admin', legal_aid: 'sfj_admin', site_error: 'admin' };

for (const backend of backends()) {
  describe(`letters on ${backend}`, () => {
    let srv; let citizen;
    before(async () => {
      srv = await startServer(backend);
      citizen = await login(srv.url, CITIZEN.login, CITIZEN.password);
    });
    after(async () => { await srv?.stop(); });

    test('each channel: write, assign, reply, rate, published with the phone masked', async () => {
      const staff = {};
      for (const [channel, who] of Object.entries(HANDLER)) {
        staff[who] ??= await login(srv.url, who);
        const extra = channel === 'legal_aid' ? { category: 'legal', income_low: 'yes', matter: 'wages' } : {};
        const { send } = await write(citizen, channel, { title: `${channel} 来信`, ...extra });
        const sent = await send();
        assert.equal(sent.status, 303, `${channel}: written`);
        const id = letterId(sent);
        const mine = await letterJson(citizen, id);
        assert.equal(mine.state, 'received');
        assert.equal(mine.channel, channel);
        if (channel === 'legal_aid') assert.equal(mine.details.eligible, true);
        const h = staff[who];
        assert.equal((await act(h, id, 'assign')).status, 303, `${channel}: assigned`);
        assert.equal((await act(h, id, 'reply', { note: '已处理。如需帮助请拨打13800001111。' })).status, 303);
        assert.equal((await letterJson(citizen, id)).state, 'replied');
        const csrf = await citizen.csrf(`/my/letters/${id}`);
        const rated = await citizen.post(`/my/letters/${id}`, { csrf, op: 'rate', rating: 'satisfied' });
        assert.equal(rated.status, 303);
        assert.equal((await letterJson(citizen, id)).state, 'closed');
        // Published, with the phone numbers in the text and the reply masked.
        const pub = await fetch(`${srv.url}/interact/letters/${id}`);
        assert.equal(pub.status, 200);
        const html = await pub.text();
        assert.ok(html.includes('139****5678'), `${channel}: the writer's phone is masked`);
        assert.ok(!html.includes('13912345678') && !html.includes('13800001111'), `${channel}: no phone in clear`);
        const list = await (await fetch(`${srv.url}/api/v1/interact/${channel}/letters`)).json();
        assert.ok(list.letters.some((l) => l.id === id), `${channel}: listed publicly`);
      }
    });

    test('a second rating is refused and the first unsatisfied one reopens once', async () => {
      const h = await login(srv.url, 'xfj_admin');
      const { send } = await write(citizen, 'mailbox');
      const id = letterId(await send());
      await act(h, id, 'reply', { note: '答复一' });
      let csrf = await citizen.csrf(`/my/letters/${id}`);
      assert.equal((await citizen.post(`/my/letters/${id}`, { csrf, op: 'rate', rating: 'unsatisfied' })).status, 303);
      assert.equal((await letterJson(citizen, id)).state, 'in_progress', 'reopened');
      await act(h, id, 'reply', { note: '答复二' });
      csrf = await citizen.csrf(`/my/letters/${id}`);
      assert.equal((await citizen.post(`/my/letters/${id}`, { csrf, op: 'rate', rating: 'unsatisfied' })).status, 303);
      assert.equal((await letterJson(citizen, id)).state, 'closed');
      const again = await citizen.post(`/my/letters/${id}`, { csrf, op: 'rate', rating: 'satisfied' });
      assert.equal(again.status, 422, 'a second rating of a closed letter');
    });

    test('transfer needs a reason; the receiving department answers; others see nothing', async () => {
      const xfj = await login(srv.url, 'xfj_admin');
      const gaj = await login(srv.url, 'gaj_admin');
      const rsj = await login(srv.url, 'rsj_admin');
      const { send } = await write(citizen, 'complaint');
      const id = letterId(await send());
      const depts = await (await fetch(`${srv.url}/api/v1/departments`)).json();
      const gajId = depts.departments.find((d) => d.code === 'gaj').id;
      const refused = await act(xfj, id, 'transfer', { department_id: String(gajId), note: '' });
      assert.equal(refused.status, 422, 'no reason, no transfer');
      assert.match(await refused.text(), /id="e-reason"/);
      assert.equal((await letterJson(citizen, id)).department_id !== gajId, true);
      assert.equal((await rsj.get(`/staff/letters/${id}`)).status, 404, 'another department');
      const moved = await act(xfj, id, 'transfer', { department_id: String(gajId), note: '属于公安机关职责' });
      assert.equal(moved.status, 303);
      const l = await letterJson(citizen, id);
      assert.equal(l.department_id, gajId);
      assert.equal(l.transfers, 1);
      assert.equal((await act(gaj, id, 'reply', { note: '已核实处理。' })).status, 303);
      const queue = await (await gaj.get('/api/v1/staff/letters')).json();
      assert.ok(!queue.letters.some((x) => x.id === id), 'replied letters leave the queue');
      // Another citizen and an anonymous visitor see nothing of it.
      const other = new Client(srv.url);
      const csrf = await other.csrf('/register');
      await other.post('/register', { csrf, kind: 'citizen', login: '13700137000', display_name: '路人',
        password: 'Other2026demo', password2: 'Other2026demo' });
      assert.equal((await other.login('13700137000', 'Other2026demo')).status, 303);
      assert.equal((await other.get(`/api/v1/letters/${id}`)).status, 404);
      assert.equal((await other.get(`/my/letters/${id}`)).status, 404);
      assert.equal((await fetch(`${srv.url}/api/v1/letters/${id}`)).status, 401);
      // Staff cannot write letters.
      assert.equal((await gaj.get('/interact/write/consult')).status, 403);
    });

    test('anonymous letters: the code once, the lookup, and a wrong code', async () => {
      const anon = new Client(srv.url);
      const { send } = await write(anon, 'consult', { name: '王先生' });
      const res = await send();
      assert.equal(res.status, 200);
      const html = await res.text();
      const no = html.match(/id="letter-no">([^<]+)</)[1];
      const code = html.match(/id="query-code"[^>]*>([^<]+)</)[1];
      assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      // A retry of the same form shows the same letter and code.
      const again = await (await send()).text();
      assert.ok(again.includes(no) && again.includes(code));
      let csrf = await anon.csrf('/interact/track');
      const found = await anon.post('/interact/track', { csrf, op: 'lookup', letter_no: no, code: code.toLowerCase() });
      assert.equal(found.status, 200);
      assert.match(await found.text(), /请回复/);
      const wrong = await anon.post('/interact/track', { csrf, op: 'lookup', letter_no: no, code: 'AAAA-AAAA-AAAA-AAAA' });
      assert.equal(wrong.status, 404);
      csrf = await anon.csrf('/interact/track');
      const added = await anon.post('/interact/track', { csrf, op: 'supplement', letter_no: no, code, note: '补充一句' });
      assert.equal(added.status, 200);
      assert.ok((await added.text()).includes('补充一句'));
      const bad = await anon.post('/interact/track', { csrf, op: 'supplement', letter_no: no, code: 'BBBB-BBBB-BBBB-BBBB', note: 'x' });
      assert.equal(bad.status, 404);
      // The mailbox needs an account.
      const mailbox = await anon.get('/interact/write/mailbox');
      assert.equal(mailbox.status, 303);
      assert.match(mailbox.headers.get('location'), /^\/login/);
    });

    test('bad input: empty, huge, script as text, a file that is not what it claims', async () => {
      let { send } = await write(citizen, 'suggest', { title: '', body: '', category: '', region_code: '' });
      let res = await send();
      assert.equal(res.status, 422);
      let html = await res.text();
      for (const f of ['title', 'body', 'category', 'region_code']) assert.match(html, new RegExp(`id="e-${f}"`));
      ({ send } = await write(citizen, 'suggest', { body: '长'.repeat(5001), title: '保留的标题' }));
      res = await send();
      assert.equal(res.status, 422);
      html = await res.text();
      assert.match(html, /id="e-body"/);
      assert.ok(html.includes('value="保留的标题"'), 'the input is kept');
      ({ send } = await write(citizen, 'suggest', { title: '<script>alert(1)</script>' }, { name: 'a.pdf', bytes: PNG }));
      res = await send();
      assert.equal(res.status, 422, 'a PNG named .pdf');
      html = await res.text();
      assert.match(html, /id="e-file"/);
      assert.ok(!html.includes('<script>alert(1)</script>') && html.includes('&lt;script&gt;'), 'shown as text');
      ({ send } = await write(citizen, 'suggest', { title: '<script>alert(1)</script>' }, { name: 'a.png', bytes: PNG }));
      res = await send();
      assert.equal(res.status, 303);
      const id = letterId(res);
      const l = await letterJson(citizen, id);
      assert.equal(l.title, '<script>alert(1)</script>');
      assert.equal(l.files.length, 1);
      assert.equal(l.files[0].type, 'png');
      const page = await (await citizen.get(`/my/letters/${id}`)).text();
      assert.ok(!page.includes('<script>alert(1)</script>'));
      // A bad rating value, and a form without its token.
      const csrf = await citizen.csrf(`/my/letters/${id}`);
      assert.equal((await citizen.post(`/my/letters/${id}`, { csrf, op: 'rate', rating: 'great' })).status, 422);
      ({ send } = await write(citizen, 'suggest', { token: null }));
      assert.equal((await send()).status, 422);
    });

    test('the idempotent submit: the form and the API make one letter', async () => {
      const before = (await (await citizen.get('/api/v1/my/letters')).json()).letters.length;
      const { send } = await write(citizen, 'consult', { title: '只应有一封' });
      const a = letterId(await send());
      const b = letterId(await send());
      assert.equal(a, b);
      const token = await citizen.csrf('/my');
      const post = (key, body) => fetch(srv.url + '/api/v1/letters', { method: 'POST', redirect: 'manual',
        headers: citizen.headers({ 'content-type': 'application/json', 'x-csrf-token': token,
          ...(key ? { 'idempotency-key': key } : {}) }),
        body: JSON.stringify(body) });
      const body = { channel: 'suggest', category: 'transport', region_code: '350102000000', title: 'API 来信', body: '内容' };
      const r1 = await post('api-key-1', body);
      assert.equal(r1.status, 201);
      const r2 = await post('api-key-1', body);
      assert.equal(r2.status, 200);
      assert.equal((await r1.json()).letter_id, (await r2.json()).letter_id);
      const after = (await (await citizen.get('/api/v1/my/letters')).json()).letters.length;
      assert.equal(after, before + 2);
      const bad = await post('api-key-2', { channel: 'suggest', title: '', body: '' });
      assert.equal(bad.status, 422);
      const err = await bad.json();
      assert.ok(err.error.fields.title && err.error.fields.category && err.error.fields.region_code);
      const nokey = await post(null, body);
      assert.equal(nokey.status, 422, 'the key is required');
      assert.ok((await nokey.json()).error.fields.idempotency_key);
      const longkey = await post('k'.repeat(101), body);
      assert.equal(longkey.status, 422, 'an over-long key');
      assert.ok((await longkey.json()).error.fields.idempotency_key, 'the key is named');
    });

    test('staff queue, figures and settings', async () => {
      const xfj = await login(srv.url, 'xfj_admin');
      const q = await (await xfj.get('/api/v1/staff/letters')).json();
      assert.ok(q.letters.length > 0);
      const due = q.letters.map((l) => l.due);
      assert.deepEqual(due, [...due].sort(), 'by deadline, overdue first');
      const overdue = await (await xfj.get('/api/v1/staff/letters?overdue=1')).json();
      assert.ok(overdue.letters.length > 0 && overdue.letters.every((l) => l.light === 'red'));
      const page = await xfj.get('/staff/letters?channel=mailbox');
      assert.equal(page.status, 200);
      const figs = await (await fetch(`${srv.url}/api/v1/interact/figures?sort=received`)).json();
      const rec = figs.figures.map((f) => f.received);
      assert.deepEqual(rec, [...rec].sort((x, y) => y - x));
      assert.equal((await fetch(`${srv.url}/interact/figures?sort=median_days`)).status, 200);
      // A dept_admin names the officer of a channel; a citizen may not.
      const settings = await xfj.get('/staff/letters/settings');
      assert.equal(settings.status, 200);
      const html = await settings.text();
      const staffId = html.match(/id="f-account_id-suggest"[^]*?<option value="(\d+)"/)[1];
      const csrf = await xfj.csrf('/staff/letters/settings');
      const saved = await xfj.post('/staff/letters/settings', { csrf, op: 'officer', channel: 'suggest', account_id: staffId, title: '建议办主任' });
      assert.equal(saved.status, 303);
      const ch = await (await fetch(`${srv.url}/api/v1/interact/channels`)).json();
      assert.ok(ch.channels.find((c) => c.code === 'suggest').officers.some((o) => o.title === '建议办主任'));
      assert.equal((await citizen.get('/staff/letters/settings')).status, 403);
    });

    // A server of its own, so the count from one address starts at zero.
    test('anonymous letters from one address: 30 an hour, then the form again saying why', async () => {
      const own = await startServer(backend);
      try {
        const anon = new Client(own.url);
        const first = await write(anon, 'consult', { title: '第一封' });
        assert.equal((await first.send()).status, 200);
        for (let i = 2; i <= 30; i++) {
          const { send } = await write(anon, 'consult', { title: `第 ${i} 封` });
          assert.equal((await send()).status, 200, `letter ${i}`);
        }
        const { send } = await write(anon, 'consult', { title: '第三十一封', body: '这段文字不能丢。' });
        const refused = await send();
        assert.equal(refused.status, 429);
        const html = await refused.text();
        assertErrorLinks(html, 'throttled letter form');
        assert.match(html, /id="f-throttle"[^>]*>.*一小时内的匿名来信已达 30 封上限/s);
        assert.ok(html.includes('第三十一封') && html.includes('这段文字不能丢。'), 'the input is kept');
        assert.ok(!/id="letter-no"/.test(html));
        // A retry of a letter already written is no new letter: it still answers.
        const again = await (await first.send()).text();
        assert.match(again, /id="letter-no">L\d+</);
        // A signed-in writer is not counted with the address.
        const named = await login(own.url, CITIZEN.login, CITIZEN.password);
        const mine = await write(named, 'consult', { title: '实名来信' });
        assert.equal((await mine.send()).status, 303);
        const staff = await login(own.url, 'xfj_admin');
        const queue = await (await staff.get('/api/v1/staff/letters?per_page=100')).json();
        assert.equal(queue.letters.filter((l) => l.title === '第一封').length, 1, 'the first, once');
        assert.equal(queue.letters.filter((l) => l.title === '第三十一封').length, 0, 'nothing stored');
      } finally {
        await own.stop();
      }
    });
  });
}
