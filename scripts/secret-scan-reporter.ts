// A vitest reporter that fails the run when a secret shows up in anything a test printed: the
// throwaway PostgreSQL server's password, and the passwords and tokens tests use on purpose to
// check masking. Logs and error messages must never carry them.
import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/** Secrets the tests use on purpose; each must only ever appear masked. */
export const SENTINEL_SECRETS = ['hunter2', 'topsecret', 'not-the-password', 'tok_live_7f3a9c'];

/** The secrets of this run: the sentinels and the test server's password. */
export function runSecrets(env: Record<string, string | undefined> = process.env): string[] {
  const secrets = [...SENTINEL_SECRETS];
  const url = env.STRATA_TEST_POSTGRES_URL;
  if (url) {
    try {
      const password = decodeURIComponent(new URL(url).password);
      if (password.length >= 8) secrets.push(password);
    } catch {
      // Not a URL: nothing to look for.
    }
  }
  return secrets;
}

/** Which secrets a text contains (named by their first two characters, so the report leaks nothing). */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 2)}…`);
}

export default class SecretScanReporter implements Reporter {
  readonly #secrets = runSecrets();
  readonly #findings: string[] = [];

  onUserConsoleLog(log: UserConsoleLog): void {
    for (const found of secretsIn(log.content, this.#secrets)) {
      this.#findings.push(`console output of a test (${log.type}) contains a secret starting ${found}`);
    }
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        for (const error of test.result().errors ?? []) {
          for (const found of secretsIn(`${error.message ?? ''}\n${error.stack ?? ''}`, this.#secrets)) {
            this.#findings.push(`the error of "${test.fullName}" contains a secret starting ${found}`);
          }
        }
      }
    }
    if (this.#findings.length === 0) return;
    process.exitCode = 1;
    process.stderr.write(`\nSecret scan failed:\n  ${this.#findings.join('\n  ')}\n`);
  }
}
