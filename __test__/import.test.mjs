// ES module users: default and named imports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import lib, { Pact, Matchers, createMockServer } from 'pact-mock-server-ffi'

test('import gives named and default exports', () => {
  assert.equal(typeof Pact, 'function')
  assert.equal(typeof createMockServer, 'function')
  assert.deepEqual(Matchers.like(1), { 'pact:matcher:type': 'type', value: 1 })
  assert.equal(lib.Pact, Pact)
})
