// A vitest reporter that lists the tests which failed and then passed on a retry (`--retry`), one
// `file > name (tries)` per line, in the file named by STRATA_FLAKY_REPORT: a job that allows a
// retry still names every test that needed one, so flakiness is reported instead of hidden.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

export default class FlakyReporter implements Reporter {
  readonly #file = process.env.STRATA_FLAKY_REPORT;

  onTestCaseResult(testCase: TestCase): void {
    const diagnostic = testCase.diagnostic();
    if (!this.#file || !diagnostic?.flaky) return;
    const file = relative(process.cwd(), testCase.module.moduleId);
    appendFileSync(this.#file, `${file} > ${testCase.fullName} (passed on try ${diagnostic.retryCount + 1})\n`);
  }
}
