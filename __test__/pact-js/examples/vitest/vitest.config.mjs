// Vitest as pact-js users configure it (forked processes), over consumer tests that import
// pact-mock-server-ffi/pact-js, and one left importing '@pact-foundation/pact' that the
// alias below sends to the drop-in.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@pact-foundation/pact': 'pact-mock-server-ffi/pact-js' } },
  test: {
    root: import.meta.dirname,
    include: ['*.pact.spec.mjs', '*.pact.spec.ts'],
    pool: 'forks',
    testTimeout: 30000,
  },
})
