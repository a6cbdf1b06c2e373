// Starts a real Yiwang server (kore + the app) for a test, on SQLite or on
// PostgreSQL, with the demo city loaded; stops it afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'build/yiwang');

export const DEMO_PASSWORD = 'Yiwang2026demo';
export const CITIZEN = { login: '13800138000', password: 'Citizen2026demo' };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitReady(url, proc, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try { const r = await fetch(url + '/static/app.css'); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

// The backends this run tests: SQLite always, PostgreSQL when the test runner
// started a throwaway cluster (YW_TEST_PG_URL).
export function backends() {
  const list = ['sqlite'];
  if (process.env.YW_TEST_PG_URL) list.push('pgsql');
  return list;
}

export function pgDatabase() {
  const base = new URL(process.env.YW_TEST_PG_URL);
  const name = `yw_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [base.toString(), '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const u = new URL(base.toString()); u.pathname = '/' + name;
  return { url: u.toString(), drop: () => {
    try { execFileSync('psql', [base.toString(), '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' }); } catch { /* best effort */ }
  } };
}

export function yiwang(db, args, opts = {}) {
  return execFileSync(bin, ['--db', db, ...args], { encoding: 'utf8', stdio: 'pipe', ...opts });
}

// env: extra environment for the server (e.g. YIWANG_TRUSTED_PROXIES).
export async function startServer(backend = 'sqlite', { demo = true, env = {} } = {}) {
  let dir = null; let db; let drop = () => {};
  if (backend === 'pgsql') { const p = pgDatabase(); db = p.url; drop = p.drop; } else {
    dir = mkdtempSync(path.join(tmpdir(), 'yw-test-'));
    db = path.join(dir, 'yiwang.db');
  }
  yiwang(db, ['init']);
  if (demo) yiwang(db, ['demo', '--quiet']);
  const port = await freePort();
  const proc = spawn(bin, ['--db', db, 'serve', '--port', String(port), '--workers', '2'],
    // Its own process group, so that stop() reaches the workers too: a
    // worker left behind would hold the log pipes open and keep this test
    // file from ever exiting.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  try { await waitReady(url, proc); } catch (e) { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } throw new Error(`${e.message}\n${log}`); }
  return {
    url, db, backend, log: () => log,
    async stop() {
      // YW_SERVER_LOG_DIR keeps each server's log (seccomp tracing, crashes).
      if (process.env.YW_SERVER_LOG_DIR) {
        appendFileSync(path.join(process.env.YW_SERVER_LOG_DIR, `server-${backend}-${port}.log`), log);
      }
      const group = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* gone */ } };
      if (proc.exitCode === null && proc.signalCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        group('SIGTERM');
        const t = setTimeout(() => group('SIGKILL'), 5000);
        await done; clearTimeout(t);
      }
      group('SIGKILL');
      proc.stdout.destroy(); proc.stderr.destroy();
      drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A minimal cookie-keeping client: enough for forms with CSRF tokens.
export class Client {
  constructor(base) { this.base = base; this.jar = new Map(); }
  // Browsers send no Cookie header at all when they have none (kore answers
  // an empty header with 400).
  headers(extra = {}) {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie, ...extra } : { ...extra };
  }
  store(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';'); const i = pair.indexOf('=');
      const k = pair.slice(0, i); const v = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || v === '') this.jar.delete(k); else this.jar.set(k, v);
    }
  }
  async get(p, headers = {}) {
    const res = await fetch(this.base + p, { redirect: 'manual', headers: this.headers(headers) });
    this.store(res); return res;
  }
  async post(p, fields, headers = {}) {
    const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
    const res = await fetch(this.base + p, { method: 'POST', redirect: 'manual', body,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...headers }) });
    this.store(res); return res;
  }
  // The CSRF token of the form on page p.
  async csrf(p) {
    const html = await (await this.get(p)).text();
    const m = html.match(/name="csrf" value="([^"]+)"/);
    if (!m) throw new Error(`no csrf token on ${p}`);
    return m[1];
  }
  async login(login, password) {
    const csrf = await this.csrf('/login');
    return this.post('/login', { csrf, login, password });
  }
}
