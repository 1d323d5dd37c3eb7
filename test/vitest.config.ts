import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Lives under test/ to keep the top level to the design card's list; the root is the project.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
