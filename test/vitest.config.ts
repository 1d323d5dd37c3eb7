import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Lives under test/ to keep the top level to the design card's list; the root is the project.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'ledger', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
      // A browser test that fails once on a loaded CI machine gets one more go; one that fails
      // twice fails the run, and the first failure still prints what was on screen (support/browser.ts).
      { extends: true, test: { name: 'screens', include: ['test/e2e/**/*.test.ts'], retry: 1 } },
    ],
  },
})
