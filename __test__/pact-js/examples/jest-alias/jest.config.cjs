// The other way to switch: the tests keep importing '@pact-foundation/pact' and Jest maps
// that import to pact-mock-server-ffi/pact-js.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.pact.spec.cjs'],
  moduleNameMapper: { '^@pact-foundation/pact$': 'pact-mock-server-ffi/pact-js' },
  testTimeout: 30000,
}
