// Accounts: registration with per-field messages, CSRF, login through the
// Argon2id task, sessions (HttpOnly, SameSite), logout, logout everywhere,
// throttling, masking of personal data, bad input.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, CITIZEN } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`accounts on ${backend}`, () => {
    let srv;
    before(async () => { srv = await startServer(backend); });
    after(async () => { await srv?.stop(); });

    test('a POST without the CSRF token is refused and changes nothing', async () => {
      const c = new Client(srv.url);
      await c.get('/register');
      const res = await c.post('/register', { kind: 'citizen', login: '13900000001', display_name: '李四',
        password: 'abc12345xyz', password2: 'abc12345xyz' });
      assert.equal(res.status, 403);
      const bad = await c.post('/register', { csrf: 'x'.repeat(43), kind: 'citizen', login: '13900000001',
        display_name: '李四', password: 'abc12345xyz', password2: 'abc12345xyz' });
      assert.equal(bad.status, 403);
      const csrf = await c.csrf('/register');
      const ok = await c.post('/register', { csrf, kind: 'citizen', login: '13900000001', display_name: '李四',
        password: 'abc12345xyz', password2: 'abc12345xyz' });
      assert.equal(ok.status, 303, 'the account did not exist before');
    });

    test('registration re-shows the form with a message per field', async () => {
      const c = new Client(srv.url);
      const csrf = await c.csrf('/register');
      const res = await c.post('/register', { csrf, kind: 'citizen', login: '12345', display_name: '王五',
        password: 'short', password2: 'other' });
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, /value="王五"/, 'input is kept');
      assert.doesNotMatch(html, /value="short"/, 'passwords are never echoed');
      assert.match(html, /id="e-login"/);
      assert.match(html, /id="e-password"/);
      assert.match(html, /aria-invalid="true"/);
    });

    test('a retried registration creates one account', async () => {
      const c = new Client(srv.url);
      const fields = { kind: 'citizen', login: 'Wang.Wu@Example.com', display_name: '王五',
        password: 'Wangwu2026x', password2: 'Wangwu2026x' };
      const first = await c.post('/register', { csrf: await c.csrf('/register'), ...fields });
      assert.equal(first.status, 303);
      const second = await c.post('/register', { csrf: await c.csrf('/register'), ...fields });
      assert.equal(second.status, 422);
      assert.match(await second.text(), /id="e-login"/);
      const login = await c.login('wang.wu@example.com', 'Wangwu2026x');
      assert.equal(login.status, 303, 'e-mail logins are case-insensitive');
    });

    test('invalid UTF-8, control characters and over-long fields name the field', async () => {
      const c = new Client(srv.url);
      const csrf = await c.csrf('/register');
      let res = await c.post('/register', `csrf=${csrf}&kind=citizen&login=13900000002&display_name=%FF%FE&password=abc12345xyz&password2=abc12345xyz`);
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-display_name"/);
      res = await c.post('/register', { csrf, kind: 'citizen', login: '13900000002', display_name: '名'.repeat(65),
        password: 'abc12345xyz', password2: 'abc12345xyz' });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /id="e-display_name"/);
      res = await c.post('/register', `csrf=${csrf}&kind=citizen&login=13900000002&display_name=a%00b&password=abc12345xyz&password2=abc12345xyz`);
      assert.equal(res.status, 422);
      // kore refuses a body over http_body_max with 413 and closes; the
      // client may see the reset before the answer. Either way the server
      // must stay up and nothing is stored.
      try {
        const big = await c.post('/register', `csrf=${csrf}&kind=citizen&login=13900000003&display_name=${'a'.repeat(2 * 1024 * 1024)}&password=abc12345xyz&password2=abc12345xyz`);
        assert.equal(big.status, 413);
      } catch (e) {
        assert.match(String(e.cause?.code ?? e.message), /ECONNRESET|EPIPE|UND_ERR_SOCKET|fetch failed/);
      }
      assert.equal((await fetch(srv.url + '/')).status, 200, 'server still serves');
      assert.equal((await c.login('13900000003', 'abc12345xyz')).status, 422, 'no account was made');
    });

    test('login sets a hardened session cookie; the account page masks personal data', async () => {
      const c = new Client(srv.url);
      const res = await c.login(CITIZEN.login, CITIZEN.password);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/my');
      const cookie = res.headers.getSetCookie().find((s) => s.startsWith('yw_session='));
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Max-Age=\d+/);
      const my = await c.get('/my');
      assert.equal(my.status, 200);
      const html = await my.text();
      assert.match(html, /138\*\*\*\*8000/);
      assert.doesNotMatch(html, /13800138000/);
      const me = await (await c.get('/api/v1/me')).json();
      assert.equal(me.me.display_name, '张三');
      assert.equal(me.me.phone_masked, '138****8000');
    });

    test('wrong password: a message, no session; unknown account looks the same', async () => {
      const c = new Client(srv.url);
      const wrong = await c.login('13900000001', 'not-the-password1');
      assert.equal(wrong.status, 422);
      const html = await wrong.text();
      assert.match(html, /value="13900000001"/);
      assert.ok(!c.jar.has('yw_session'));
      const unknown = await c.login('13999999999', 'whatever123');
      assert.equal(unknown.status, 422);
    });

    test('anonymous API calls get the JSON error shape', async () => {
      const res = await fetch(srv.url + '/api/v1/me');
      assert.equal(res.status, 401);
      const body = await res.json();
      assert.equal(body.error.code, 'unauthenticated');
      const page = await fetch(srv.url + '/my', { redirect: 'manual' });
      assert.equal(page.status, 303);
      assert.match(page.headers.get('location'), /^\/login\?next=\/my/);
    });

    test('logout ends the session; logout everywhere ends all of them', async () => {
      const a = new Client(srv.url); const b = new Client(srv.url);
      assert.equal((await a.login('13900000001', 'abc12345xyz')).status, 303);
      assert.equal((await b.login('13900000001', 'abc12345xyz')).status, 303);
      const sessions = (await (await a.get('/api/v1/me')).json()).sessions;
      assert.ok(sessions.length >= 2);
      assert.equal(sessions.filter((s) => s.current).length, 1);
      const token = a.jar.get('yw_session');
      const out = await a.post('/my/logout-all', { csrf: await a.csrf('/my') });
      assert.equal(out.status, 303);
      assert.equal((await b.get('/api/v1/me')).status, 401, 'other device logged out');
      const stale = new Client(srv.url); stale.jar.set('yw_session', token);
      assert.equal((await stale.get('/api/v1/me')).status, 401, 'old cookie is dead');
      const c = new Client(srv.url);
      await c.login('13900000001', 'abc12345xyz');
      assert.equal((await c.get('/api/v1/me')).status, 200);
      assert.equal((await c.post('/logout', { csrf: await c.csrf('/my') })).status, 303);
      assert.equal((await c.get('/api/v1/me')).status, 401);
    });

    // Each worker keeps its recent session lookups (app/account/session.c):
    // concurrent requests open several connections, so both workers hold
    // the session before the logout, and none may accept it after.
    test('a logout ends the session on every worker at once', async () => {
      const a = new Client(srv.url); const b = new Client(srv.url);
      assert.equal((await a.login('13900000001', 'abc12345xyz')).status, 303);
      assert.equal((await b.login('13900000001', 'abc12345xyz')).status, 303);
      const burst = (c) => Promise.all(Array.from({ length: 16 }, () => c.get('/api/v1/me')))
        .then((all) => all.map((r) => r.status));
      assert.deepEqual(await burst(a), Array(16).fill(200));
      assert.deepEqual(await burst(b), Array(16).fill(200));
      const stale = new Client(srv.url); stale.jar.set('yw_session', a.jar.get('yw_session'));
      assert.equal((await a.post('/logout', { csrf: await a.csrf('/my') })).status, 303);
      assert.deepEqual(await burst(stale), Array(16).fill(401), 'logged out');
      assert.deepEqual(await burst(b), Array(16).fill(200), 'the other session stays');
      const token = b.jar.get('yw_session');
      assert.equal((await b.post('/my/logout-all', { csrf: await b.csrf('/my') })).status, 303);
      stale.jar.set('yw_session', token);
      assert.deepEqual(await burst(stale), Array(16).fill(401), 'logged out everywhere');
    });

    test('five failed logins lock the account for a while', async () => {
      const c = new Client(srv.url);
      const csrf = await c.csrf('/register');
      await c.post('/register', { csrf, kind: 'citizen', login: '13900000009', display_name: '赵六',
        password: 'Zhaoliu2026', password2: 'Zhaoliu2026' });
      for (let i = 0; i < 5; i++) assert.equal((await c.login('13900000009', `wrong${i}xyz1`)).status, 422);
      const locked = await c.login('13900000009', 'Zhaoliu2026');
      assert.equal(locked.status, 429);
      assert.ok(!c.jar.has('yw_session'));
    });

    test('a business registers with a unified social credit code', async () => {
      const c = new Client(srv.url);
      const csrf = await c.csrf('/register');
      const bad = await c.post('/register', { csrf, kind: 'business', login: 'boss@example.com', display_name: '钱七',
        org_name: '福州示例科技有限公司', credit_code: '91350100MA2XXXXX0X', password: 'Qianqi2026', password2: 'Qianqi2026' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /id="e-credit_code"/);
      const ok = await c.post('/register', { csrf, kind: 'business', login: 'boss@example.com', display_name: '钱七',
        org_name: '福州示例科技有限公司', credit_code: '91350100M000100Y43', password: 'Qianqi2026', password2: 'Qianqi2026' });
      assert.equal(ok.status, 303);
    });
  });
}
