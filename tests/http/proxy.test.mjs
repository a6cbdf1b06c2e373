// Behind a reverse proxy: with YIWANG_TRUSTED_PROXIES naming it, address
// throttles (here the progress lookup) count each forwarded client apart,
// while a client that is not the proxy cannot choose its address by
// sending its own X-Forwarded-For.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, backends } from '../lib/server.mjs';

function getFrom(localAddress, url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

const miss = 'tracking=350100-20261128-999999&phone=13900139000';

for (const backend of backends()) {
  describe(`client address behind a proxy on ${backend}`, () => {
    let srv;
    before(async () => {
      srv = await startServer(backend, { demo: false, env: { YIWANG_TRUSTED_PROXIES: '127.0.0.1' } });
    });
    after(async () => { await srv.stop(); });

    test('the trusted proxy forwards each client under its own address', async () => {
      const url = `${srv.url}/api/v1/track?${miss}`;
      const via = (client) => getFrom('127.0.0.1', url, { 'x-forwarded-for': client });
      for (let i = 0; i < 10; i++) assert.equal(await via('198.51.100.1'), 404, `failure ${i + 1}`);
      assert.equal(await via('198.51.100.1'), 429, 'that client is throttled');
      assert.equal(await via('198.51.100.2'), 404, 'another client behind the same proxy is not');
      // A forged first hop does not help: the proxy appended the real one.
      assert.equal(await via('203.0.113.9, 198.51.100.1'), 429);
    });

    test('an untrusted peer is counted by its own address whatever it forwards', async () => {
      const port = new URL(srv.url).port;
      const url = `http://127.0.0.1:${port}/api/v1/track?${miss}`;
      for (let i = 0; i < 10; i++) {
        assert.equal(await getFrom('127.0.0.3', url, { 'x-forwarded-for': `192.0.2.${i}` }), 404);
      }
      assert.equal(await getFrom('127.0.0.3', url, { 'x-forwarded-for': '192.0.2.200' }), 429);
    });
  });
}
