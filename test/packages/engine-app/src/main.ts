// An app on one engine, as deployed: production dependencies only, migrations applied on start
// from the folder `strata generate` wrote. `./open.js` opens the engine (one file per engine).

import { isStrataError } from '@strata/core';
import { migrate } from '@strata/sql/migrate';
import { open } from './open.js';

const db = await open();
try {
  const applied = await migrate(db, { folder: 'migrations/app' });
  const ada = await db.repos.member.create({ email: 'ada@example.com', name: 'Ada' });
  await db.repos.post.create({ memberId: ada.id, title: 'First' });
  let createTables = 'ran';
  try {
    await db.createTables();
  } catch (error) {
    createTables = isStrataError(error) ? `${error.code}: ${error.message}` : String(error);
  }
  console.log(JSON.stringify({ applied: applied.migrations.length, posts: await db.repos.post.count(), createTables }));
} finally {
  await db.close();
}
