// Module resolution hooks (run in Node's hooks thread): appends every resolved URL to the file
// named by RECORD_MODULES_TO, so a test can see which packages an import loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(process.env.RECORD_MODULES_TO, `${result.url}\n`);
  return result;
}
