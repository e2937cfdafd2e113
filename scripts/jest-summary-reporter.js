/**
 * Prints the closing line CI reads: `N passed, N failed, N skipped`. Written to a file as
 * well when JEST_SUMMARY_FILE is set, so scripts/test.mjs can add up several jest runs.
 *
 * Honest counts:
 * - a suite that crashed (syntax error, a failing import, a failing beforeAll that jest
 *   reports outside any test) counts every test written in it as failed — not as one —
 *   using the number of `it(`/`test(` calls in its source, since jest never learnt more;
 * - skipped and todo tests are counted and printed, never folded into "passed";
 * - the tests that ran against each backend (PostgreSQL, Redis) are counted by name, so
 *   scripts/test.mjs can fail a CI run in which they silently disappeared.
 */
const fs = require('node:fs');

/** Tests written in a file that never ran: at least one. */
function testsWrittenIn(file) {
  try {
    const source = fs.readFileSync(file, 'utf8');
    const calls = source.match(/(^|[^\w.])(it|test)(\.(each\([^)]*\)|concurrent|only|failing))?\s*\(/gm) ?? [];
    return Math.max(1, calls.length);
  } catch {
    return 1;
  }
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    let crashedTests = 0;
    const backends = { postgres: 0, redis: 0 };
    for (const suite of results.testResults) {
      const crashed =
        suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0 && suite.numPassingTests === 0);
      if (crashed) crashedTests += testsWrittenIn(suite.testFilePath);
      else if (suite.failureMessage && suite.numFailingTests === 0) crashedTests += 1; // an afterAll that failed after passing tests
      for (const test of suite.testResults) {
        if (test.status !== 'passed') continue;
        if (/postgres/i.test(test.fullName)) backends.postgres++;
        if (/redis/i.test(test.fullName)) backends.redis++;
      }
    }
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + crashedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      backends,
    };
    if (process.env.JEST_SUMMARY_FILE) fs.writeFileSync(process.env.JEST_SUMMARY_FILE, JSON.stringify(summary));
    else process.stdout.write(`\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
