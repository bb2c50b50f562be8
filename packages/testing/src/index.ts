/**
 * `@strata/testing`: run tests on every real engine. `ENGINES=pglite,sqlite` narrows a run;
 * an engine that cannot run is reported as a named skip, never dropped silently.
 */

export {
  CONFORMANCE_TOPICS,
  type ConformanceContext,
  type ConformanceDatabase,
  type ConformanceEngine,
  type ConformanceOptions,
  type ConformanceSchema,
  type ConformanceTopic,
  type ConformanceTopicName,
  caught,
  compareCodePoints,
  conformanceSchema,
  fixedId,
  type JsonValue,
  type OpenConformanceDatabase,
  plain,
  runConformanceSuite,
  type TranscriptStep,
} from './conformance/index.js';
export {
  ALL_ENGINES,
  type EngineCase,
  engineCases,
  engineSkip,
  POSTGRES_URL_VARIABLE,
  type TestEngineName,
} from './engines.js';
export { type FaultProxy, startFaultProxy } from './fault-proxy.js';
export {
  type NeonHttpEndpoint,
  type NeonWebSocketProxy,
  type ProxyTarget,
  startNeonHttpEndpoint,
  startNeonWebSocketProxy,
} from './neon/index.js';
export {
  createPostgresTestDatabase,
  openTestDatabase,
  openTestDatabasePair,
  type PostgresTestDatabase,
  type TestDatabase,
} from './open.js';
export { pgliteSnapshot } from './pglite-snapshot.js';
export {
  PGBOUNCER_URL_VARIABLE,
  POSTGRES_LOG_VARIABLE,
  POSTGRES_POOLER_VARIABLE,
  poolerSkip,
  serverLogMark,
  throughPgbouncer,
} from './pooler.js';
export { rawExecute, rawInsert, rawRows } from './raw.js';
export {
  grantSupabaseRoles,
  installSupabaseAuthStandIn,
  SUPABASE_ROLES,
  type SupabaseStandInTarget,
} from './supabase.js';
