// Strata's conformance suite on every engine selected by ENGINES (PGlite, SQLite and a PostgreSQL
// server), then the cross-engine comparison of the scripted workload.
import { runConformanceSuite } from '@strata/testing';

runConformanceSuite();
