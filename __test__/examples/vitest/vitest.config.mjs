// Vitest 3 as users configure it for a native addon: forked processes, not worker threads.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.spec.mjs', '*.spec.ts'],
    pool: 'forks',
    testTimeout: 30000,
  },
})
