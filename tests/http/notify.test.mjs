// The message centre's delivery: `yiwang outbox drain` against a real SMTP
// server (smtp-server) and a real HTTP server that this test starts on
// 127.0.0.1, on SQLite and on PostgreSQL. Mail must arrive with the right
// envelope and a Chinese subject and body that decode exactly; webhooks with
// a signature the receiver can check; failures must be retried later, never
// crash the drainer; and two drainers at once must never send a message
// twice.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { backends, pgDatabase, root, yiwang } from '../lib/server.mjs';

const bin = path.join(root, 'build/yiwang');
const FROM = 'noreply@gov.example.cn';
const SECRET = 'webhook-test-secret-密钥';
// The drainer's settings come only from each test, never from the caller's
// shell.
const cleanEnv = Object.fromEntries(Object.entries(process.env)
  .filter(([k]) => !['YIWANG_SMTP_URL', 'YIWANG_MAIL_FROM', 'YIWANG_WEBHOOK_SECRET', 'YIWANG_DB'].includes(k)));

// A throwaway database, migrated by `yiwang init`.
function freshDb(backend) {
  if (backend === 'pgsql') {
    const p = pgDatabase();
    yiwang(p.url, ['init']);
    return { url: p.url, backend, drop: p.drop };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-notify-'));
  const url = path.join(dir, 'y.db');
  yiwang(url, ['init']);
  return { url, backend, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs one SQL statement (tests only: to move the clock of a message).
function sql(db, q) {
  if (db.backend === 'pgsql') return execFileSync('psql', [db.url, '-At', '-q', '-c', q], { encoding: 'utf8' });
  return execFileSync('sqlite3', [db.url, q], { encoding: 'utf8' });
}

function enqueue(db, opts) {
  const args = ['outbox', 'enqueue'];
  for (const [k, v] of Object.entries(opts)) args.push(`--${k}`, typeof v === 'string' ? v : JSON.stringify(v));
  return Number(yiwang(db.url, args).trim());
}

function list(db) {
  return JSON.parse(yiwang(db.url, ['outbox', 'list', '--limit', '1000']));
}

function byId(db, id) {
  const m = list(db).find((r) => r.id === id);
  assert.ok(m, `message ${id} listed`);
  return m;
}

// Runs a drainer to its end; resolves to {code, signal, out}.
function drain(db, args, env = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ['--db', db.url, 'outbox', 'drain', ...args],
      { env: { ...cleanEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    const t = setTimeout(() => p.kill('SIGKILL'), 60000);
    p.on('error', reject);
    p.on('exit', (code, signal) => { clearTimeout(t); resolve({ code, signal, out }); });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// Unfolds the header block of a raw message into a map (lower-case names).
function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  assert.ok(split > 0, 'header and body separated by an empty CRLF line');
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: raw.slice(split + 4) };
}

// RFC 2047 B encoded-words as a mail client decodes them: white space
// between two words is dropped, and each word must hold whole UTF-8
// characters (clients decode word by word).
function decodeWords(v) {
  const re = /=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi;
  const strict = new TextDecoder('utf-8', { fatal: true });
  let out = ''; let last = 0; let prevWord = false; let m;
  while ((m = re.exec(v))) {
    const between = v.slice(last, m.index);
    if (!(prevWord && /^\s*$/.test(between))) out += between;
    out += strict.decode(Buffer.from(m[1], 'base64'));
    last = re.lastIndex; prevWord = true;
  }
  return out + v.slice(last);
}

describe('outbox drain', () => {
  let smtp; let smtpPort; let mails = []; let smtpDelay = 0;
  let hook; let hookPort; let hooks = []; let hookStatus = 200;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, cb) {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          setTimeout(() => {
            mails.push({
              from: session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('binary'),
            });
            cb();
          }, smtpDelay);
        });
      },
    });
    await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = smtp.server.address().port;
    hook = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        hooks.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(hookStatus, { 'content-type': 'text/plain' });
        res.end(hookStatus < 300 ? 'ok' : 'boom');
      });
    });
    await new Promise((r) => hook.listen(0, '127.0.0.1', r));
    hookPort = hook.address().port;
  });

  after(async () => {
    await new Promise((r) => smtp.close(r));
    await new Promise((r) => hook.close(r));
  });

  const smtpArgs = () => ['--once', '--smtp', `smtp://127.0.0.1:${smtpPort}`, '--from', FROM];
  const reset = () => { mails = []; hooks = []; hookStatus = 200; smtpDelay = 0; };

  test('--help describes the command', () => {
    const out = execFileSync(bin, ['outbox', '--help'], { encoding: 'utf8' });
    assert.match(out, /outbox drain \[--once\]/);
    assert.match(out, /YIWANG_SMTP_URL/);
  });

  for (const backend of backends()) {
    describe(backend, () => {
      test('an e-mail arrives with the right envelope and a UTF-8 subject and body', async () => {
        reset();
        const db = freshDb(backend);
        try {
          const subject = '您的申请已受理：新生儿出生一件事（受理编号 350100-20260101-0001）';
          const body = '尊敬的申请人：\n您的申请已受理，承诺办结时限为 5 个工作日。\n\n— 一网通办';
          const id = enqueue(db, { channel: 'email', to: 'zhangsan@example.com', subject, body });
          // An inbox message is delivered by being stored: nothing to send.
          yiwang(db.url, ['user', 'add', '--kind', 'citizen', '--login', '13800138001', '--name', '张三', '--password', 'Citizen2026x']);
          const acct = Number(sql(db, "SELECT id FROM account WHERE login = '13800138001'").trim());
          enqueue(db, { channel: 'inbox', account: String(acct), subject: '站内消息' });

          const r = await drain(db, smtpArgs());
          assert.equal(r.code, 0, r.out);
          assert.match(r.out, /1 sent/);
          assert.equal(mails.length, 1, r.out);
          const m = mails[0];
          assert.equal(m.from, FROM);
          assert.deepEqual(m.to, ['zhangsan@example.com']);
          const { headers, body: raw } = parseMail(m.raw);
          assert.equal(headers.from, FROM);
          assert.equal(headers.to, 'zhangsan@example.com');
          assert.match(headers.subject, /^=\?UTF-8\?B\?/);
          assert.equal(decodeWords(headers.subject), subject);
          assert.equal(headers['content-type'], 'text/plain; charset=UTF-8');
          assert.equal(headers['content-transfer-encoding'], 'base64');
          assert.equal(headers['mime-version'], '1.0');
          assert.match(headers['message-id'], /^<.+@gov\.example\.cn>$/);
          assert.ok(!Number.isNaN(Date.parse(headers.date)));
          assert.equal(Buffer.from(raw, 'base64').toString('utf8'), body.replace(/\n/g, '\r\n'));
          const row = byId(db, id);
          assert.equal(row.status, 'sent');
          assert.equal(row.attempts, 1);
          assert.ok(row.sent_at > 0);
          // Drained once: a second drain sends nothing.
          const again = await drain(db, smtpArgs());
          assert.equal(again.code, 0, again.out);
          assert.equal(mails.length, 1);
        } finally { db.drop(); }
      });

      test('a webhook arrives as JSON with a signature the receiver can check', async () => {
        reset();
        const db = freshDb(backend);
        try {
          const payload = { event: 'case.accepted', case: '350100-20260101-0001', 状态: '已受理' };
          const id = enqueue(db, { channel: 'webhook', to: `http://127.0.0.1:${hookPort}/hooks/yiwang`, subject: '受理', payload });
          const r = await drain(db, ['--once'], { YIWANG_WEBHOOK_SECRET: SECRET });
          assert.equal(r.code, 0, r.out);
          assert.equal(hooks.length, 1, r.out);
          const h = hooks[0];
          assert.equal(h.method, 'POST');
          assert.equal(h.url, '/hooks/yiwang');
          assert.equal(h.headers['content-type'], 'application/json');
          assert.deepEqual(JSON.parse(h.body.toString('utf8')), payload);
          const mac = crypto.createHmac('sha256', SECRET).update(h.body).digest('hex');
          assert.equal(h.headers['x-yiwang-signature'], `sha256=${mac}`);
          const wrong = crypto.createHmac('sha256', 'other').update(h.body).digest('hex');
          assert.notEqual(h.headers['x-yiwang-signature'], `sha256=${wrong}`);
          assert.equal(h.headers['x-yiwang-message-id'], String(id));
          assert.equal(byId(db, id).status, 'sent');
          // Without a secret webhooks stay queued rather than go unsigned.
          const id2 = enqueue(db, { channel: 'webhook', to: `http://127.0.0.1:${hookPort}/x`, subject: 's', payload: { n: 2 } });
          const r2 = await drain(db, smtpArgs());
          assert.equal(r2.code, 0, r2.out);
          assert.match(r2.out, /webhook messages stay queued/);
          assert.equal(hooks.length, 1);
          assert.equal(byId(db, id2).status, 'pending');
          assert.equal(byId(db, id2).attempts, 0);
        } finally { db.drop(); }
      });

      test('a webhook answering 500 is retried later, then delivered', async () => {
        reset();
        const db = freshDb(backend);
        try {
          hookStatus = 500;
          const id = enqueue(db, { channel: 'webhook', to: `http://127.0.0.1:${hookPort}/h`, subject: 's', payload: { n: 1 } });
          const before = Math.floor(Date.now() / 1000);
          const r = await drain(db, ['--once', '--webhook-secret', SECRET]);
          assert.equal(r.code, 0, r.out);
          assert.match(r.out, /retry in 60 s/);
          assert.equal(hooks.length, 1);
          let row = byId(db, id);
          assert.equal(row.status, 'pending');
          assert.equal(row.attempts, 1);
          assert.ok(row.next_attempt_at >= before + 60, `due later: ${row.next_attempt_at}`);
          assert.match(row.last_error, /HTTP 500/);
          // Not due yet: a drain now leaves it alone.
          await drain(db, ['--once', '--webhook-secret', SECRET]);
          assert.equal(hooks.length, 1);
          // A minute passes; the receiver is fixed.
          sql(db, `UPDATE outbox SET next_attempt_at = next_attempt_at - 120 WHERE id = ${id}`);
          hookStatus = 204;
          const r2 = await drain(db, ['--once', '--webhook-secret', SECRET]);
          assert.equal(r2.code, 0, r2.out);
          assert.equal(hooks.length, 2);
          row = byId(db, id);
          assert.equal(row.status, 'sent');
          assert.equal(row.attempts, 2);
        } finally { db.drop(); }
      });

      test('an unreachable SMTP relay means a retry, not a crash', async () => {
        reset();
        const db = freshDb(backend);
        try {
          const dead = await freePort();
          const id = enqueue(db, { channel: 'email', to: 'li@example.com', subject: '通知', body: '正文' });
          const r = await drain(db, ['--once', '--smtp', `smtp://127.0.0.1:${dead}`, '--from', FROM]);
          assert.equal(r.code, 0, r.out);
          assert.equal(r.signal, null);
          const row = byId(db, id);
          assert.equal(row.status, 'pending');
          assert.equal(row.attempts, 1);
          assert.ok(row.next_attempt_at > Math.floor(Date.now() / 1000));
          assert.match(row.last_error, /connect/i);
          // A webhook to a closed port is retried the same way.
          const wid = enqueue(db, { channel: 'webhook', to: `http://127.0.0.1:${dead}/h`, subject: 's', payload: {} });
          const r2 = await drain(db, ['--once', '--webhook-secret', SECRET]);
          assert.equal(r2.code, 0, r2.out);
          assert.equal(byId(db, wid).status, 'pending');
        } finally { db.drop(); }
      });

      test('two drainers at once never send a message twice', async () => {
        reset();
        const db = freshDb(backend);
        try {
          smtpDelay = 15; // keeps both drainers busy at the same time
          const N = 30; const W = 10;
          for (let i = 0; i < N; i++) enqueue(db, { channel: 'email', to: `user${i}@example.com`, subject: `第 ${i} 封`, body: '正文' });
          for (let i = 0; i < W; i++) enqueue(db, { channel: 'webhook', to: `http://127.0.0.1:${hookPort}/h/${i}`, subject: 's', payload: { i } });
          const args = [...smtpArgs(), '--batch', '3'];
          const env = { YIWANG_WEBHOOK_SECRET: SECRET };
          const [a, b] = await Promise.all([drain(db, args, env), drain(db, args, env)]);
          assert.equal(a.code, 0, a.out);
          assert.equal(b.code, 0, b.out);
          const rcpts = mails.map((m) => m.to[0]).sort();
          assert.equal(rcpts.length, N, 'each e-mail sent exactly once');
          assert.equal(new Set(rcpts).size, N);
          const paths = hooks.map((h) => h.url);
          assert.equal(paths.length, W, 'each webhook sent exactly once');
          assert.equal(new Set(paths).size, W);
          // Both took part: the work was shared, not serialised by luck.
          const sentBy = (r) => (r.out.match(/ sent$/gm) || []).length;
          assert.equal(sentBy(a) + sentBy(b), N + W);
          assert.ok(sentBy(a) > 0 && sentBy(b) > 0, `split ${sentBy(a)}/${sentBy(b)}`);
          assert.ok(list(db).every((r) => r.status === 'sent' && r.attempts === 1));
        } finally { db.drop(); }
      });

      test('a retried enqueue with the same key adds nothing; bad input names the option', () => {
        const db = freshDb(backend);
        try {
          const msg = { channel: 'email', to: 'wang@example.com', subject: '已办结', body: 'b', key: 'case/7/done/email' };
          const a = enqueue(db, msg);
          const b = enqueue(db, msg);
          assert.equal(a, b);
          assert.equal(list(db).length, 1);
          assert.throws(() => yiwang(db.url, ['outbox', 'enqueue', '--channel', 'email', '--to', 'nope', '--subject', 's', '--body', 'b']),
            (e) => e.status === 2 && /--to/.test(e.stderr));
          assert.throws(() => yiwang(db.url, ['outbox', 'drain', '--once'], { env: cleanEnv }),
            (e) => e.status === 2 && /--smtp/.test(e.stderr));
        } finally { db.drop(); }
      });

      test('a drainer in its loop stops cleanly on SIGTERM', async () => {
        reset();
        const db = freshDb(backend);
        try {
          const p = spawn(bin, ['--db', db.url, 'outbox', 'drain', '--interval', '1',
            '--smtp', `smtp://127.0.0.1:${smtpPort}`, '--from', FROM], { env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          p.stdout.on('data', (d) => { out += d; });
          p.stderr.on('data', (d) => { out += d; });
          const exited = new Promise((r) => p.on('exit', (code, signal) => r({ code, signal })));
          // It keeps polling: a message queued while it runs is sent.
          await new Promise((r) => setTimeout(r, 300));
          enqueue(db, { channel: 'email', to: 'loop@example.com', subject: '轮询', body: 'b' });
          const end = Date.now() + 10000;
          while (mails.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
          assert.equal(mails.length, 1, out);
          p.kill('SIGTERM');
          const t = setTimeout(() => p.kill('SIGKILL'), 5000);
          const { code, signal } = await exited;
          clearTimeout(t);
          assert.equal(signal, null, out);
          assert.equal(code, 0, out);
          assert.match(out, /1 sent/);
        } finally { db.drop(); }
      });
    });
  }
});
