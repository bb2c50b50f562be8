import { main } from './bin.js';

process.exitCode = await main(process.argv.slice(2));
