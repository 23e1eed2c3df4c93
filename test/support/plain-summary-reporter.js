/**
 * Ends every run with one plain line, `tests: N passed, N failed, N skipped`, that CI and
 * people can read without knowing Jest's own summary format.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = PlainSummaryReporter;
