// Why an engine's tests cannot run here (not selected by ENGINES, no PostgreSQL server), or
// undefined when they can: tests skip by name rather than silently.
import { engineCases, type TestEngineName } from '@strata/testing';

export function skipReason(...engines: readonly TestEngineName[]): string | undefined {
  return engineCases().find((c) => engines.includes(c.engine) && c.skip !== undefined)?.skip;
}
