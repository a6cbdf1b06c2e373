// Checks on rendered pages that many tests share.
import assert from 'node:assert/strict';

// Every link of the page's error summary points at an element id on the
// page (so following it moves focus to the field); returns the targets.
export function assertErrorLinks(html, label = 'page') {
  const summary = html.match(/<div class="error-summary"[\s\S]*?<\/div>/);
  assert.ok(summary, `${label}: an error summary`);
  const targets = [...summary[0].matchAll(/href="#([^"]*)"/g)].map((m) => m[1]);
  assert.ok(targets.length > 0, `${label}: the error summary links to the fields`);
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  for (const t of targets) assert.ok(ids.has(t), `${label}: error summary link #${t} has an element with that id`);
  return targets;
}
