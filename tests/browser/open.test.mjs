// A real browser: a citizen finds a data set by a Chinese keyword on /data,
// opens it, sees the preview and downloads the CSV; axe-core checks every
// page visited (no serious or critical violations). A screenshot is saved
// on failure.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, axe, failures } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

describe('browser: open data', () => {
  let srv; let browser; let page;
  before(async () => {
    srv = await startServer('sqlite');
    browser = await launch();
  });
  after(async () => { await browser?.close(); await srv?.stop(); });

  test('a citizen finds air quality data by a Chinese word, previews it and downloads the CSV', async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    page = await context.newPage();
    try {
      await page.goto(srv.url + '/');
      await page.click('nav.site-nav a[href="/data"]');
      assert.match(await page.title(), /数据开放/);
      await axe(page, '/data');
      await page.fill('#data-q', '空气');
      await page.click('form[role="search"] .search-row button');
      await page.waitForURL(/\/data\?q=/);
      await axe(page, '/data?q=空气');
      await page.click('a[href="/data/sthj-0002"]');
      await page.waitForURL(/\/data\/sthj-0002$/);
      await axe(page, '/data/sthj-0002');
      const rows = await page.locator('#preview tbody tr').count();
      assert.equal(rows, 20);
      assert.equal(await page.locator('#preview thead th').first().textContent(), '监测站点');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
      assert.equal(download.suggestedFilename(), 'sthj-0002.csv');
      const file = readFileSync(await download.path());
      assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(file.toString('utf8').split('\r\n').length - 2, 1000);
      await page.reload();
      assert.equal((await page.locator('#download-count').textContent()).trim(), '1');
    } catch (e) {
      mkdirSync(failures, { recursive: true });
      await page?.screenshot({ path: path.join(failures, 'open-data.png'), fullPage: true }).catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
  });
});
