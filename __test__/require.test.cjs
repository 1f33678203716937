// CommonJS users: require() gives every export.
'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')

test('require() exposes the API', () => {
  const lib = require('..')
  for (const name of ['Pact', 'Interaction', 'MockServer']) assert.equal(typeof lib[name], 'function', name)
  for (const name of [
    'init', 'setLogLevel', 'createMockServer', 'createMockServerForPact', 'mockServerMatched',
    'mockServerMismatches', 'cleanupMockServer', 'writePactFile',
  ]) assert.equal(typeof lib[name], 'function', name)
  assert.equal(typeof lib.Matchers.like, 'function')
  assert.equal(new lib.Pact('a', 'b').interactions, 0)
})

test('the package resolves by its own name', () => {
  assert.equal(require('pact-mock-server-ffi'), require('..'))
})
