import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

let t = Date.now();
const a = await PGlite.create();
console.log('fresh', Date.now() - t, process.memoryUsage().rss >> 20);
const dump = await a.dumpDataDir('gzip');
const buf = Buffer.from(await dump.arrayBuffer());
writeFileSync('/tmp/pgl.tgz', buf);
console.log('size', buf.length);
await a.close();
t = Date.now();
const b = await PGlite.create({ loadDataDir: new Blob([readFileSync('/tmp/pgl.tgz')]) });
console.log('snap', Date.now() - t, (await b.query('select version()')).rows[0].version.slice(0, 20));
t = Date.now();
const c = await PGlite.create({ loadDataDir: new Blob([readFileSync('/tmp/pgl.tgz')]) });
console.log('snap2', Date.now() - t, process.memoryUsage().rss >> 20);
