// `npm start`: migrates the database the environment names, then serves the API until SIGTERM.
import { createTables, dbType } from '@repo/db';
import { startServer } from './server.js';

const applied = await createTables();
const server = await startServer(Number(process.env.PORT ?? 3000), process.env.HOST);
console.log(`API on ${server.url} (${dbType()}; ${applied.length} migrations applied)`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void server.close());
