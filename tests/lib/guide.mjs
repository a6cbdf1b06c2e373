// The service editor's form as a browser would post it, and a way to make
// a demo guide Chinese-only again: the demo catalogue has English for every
// item, and the tests of the Chinese fallback need one without.
import assert from 'node:assert/strict';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ENTITIES[e]);

// The fields of the edit form in html: its inputs, ticked boxes, text
// areas and selected options, as URLSearchParams.
export function editForm(html) {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    if (!/type="checkbox"/.test(m[0])) form.set(m[1], unescape(m[2]));
  }
  for (const m of html.matchAll(/<input[^>]*type="checkbox"[^>]*name="([^"]+)"[^>]*checked/g)) form.set(m[1], '1');
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) form.set(m[1], unescape(m[2]));
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)) {
    const sel = m[0].match(/<option value="([^"]*)" selected>/);
    if (sel) form.set(m[1], sel[1]);
  }
  return form;
}

// Clears the English guide texts of item id (the name in English stays)
// through the editor; client c is logged in as someone who may edit it.
export async function dropEnglish(c, id) {
  const edit = `/admin/services/${id}`;
  const form = editForm(await (await c.get(edit)).text());
  for (const k of [...form.keys()]) {
    if (/^(legal_basis|conditions|fee_text|steps)_en$|^material_\d+_(name|description)_en$/.test(k)) form.set(k, '');
  }
  const res = await c.post(edit, form.toString());
  assert.equal(res.status, 303, await res.text());
}
