export { type CheckOptions, checkProject } from './check-project.js';
export type { CheckFinding, CheckFindingKind, CheckNote, CheckNoteKind, CheckResult } from './findings.js';
