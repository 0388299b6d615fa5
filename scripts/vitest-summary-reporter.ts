import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** A failed test as the end of scripts/test.sh repeats it: where it is and the first line of why. */
export interface FailedTest {
  readonly name: string;
  readonly reason: string;
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n', 1)[0]?.slice(0, 300) ?? '';

/**
 * Prints one plain `N passed, N failed` line (CI reads that, not vitest's own summary) and, when
 * URR_TEST_SUMMARY_FILE is set, writes the counts and the failed tests there for scripts/test.sh
 * to add up and to repeat at the end of its log (a truncated log still names them).
 * A test file that fails to load counts as one failure so it can never pass silently.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let skipped = 0;
    const failedTests: FailedTest[] = [];
    for (const testModule of testModules) {
      let testsInModule = 0;
      for (const test of testModule.children.allTests()) {
        testsInModule += 1;
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') {
          failedTests.push({
            name: `${testModule.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`,
            reason: firstLine(result.errors?.[0]?.message),
          });
        } else skipped += 1;
      }
      // A hook's error, or a file that did not load, fails the file without failing a test.
      const moduleErrors = testModule.errors();
      if (moduleErrors.length > 0 || (testsInModule === 0 && testModule.state() === 'failed')) {
        failedTests.push({
          name: testModule.moduleId.replace(`${process.cwd()}/`, ''),
          reason: firstLine(moduleErrors[0]?.message) || 'the file did not load',
        });
      }
    }
    const failed = failedTests.length;
    const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
    process.stdout.write(`vitest: ${line}\n`);
    const summaryFile = process.env.URR_TEST_SUMMARY_FILE;
    if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ passed, failed, skipped, failedTests }));
  }
}
