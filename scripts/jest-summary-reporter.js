/**
 * Prints the closing line CI reads: `N passed, N failed`. Written to a file as well
 * when JEST_SUMMARY_FILE is set, so scripts/test.mjs can add up several jest runs.
 */
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    // A suite that broke outside any test (syntax error, failing beforeAll) counts as one failure.
    const brokenSuites = results.testResults.filter((r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0)).length;
    const summary = { passed: results.numPassedTests, failed: results.numFailedTests + brokenSuites };
    if (process.env.JEST_SUMMARY_FILE) fs.writeFileSync(process.env.JEST_SUMMARY_FILE, JSON.stringify(summary));
    else process.stdout.write(`\n${summary.passed} passed, ${summary.failed} failed\n`);
  }
}
module.exports = SummaryReporter;
