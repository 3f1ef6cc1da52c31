import type { Reporter, TestModule } from 'vitest/node';

/** Prints one line at the end: "weapp harness: N passed, N failed (N skipped) in S s". */
export default class SummaryReporter implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].every((t) => t.result().state !== 'failed'))
        failed++;
    }
    failed += unhandledErrors.length;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stdout.write(`\nweapp harness: ${passed} passed, ${failed} failed (${skipped} skipped) in ${seconds} s\n`);
  }
}
