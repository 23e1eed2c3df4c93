const { writeSync } = require('node:fs');

/**
 * Ends every run with one plain line, `tests: N passed, N failed, N skipped`, that CI and
 * people can read without knowing Jest's own summary format.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // At exit, so that it comes after Jest's own summary, which its reporter prints after ours.
    process.once('exit', () => writeSync(2, line));
  }
}
module.exports = PlainSummaryReporter;
