// pact-js's own spec files of its consumer API (shipped compiled in @pact-foundation/pact/src),
// run as pact-js runs them (Vitest globals), in processes that load ./hook.cjs.
import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname, '..', '..', '..')

export default defineConfig({
  test: {
    root: path.join(root, 'node_modules', '@pact-foundation', 'pact', 'src'),
    include: [
      'v3/matchers.spec.js',
      'dsl/matchers.spec.js',
      'dsl/interaction.spec.js',
      'dsl/graphql.spec.js',
      'dsl/apolloGraphql.spec.js',
      'xml/xmlElement.spec.js',
      'messageConsumerPact.spec.js',
      'pact.integration.spec.js',
    ],
    exclude: [],
    globals: true,
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--require', path.join(import.meta.dirname, 'hook.cjs')] } },
    testTimeout: 30000,
  },
})
