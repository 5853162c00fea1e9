// Reads vitest JSON reports and prints the one line CI reads: "N passed, N failed".
// A test file that failed to load (no tests ran) counts as one failure, so it cannot pass unseen.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`no report at ${file}: that run did not finish`)
    failed += 1
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
  for (const suite of report.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.every((t) => t.status !== 'failed')) {
      console.error(`failed to run: ${suite.name}: ${suite.message}`)
      failed += 1
    }
  }
  if (report.numTotalTests === 0) {
    console.error(`${file}: no test ran`)
    failed += 1
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
