// The yiwang command: audit verify detects edited, deleted and inserted
// entries; backup makes a usable copy; demo is idempotent; bad templates stop
// serve before it listens.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, yiwang } from '../lib/server.mjs';

const bin = path.join(root, 'build/yiwang');
const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' });

function freshDb() {
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-cli-'));
  const db = path.join(dir, 'y.db');
  yiwang(db, ['init']); yiwang(db, ['demo', '--quiet']);
  return { dir, db };
}

function verify(db) {
  return spawnSync(bin, ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
}

describe('yiwang command', () => {
  test('audit verify passes on an untouched log and fails on every kind of tampering', () => {
    const { dir, db } = freshDb();
    try {
      const ok = verify(db);
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      const n = Number(sql(db, 'SELECT count(*) FROM audit_log').trim());
      assert.ok(n > 20);
      const cases = {
        edit: "UPDATE audit_log SET detail = '{\"forged\":1}' WHERE id = 5",
        delete_middle: 'DELETE FROM audit_log WHERE id = 7',
        delete_last: 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)',
        insert: `INSERT INTO audit_log (id, at, actor_login, action, prev_hash, hash)
                 SELECT max(id) + 1, 0, 'mallory', 'staff.create', hash, hash FROM audit_log`,
        actor: "UPDATE audit_log SET actor_login = 'someone' WHERE id = 3",
      };
      for (const [name, q] of Object.entries(cases)) {
        const copy = path.join(dir, `${name}.db`);
        cpSync(db, copy);
        sql(copy, q);
        const r = verify(copy);
        assert.equal(r.status, 1, `${name} must be detected: ${r.stdout}`);
        assert.match(r.stdout, /BROKEN at entry \d+/);
      }
      const edited = path.join(dir, 'edit.db');
      assert.match(verify(edited).stdout, /entry 5\b/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('demo is idempotent', () => {
    const { dir, db } = freshDb();
    try {
      const before = sql(db, 'SELECT count(*) FROM department').trim();
      const out = yiwang(db, ['demo']);
      assert.match(out, /0 regions, 0 departments, 0 staff added/);
      assert.equal(sql(db, 'SELECT count(*) FROM department').trim(), before);
      assert.match(out, /admin/);
      // Every demo account in the one table, the letters' ones too.
      for (const login of ['xfj_admin', 'sfj_admin']) assert.match(out, new RegExp(`^  ${login} +dept_admin `, 'm'));
      for (let i = 0; i <= 5; i++) assert.match(out, new RegExp(`^  citizen: 1380013800${i} / Citizen2026demo$`, 'm'));
      assert.match(out, /demo knowledge base: 0 answer\(s\) added/);
      assert.equal(sql(db, 'SELECT count(*) FROM kb_answer WHERE published = 1').trim(), '30');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('search reindex rebuilds every kind of document it indexes', () => {
    const { dir, db } = freshDb();
    try {
      const count = (kind) => sql(db, `SELECT count(*) FROM search_doc WHERE kind = '${kind}'`).trim();
      const before = { service: count('service'), solicitation: count('solicitation') };
      assert.ok(Number(before.service) > 50 && Number(before.solicitation) >= 3, JSON.stringify(before));
      // The sqlite3 shell lacks the project's tokenizer, so the documents
      // go without the trigger that would tell the full-text table.
      sql(db, "DROP TRIGGER search_doc_ad; DELETE FROM search_doc WHERE kind IN ('service', 'solicitation')");
      const out = yiwang(db, ['search', 'reindex']);
      assert.match(out, new RegExp(`${before.solicitation} solicitation\\(s\\) indexed`));
      assert.equal(count('service'), before.service);
      assert.equal(count('solicitation'), before.solicitation);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('backup writes a consistent copy and refuses to overwrite', () => {
    const { dir, db } = freshDb();
    try {
      const copy = path.join(dir, 'backup.db');
      yiwang(db, ['backup', copy]);
      assert.ok(existsSync(copy));
      assert.equal(sql(copy, 'PRAGMA integrity_check').trim(), 'ok');
      assert.equal(sql(copy, 'SELECT count(*) FROM account').trim(), sql(db, 'SELECT count(*) FROM account').trim());
      const again = spawnSync(bin, ['--db', db, 'backup', copy], { encoding: 'utf8' });
      assert.notEqual(again.status, 0);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('user add creates staff, and explains bad input', () => {
    const { dir, db } = freshDb();
    try {
      const out = yiwang(db, ['user', 'add', '--login', 'newbie', '--name', '新人', '--password', 'Newbie2026x',
        '--department', 'gaj', '--roles', 'case_handler']);
      assert.match(out, /account \d+ created/);
      const bad = spawnSync(bin, ['--db', db, 'user', 'add', '--login', 'x', '--name', '', '--password', '1',
        '--department', 'gaj', '--roles', 'case_handler'], { encoding: 'utf8' });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /--login/);
      assert.equal(verify(db).status, 0, 'CLI changes are audited and chained');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('a broken template stops serve with its file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yw-tpl-'));
    try {
      for (const d of ['templates', 'locale', 'static', 'sql', 'conf']) cpSync(path.join(root, d), path.join(dir, d), { recursive: true });
      writeFileSync(path.join(dir, 'templates/broken.mustache'), 'line one\n{{#open}}\nno close\n');
      const r = spawnSync(bin, ['--db', path.join(dir, 'x.db'), 'serve', '--port', '1'],
        { encoding: 'utf8', env: { ...process.env, YIWANG_ROOT: dir }, timeout: 10000 });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /broken\.mustache:\d+/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test('every command has --help', () => {
    for (const c of ['init', 'migrate', 'demo', 'serve', 'user', 'backup', 'audit', 'check']) {
      const r = spawnSync(bin, [c, '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 0, c);
      assert.match(r.stdout, /usage: yiwang/);
    }
  });
});
