export { type FakeRowOptions, type FakeRowsOptions, fakeRow, fakeRows, type ParentRows } from './fake-rows.js';
export { type SeedCounts, type SeedFakeDataOptions, type SeedResult, seedFakeData } from './seed-database.js';
export { SeedError } from './seed-error.js';
export { planSeedOrder, type SeedStep } from './seed-order.js';
