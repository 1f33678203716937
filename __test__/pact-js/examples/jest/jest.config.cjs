// Jest as pact-js users configure it (node environment), over consumer tests that import
// pact-mock-server-ffi/pact-js; TypeScript through a one-file transform (ts-transform.cjs).
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.pact.spec.cjs', '<rootDir>/*.pact.spec.ts'],
  transform: { '\\.ts$': '<rootDir>/ts-transform.cjs' },
  maxWorkers: 2,
  testTimeout: 30000,
}
