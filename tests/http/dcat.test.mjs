// DCAT-AP 3 at /catalog.ttl and /catalog.jsonld: both parse and conform to
// the DCAT-AP 3.0.1 SHACL shapes read in place from ../shared/spec (the
// suite is skipped, with a message, where that folder is absent).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import rdf from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import { startServer, backends, root } from '../lib/server.mjs';

const SPEC = path.join(root, '..', 'shared', 'spec', 'dcat-ap-3.0.1');
const have = existsSync(path.join(SPEC, 'shacl', 'dcat-ap-SHACL.ttl'));
if (!have) console.log(`SKIPPED: DCAT-AP spec not found at ${SPEC}`);

async function parse(text, mediaType) {
  const parser = rdf.formats.parsers.get(mediaType);
  const ds = rdf.dataset();
  for await (const q of parser.import(Readable.from([text]))) ds.add(q);
  return ds;
}

async function shapes() {
  const ds = rdf.dataset();
  for (const f of ['dcat-ap-SHACL.ttl', 'ranges.ttl']) {
    for await (const q of rdf.fromFile(path.join(SPEC, 'shacl', f))) ds.add(q);
  }
  return ds;
}

const DCAT = 'http://www.w3.org/ns/dcat#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

for (const backend of backends()) {
  describe(`DCAT-AP 3 (${backend})`, { skip: !have && 'no ../shared/spec' }, () => {
    let srv; let shapeData;
    before(async () => { srv = await startServer(backend); shapeData = await shapes(); });
    after(async () => { await srv?.stop(); });

    for (const [url, type] of [['/catalog.ttl', 'text/turtle'], ['/catalog.jsonld', 'application/ld+json']]) {
      test(`${url} conforms to the DCAT-AP 3 shapes`, async () => {
        const res = await fetch(srv.url + url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type'), new RegExp(type.replace('+', '\\+')));
        const data = await parse(await res.text(), type);
        const count = (cls) => [...data.match(null, rdf.namedNode(RDF_TYPE), rdf.namedNode(DCAT + cls))].length;
        assert.equal(count('Catalog'), 1);
        const open = (await (await fetch(`${srv.url}/api/3/action/package_list`)).json()).result;
        assert.equal(count('Dataset'), open.length, 'one dcat:Dataset per open data set');
        assert.ok(count('Distribution') >= 2);
        const report = await new SHACLValidator(shapeData, { factory: rdf }).validate(data);
        const why = report.results.slice(0, 5).map((r) => `${r.path?.value} ${r.focusNode?.value}: ${r.message.map((m) => m.value).join(' ')}`);
        assert.equal(report.conforms, true, why.join('\n'));
      });
    }

    test('Chinese text survives both serialisations', async () => {
      const ttl = await parse(await (await fetch(srv.url + '/catalog.ttl')).text(), 'text/turtle');
      const titles = [...ttl.match(rdf.namedNode(`${srv.url}/data/sthj-0001`), rdf.namedNode('http://purl.org/dc/terms/title'))]
        .map((q) => q.object.value);
      assert.ok(titles.includes('空气质量监测'));
    });
  });
}
