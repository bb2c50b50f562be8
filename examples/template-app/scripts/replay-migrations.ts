// `npm run db:check`'s second half: exits 1 when the migrations, replayed into empty databases,
// build other tables than the schema describes (see src/replay-migrations.ts).
import { replayMigrations } from '../src/replay-migrations.js';

const found = await replayMigrations();
for (const { dialect, differences } of found) {
  for (const line of differences) console.error(`✖ app (${dialect}): migrations and schema differ: ${line}`);
}
if (found.length === 0) console.log('✔ the migrations, replayed, build exactly the schema');
process.exitCode = found.length > 0 ? 1 : 0;
