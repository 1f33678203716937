// Jest as users configure it for Pact: node environment, several workers.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.spec.cjs'],
  maxWorkers: 3,
  testTimeout: 30000,
}
