// Misuse throws a JS Error with a stable code and a message that says what to fix.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import helpers from './helpers.cjs'

const { Pact, Matchers, createMockServer, mockServerMismatches, writePactFile, setLogLevel } = helpers.lib

test('bad pact JSON names the problem', () => {
  const notJson = helpers.thrown(() => Pact.fromJson('{"consumer": '))
  assert.ok(notJson instanceof Error)
  assert.equal(notJson.code, 'INVALID_PACT_JSON')
  assert.match(notJson.message, /not valid JSON/)
  const wrongShape = helpers.thrown(() => Pact.fromJson({ consumer: 'me' }))
  assert.equal(wrongShape.code, 'INVALID_PACT_JSON')
  assert.match(wrongShape.message, /consumer/)
  assert.equal(helpers.thrown(() => createMockServer('[]')).code, 'INVALID_PACT_JSON')
})

test('an unknown specification version', () => {
  const e = helpers.thrown(() => new Pact('a', 'b', { specification: 'V5' }))
  assert.equal(e.code, 'INVALID_SPEC_VERSION')
  assert.match(e.message, /V5/)
  assert.match(e.message, /V1, V1_1, V2, V3, V4/)
  assert.equal(helpers.thrown(() => new Pact('a', 'b').withSpecification('4.1x')).code, 'INVALID_SPEC_VERSION')
})

test('an invalid regex, in a matcher or inside a body', () => {
  const e = helpers.thrown(() => Matchers.regex('(unclosed', 'x'))
  assert.equal(e.code, 'INVALID_REGEX')
  const pact = new Pact('a', 'b')
  const bad = { 'pact:matcher:type': 'regex', regex: '[z-a]', value: 'q' }
  const inBody = helpers.thrown(() => pact.newInteraction('x').withRequest('POST', '/').withBody({ field: bad }))
  assert.equal(inBody.code, 'INVALID_REGEX')
  assert.match(inBody.message, /\$\.field/)
})

test('an unknown matcher type in a body', () => {
  const pact = new Pact('a', 'b')
  const e = helpers.thrown(() =>
    pact.newInteraction('x').withRequest('POST', '/').withBody({ f: { 'pact:matcher:type': 'sparkly', value: 1 } }),
  )
  assert.equal(e.code, 'UNKNOWN_MATCHER')
  assert.match(e.message, /sparkly/)
})

test('a busy port', async () => {
  const blocker = net.createServer()
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  const port = blocker.address().port
  try {
    const pact = new Pact('a', 'b')
    const e = helpers.thrown(() => pact.startMockServer({ port }))
    assert.equal(e.code, 'PORT_IN_USE')
    assert.match(e.message, new RegExp(String(port)))
    await assert.rejects(pact.executeTest(() => 1, { port }), (err) => err.code === 'PORT_IN_USE')
  } finally {
    blocker.close()
  }
})

test('a port out of range and a bad host', () => {
  const pact = new Pact('a', 'b')
  assert.equal(helpers.thrown(() => pact.startMockServer({ port: 70000 })).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => pact.startMockServer({ host: 'no such host!' })).code, 'INVALID_ADDRESS')
})

test('no server on a port', () => {
  assert.equal(helpers.thrown(() => mockServerMismatches(1)).code, 'NO_SUCH_SERVER')
  assert.equal(helpers.thrown(() => writePactFile(1)).code, 'NO_SUCH_SERVER')
})

test('wrong argument types and values', () => {
  assert.equal(helpers.thrown(() => setLogLevel('loud')).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => new Pact('', 'b')).code, 'INVALID_ARGUMENT')
  const i = new Pact('a', 'b').newInteraction('x')
  assert.equal(helpers.thrown(() => i.given('s', 5)).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => i.withBody(undefined)).code, 'INVALID_ARGUMENT')
})
