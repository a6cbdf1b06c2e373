// Online surveys through the pages and the API, on each backend: the
// builder (no JavaScript: add, move, delete and save are form posts) and
// who may use it, answering once (required questions named with every
// answer kept, an invalid option refused, a second answer refused),
// closed and not-yet-open surveys, results with an SVG chart, and the
// staff CSV export (byte order mark, formulas neutralised).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, Client, DEMO_PASSWORD, CITIZEN } from '../lib/server.mjs';

async function login(url, who, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.login(who, password);
  assert.equal(res.status, 303, `${who} logs in`);
  return c;
}

// An Asia/Shanghai day, days from today, as YYYY-MM-DD.
const day = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

const BASE = {
  title: '窗口服务改进调查', description: '请根据体验填写。', opens: day(0), closes: day(10), results: 'closed',
  q1_text: '您通过哪种方式办理', q1_kind: 'single', q1_required: '1', q1_options: '网上\n窗口\n自助终端',
  q2_text: '您希望改进的方面', q2_kind: 'multi', q2_options: '材料\n时限\n态度',
  q3_text: '总体满意度', q3_kind: 'rating', q3_required: '1', q3_options: '',
  q4_text: '其他建议', q4_kind: 'text', q4_options: '',
};

async function build(c, path, fields) {
  const csrf = await c.csrf(path);
  return c.post(path, { csrf, ...fields });
}

const surveyJson = async (c, id) => (await (await c.get(`/api/v1/interact/surveys/${id}`)).json());

async function answer(c, id, fields) {
  const csrf = await c.csrf(`/interact/surveys/${id}`);
  return c.post(`/interact/surveys/${id}`, { csrf, ...fields });
}

for (const backend of backends()) {
  describe(`surveys on ${backend}`, () => {
    let srv; let rsj; let gaj; let handler; let citizen; let citizen2; let admin; let id; let qs;
    before(async () => {
      srv = await startServer(backend);
      [rsj, gaj, handler, citizen, citizen2, admin] = await Promise.all([
        login(srv.url, 'rsj_admin'), login(srv.url, 'gaj_admin'), login(srv.url, 'rsj_handler'),
        login(srv.url, CITIZEN.login, CITIZEN.password), login(srv.url, '13800138001', CITIZEN.password),
        login(srv.url, 'admin')]);
    });
    after(async () => { await srv?.stop(); });

    test('the builder: add, move, delete without JavaScript; errors named with the input kept; draft to published', async () => {
      assert.equal((await handler.get('/staff/surveys/new')).status, 403, 'a case handler does not build surveys');
      assert.equal((await citizen.get('/staff/surveys')).status, 404);
      // "Add a question" shows the form again with one more row.
      let res = await build(rsj, '/staff/surveys/new', { title: '草稿', opens: day(0), closes: day(5), results: 'closed', op: 'add' });
      assert.equal(res.status, 200);
      let html = await res.text();
      assert.match(html, /name="q1_text"/);
      assert.match(html, /value="草稿"/, 'the title is kept');
      // Move down and delete act on the posted rows.
      const two = { title: '草稿', opens: day(0), closes: day(5), results: 'closed',
        q1_text: '甲题', q1_kind: 'text', q1_options: '', q2_text: '乙题', q2_kind: 'text', q2_options: '' };
      html = await (await build(rsj, '/staff/surveys/new', { ...two, op: 'down_1' })).text();
      assert.match(html, /name="q1_text" value="乙题"/);
      assert.match(html, /name="q2_text" value="甲题"/);
      html = await (await build(rsj, '/staff/surveys/new', { ...two, op: 'del_1' })).text();
      assert.match(html, /name="q1_text" value="乙题"/);
      assert.doesNotMatch(html, /name="q2_text"/);
      // Saving with errors: each named, linked to its field, input kept.
      res = await build(rsj, '/staff/surveys/new', { ...BASE, title: '', q1_options: '只有一个', closes: day(-1), op: 'save' });
      assert.equal(res.status, 422);
      html = await res.text();
      for (const f of ['title', 'closes', 'q1_options']) {
        assert.match(html, new RegExp(`href="#f-${f}"`), `the summary links to ${f}`);
        assert.match(html, new RegExp(`id="f-${f}"`), `${f} has its id`);
      }
      assert.match(html, /问题 1 选项/, 'the question is named');
      assert.match(html, /value="您通过哪种方式办理"/);
      assert.match(html, />只有一个<\/textarea>/);
      res = await build(rsj, '/staff/surveys/new', { ...BASE, op: 'save' });
      assert.equal(res.status, 303);
      const loc = res.headers.get('location');
      assert.match(loc, /^\/staff\/surveys\/\d+\?done=survey_saved$/);
      id = Number(loc.match(/(\d+)/)[1]);
      // A draft: hidden from the public and from other departments.
      assert.equal((await citizen.get(`/interact/surveys/${id}`)).status, 404);
      assert.equal((await citizen.get(`/api/v1/interact/surveys/${id}`)).status, 404);
      assert.equal((await gaj.get(`/staff/surveys/${id}`)).status, 404);
      assert.equal((await gaj.get(`/staff/surveys/${id}/export.csv`)).status, 404);
      assert.equal((await gaj.get(`/interact/surveys/${id}/results`)).status, 404);
      html = await (await rsj.get(`/staff/surveys/${id}`)).text();
      assert.match(html, /name="q4_text" value="其他建议"/);
      res = await build(rsj, `/staff/surveys/${id}`, { ...BASE, op: 'publish' });
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location'), /done=survey_published/);
      // Published: another department's staff still cannot edit it.
      assert.equal((await gaj.get(`/staff/surveys/${id}`)).status, 404);
      const v = await surveyJson(citizen, id);
      assert.equal(v.survey.status, 'open');
      assert.deepEqual(v.questions.map((q) => q.kind), ['single', 'multi', 'rating', 'text']);
      assert.deepEqual(v.questions[0].options.map((o) => o.label), ['网上', '窗口', '自助终端']);
      qs = v.questions;
      const audit = (await (await admin.get('/api/v1/audit?object_type=survey')).json()).audit.entries;
      const mine = audit.filter((e) => e.object_id === String(id)).map((e) => e.action);
      assert.ok(mine.includes('survey.create') && mine.includes('survey.publish'), `audited: ${mine}`);
    });

    test('answering: required named with answers kept, invalid option refused, once per account', async () => {
      const [single, multi, rating, text] = qs;
      // Anonymous visitors are sent to log in.
      const anon = new Client(srv.url);
      const page = await (await anon.get(`/interact/surveys/${id}`)).text();
      assert.match(page, /href="\/login\?next=\/interact\/surveys\/\d+"/);
      // A required question left out: named, with every answer kept.
      let res = await answer(citizen, id, { [`q${multi.id}_${multi.options[1].id}`]: '1', [`q${text.id}`]: '我的建议' });
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(html, new RegExp(`href="#f-q${single.id}">您通过哪种方式办理`));
      assert.match(html, new RegExp(`href="#f-q${rating.id}">总体满意度`));
      assert.match(html, new RegExp(`id="f-q${single.id}"`));
      assert.match(html, />我的建议<\/textarea>/);
      assert.match(html, new RegExp(`name="q${multi.id}_${multi.options[1].id}" value="1" checked`));
      // An option the question does not have.
      res = await answer(citizen, id, { [`q${single.id}`]: '99', [`q${rating.id}`]: '4' });
      assert.equal(res.status, 422);
      html = await res.text();
      assert.match(html, /所选选项不在本题的选项中/);
      assert.match(html, new RegExp(`name="q${rating.id}" value="4" checked`));
      res = await answer(citizen, id, { [`q${single.id}`]: '7x', [`q${rating.id}`]: '9' });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /请在 1 到 5 之间选择/);
      // A good answer, then a second one refused.
      res = await answer(citizen, id, { [`q${single.id}`]: String(single.options[0].id), [`q${rating.id}`]: '5',
        [`q${multi.id}_${multi.options[0].id}`]: '1', [`q${multi.id}_${multi.options[2].id}`]: '1',
        [`q${text.id}`]: '=1+2 电话13912345678' });
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location'), /done=survey_answered/);
      assert.equal((await surveyJson(citizen, id)).answered, true);
      res = await answer(citizen, id, { [`q${single.id}`]: String(single.options[1].id), [`q${rating.id}`]: '1' });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /您已经参与过本调查，每个账号只能提交一次/);
      res = await answer(citizen2, id, { [`q${single.id}`]: String(single.options[1].id), [`q${rating.id}`]: '3',
        [`q${text.id}`]: '@SUM(A1)' });
      assert.equal(res.status, 303);
      // Staff do not answer.
      const csrf = await rsj.csrf(`/staff/surveys/${id}`);
      assert.equal((await rsj.post(`/interact/surveys/${id}`, { csrf, [`q${single.id}`]: '1', [`q${rating.id}`]: '1' })).status, 403);
      // Answered: the questions are frozen in the builder.
      const b = await (await rsj.get(`/staff/surveys/${id}`)).text();
      assert.doesNotMatch(b, /name="q1_text"/);
      assert.match(b, /问题不能再修改/);
      // Results are not public while it runs; its staff see them.
      assert.equal((await citizen.get(`/interact/surveys/${id}/results`)).status, 403);
      const r = await (await rsj.get(`/api/v1/interact/surveys/${id}/results`)).json();
      assert.equal(r.total, 2);
      assert.deepEqual(r.questions[0].options.map((o) => o.count), [1, 1, 0]);
      assert.equal(r.questions[0].options.reduce((s, o) => s + o.tenths, 0), 1000);
      assert.equal(r.questions[2].average, 40);
      assert.ok(r.questions[3].texts.includes('=1+2 电话139****5678'), JSON.stringify(r.questions[3].texts));
    });

    test('closed and not-yet-open surveys refuse answers clearly; results public after close', async () => {
      const { surveys } = await (await citizen.get('/api/v1/interact/surveys')).json();
      const closed = surveys.find((s) => s.title === '社保经办服务满意度调查');
      assert.equal(closed.status, 'closed');
      const v = await surveyJson(citizen, closed.id);
      let res = await answer(citizen2, closed.id, { [`q${v.questions[0].id}`]: '1', [`q${v.questions[1].id}`]: '5' });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /本调查已经结束，不再接受回答/);
      // One that opens tomorrow.
      res = await build(rsj, '/staff/surveys/new', { ...BASE, title: '明天开始的调查', opens: day(1), closes: day(9), op: 'publish' });
      assert.equal(res.status, 303);
      const later = Number(res.headers.get('location').match(/(\d+)/)[1]);
      const lq = (await surveyJson(citizen, later)).questions;
      assert.match(await (await citizen.get(`/interact/surveys/${later}`)).text(), /本调查尚未开始/);
      res = await answer(citizen, later, { [`q${lq[0].id}`]: String(lq[0].options[0].id), [`q${lq[2].id}`]: '3' });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /本调查尚未开始/);
      // Closing our survey now makes its results public, as a chart and a table.
      res = await build(rsj, `/staff/surveys/${id}`, { ...BASE, op: 'close' });
      assert.equal(res.status, 303);
      res = await answer(citizen2, id, { [`q${qs[0].id}`]: String(qs[0].options[0].id), [`q${qs[2].id}`]: '2' });
      assert.equal(res.status, 409);
      const html = await (await new Client(srv.url).get(`/interact/surveys/${id}/results`)).text();
      assert.match(html, /<svg [^>]*role="img"[^>]*aria-labelledby="chart-\d+-t chart-\d+-d"/);
      assert.match(html, /<title id="chart-\d+-t">您通过哪种方式办理<\/title>/);
      assert.match(html, /<td class="num">50\.0%<\/td>/);
      assert.doesNotMatch(html, /139\*\*\*\*5678/, 'free text is for staff only');
      assert.match(await (await rsj.get(`/interact/surveys/${id}/results`)).text(), /=1\+2 电话139\*\*\*\*5678/);
    });

    test('CSV export: UTF-8 with BOM, a row per response, formulas neutralised, staff of the department only', async () => {
      assert.equal((await citizen.get(`/staff/surveys/${id}/export.csv`)).status, 404);
      assert.equal((await gaj.get(`/staff/surveys/${id}/export.csv`)).status, 404);
      const res = await rsj.get(`/staff/surveys/${id}/export.csv`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
      assert.match(res.headers.get('content-disposition'), /attachment/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      assert.equal(lines[0], '编号,提交时间,您通过哪种方式办理,您希望改进的方面,总体满意度,其他建议');
      assert.equal(lines.length, 3, 'a header and one row per response');
      assert.match(lines[1], /^\d+,\d{4}-\d\d-\d\d \d\d:\d\d,网上,材料; 态度,5,'=1\+2 电话139\*\*\*\*5678$/);
      assert.match(lines[2], /,窗口,,3,'@SUM\(A1\)$/);
      // The demo's closed survey: a few hundred rows.
      const { surveys } = await (await rsj.get('/api/v1/interact/surveys')).json();
      const closed = surveys.find((s) => s.title === '社保经办服务满意度调查');
      const big = (await (await rsj.get(`/staff/surveys/${closed.id}/export.csv`)).text()).trimEnd().split('\r\n');
      assert.equal(big.length, closed.responses + 1);
      assert.ok(closed.responses >= 200);
      assert.ok(big.some((l) => l.endsWith(",'=建议增加夜间自助服务")), 'a demo answer starting with = is neutralised');
    });
  });
}
