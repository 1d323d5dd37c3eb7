import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The ledger suites that hold on both engines: run on the local file in `ledger` and again on a
// PostgreSQL server in `pg` (test/support/engine-ledger.ts). A suite joins this list once it opens
// its ledger through seededEngineLedgerPerTest / openEngineLedger and passes on the server.
export const BOTH_ENGINES = [
  'test/db/answer-templates.test.ts',
  'test/db/appointments.test.ts',
  'test/db/calendar-arrangement.test.ts',
  'test/db/callback-queue.test.ts',
  'test/db/callback-reveal.test.ts',
  'test/db/case-file-findings.test.ts',
  'test/db/case-file-sections.test.ts',
  'test/db/case-file-subject.test.ts',
  'test/db/contacts.test.ts',
  'test/db/corrections.test.ts',
  'test/db/deadlines.test.ts',
  'test/db/directory-merge.test.ts',
  'test/db/export-audit.test.ts',
  'test/db/export-contract.test.ts',
  'test/db/export-csv.test.ts',
  'test/db/export-month.test.ts',
  'test/db/export-office.test.ts',
  'test/db/export-year.test.ts',
  'test/db/extensions.test.ts',
  'test/db/figures-edges.test.ts',
  'test/db/figures.test.ts',
  'test/db/import-undo.test.ts',
  'test/db/import.test.ts',
  'test/db/issue-source.test.ts',
  'test/db/import-roundtrip.test.ts',
  'test/db/issue-lifecycle.test.ts',
  'test/db/month-close.test.ts',
  'test/db/operators.test.ts',
  'test/db/petition-clocks.test.ts',
  'test/db/petition-figures.test.ts',
  'test/db/petition-procedure.test.ts',
  'test/db/record-versions.test.ts',
  'test/db/report.test.ts',
  'test/db/search.test.ts',
  'test/db/session-rules.test.ts',
  'test/db/sessions.test.ts',
  'test/db/submission-token.test.ts',
  'test/db/visit-date-rule.test.ts',
  'test/db/visits.test.ts',
  'test/db/voids.test.ts',
  'test/electron/fuzz.test.ts',
]

// Lives under test/ to keep the top level to the design card's list; the root is the project.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on a two-core CI machine. The tests
    // spend much of their time waiting on Chromium, PostgreSQL, child processes and fsync, so two
    // files at a time finish the suite in about 14 minutes there rather than 23.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'ledger', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/server/**'] } },
      // A browser test that fails once on a loaded CI machine gets one more go; one that fails
      // twice fails the run, and the first failure still prints what was on screen (support/browser.ts).
      { extends: true, test: { name: 'screens', include: ['test/e2e/**/*.test.ts'], retry: 1 } },
      // One PostgreSQL server for the project (started and removed by its global set-up); the
      // server's own tests (test/server/) and the suites above, each test in a fresh database.
      {
        extends: true,
        test: {
          name: 'pg',
          include: ['test/server/**/*.test.ts', ...BOTH_ENGINES],
          globalSetup: ['test/support/pg-global-setup.ts'],
          env: { LEDGER_TEST_ENGINE: 'pg' },
        },
      },
    ],
  },
})
