// DCAT-AP 3 at /catalog.ttl and /catalog.jsonld: both parse and conform to
// the DCAT-AP 3.0.1 SHACL shapes read in place from ../shared/spec (the
// suite is skipped, with a message, where that folder is absent).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import rdf from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import { startServer, backends, root } from '../lib/server.mjs';

const SPEC = path.join(root, '..', 'shared', 'spec', 'dcat-ap-3.0.1');
const have = existsSync(path.join(SPEC, 'shacl', 'dcat-ap-SHACL.ttl'));
if (!have) console.log(`SKIPPED: DCAT-AP spec not found at ${SPEC}`);

// /catalog.jsonld carries its context inline: a test never downloads,
// and no consumer should have to (see the test of its terms below).
const documentLoader = {
  async load(url) { throw new Error(`no remote context may be loaded: ${url}`); },
};

async function parse(text, mediaType) {
  const parser = rdf.formats.parsers.get(mediaType);
  const ds = rdf.dataset();
  for await (const q of parser.import(Readable.from([text]), { documentLoader })) ds.add(q);
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

    test('the JSON-LD speaks the DCAT-AP reference terms and says exactly what the Turtle says', async () => {
      const text = await (await fetch(srv.url + '/catalog.jsonld')).text();
      const doc = JSON.parse(text);
      const ds = doc['@graph'].find((n) => n['@id'] === `${srv.url}/data/sthj-0001`);
      assert.deepEqual(ds['@type'], ['Dataset']);
      assert.ok(ds.title.some((t) => t['@value'] === '空气质量监测' && t['@language'] === 'zh'));
      assert.ok(ds.datasetDistribution.length >= 1 && ds.releaseDate);
      // Every class and type-scoped property term means what the DCAT-AP
      // 3.0.1 reference context (read in place) says it means.
      const ref = JSON.parse(readFileSync(path.join(SPEC, 'dcat-ap.context.jsonld'), 'utf8'))['@context'];
      const iri = (d) => (typeof d === 'string' ? d : d['@id']);
      let terms = 0;
      for (const [term, def] of Object.entries(doc['@context'])) {
        if (term.startsWith('@') || ['dcat', 'dct', 'foaf', 'vcard', 'skos', 'xsd'].includes(term)) continue;
        assert.ok(ref[term], `${term} is a reference term`);
        assert.equal(iri(def), iri(ref[term]), term);
        for (const [p, pd] of Object.entries(def['@context'] ?? {})) {
          assert.equal(iri(pd), iri(ref[term]['@context'][p]), `${term}.${p}`);
          terms++;
        }
      }
      assert.ok(terms >= 30);
      // Not one triple lost or added: a term the context did not define
      // would be dropped silently by a JSON-LD processor.
      const ld = await parse(text, 'application/ld+json');
      const ttl = await parse(await (await fetch(srv.url + '/catalog.ttl')).text(), 'text/turtle');
      const key = (q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.language ?? ''}^${q.object.datatype?.value ?? ''}`;
      const a = new Set([...ld].map(key));
      const b = new Set([...ttl].map(key));
      assert.ok(a.size > 100);
      assert.deepEqual([...a].filter((x) => !b.has(x)).slice(0, 5), [], 'nothing in the JSON-LD that the Turtle lacks');
      assert.deepEqual([...b].filter((x) => !a.has(x)).slice(0, 5), [], 'nothing in the Turtle that the JSON-LD lacks');
    });

    test('Chinese text survives both serialisations', async () => {
      const ttl = await parse(await (await fetch(srv.url + '/catalog.ttl')).text(), 'text/turtle');
      const titles = [...ttl.match(rdf.namedNode(`${srv.url}/data/sthj-0001`), rdf.namedNode('http://purl.org/dc/terms/title'))]
        .map((q) => q.object.value);
      assert.ok(titles.includes('空气质量监测'));
    });
  });
}
