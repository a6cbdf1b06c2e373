// What the browser tests share: Debian's chromium with the flags DESIGN.md
// names, axe-core (serious or critical violations fail the test), and a
// screenshot of the page when a step fails.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { root } from './server.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const failures = path.join(root, 'tests/browser/failures');

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
}

export async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: accessibility violations ${JSON.stringify(bad, null, 1)}`);
}

// Runs fn; on failure saves a screenshot named prefix-name.png first.
export async function step(page, prefix, name, fn) {
  try { await fn(); } catch (e) {
    mkdirSync(failures, { recursive: true });
    await page?.screenshot({ path: path.join(failures, `${prefix}-${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

export async function login(page, base, who, password) {
  await page.goto(base + '/login');
  await page.fill('#f-login', who);
  await page.fill('#f-password', password);
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/my$/);
}
