// What a failed test says: the closest interaction explains a wrong request, and a CORS
// pre-flight that nobody answered is named in the report.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import helpers from './helpers.cjs'

const { Pact, Matchers } = helpers.lib

function usersPact() {
  const pact = new Pact('web', 'users')
  pact
    .newInteraction('create a user')
    .withRequest('POST', '/users')
    .withHeader('Content-Type', 'application/json')
    .withBody({ name: 'Ada', age: 36, admin: false })
    .willRespondWith(201)
  pact
    .newInteraction('search users')
    .withRequest('GET', '/users')
    .withQueryParameter('name', 'Ada')
    .willRespondWith(200)
  return pact
}

test('a request with the method and path of an interaction is reported against it, whatever shares the path', async () => {
  const pact = usersPact()
  const error = await pact
    .executeTest(async (server) => {
      await fetch(`${server.url}/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Bob', age: '36', admin: 'no' }),
      })
      await fetch(`${server.url}/users?name=Ada`)
    }, { dir: helpers.tempDir() })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.equal(error.code, 'PACT_MISMATCH')
  assert.deepEqual(error.mismatches.map((m) => m.type), ['request-mismatch'])
  const [result] = error.mismatches
  assert.equal(result.method, 'POST')
  assert.deepEqual(result.mismatches.map((m) => m.path).sort(), ['$.admin', '$.age', '$.name'])
  assert.match(error.message, /The following request was incorrect:\n\t +POST \/users/)
  assert.match(error.message, /Body at \$\.name: .*'Bob'/)
  assert.doesNotMatch(error.message, /was not expected|expected but not received/)
})

test('among interactions with the same method and path, the one with the fewest mismatches explains the request', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('create Ada').withRequest('POST', '/users').withBody({ name: 'Ada', age: 36, admin: true }).willRespondWith(201)
  pact.newInteraction('create Bob').withRequest('POST', '/users').withBody({ name: 'Bob', age: 40, admin: false }).willRespondWith(201)
  const server = pact.startMockServer()
  try {
    const res = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Bob', age: 41, admin: false }),
    })
    assert.equal(res.status, 500)
    const [result] = server.mismatches()
    assert.equal(result.type, 'request-mismatch')
    assert.deepEqual(result.mismatches.map((m) => m.path), ['$.age'])
  } finally {
    server.cleanup()
  }
})

test('a request whose path no interaction has is still not found, with the closest interaction named in the reply', async () => {
  const server = usersPact().startMockServer()
  try {
    const res = await fetch(`${server.url}/user`, { method: 'POST' })
    assert.equal(res.status, 500)
    const body = await res.json()
    assert.match(body.error, /closest interaction 'create a user'/)
    assert.equal(server.mismatches()[0].type, 'request-not-found')
  } finally {
    server.cleanup()
  }
})

async function preflight(server, origin) {
  return fetch(`${server.url}/users`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  })
}

test('a CORS pre-flight while cors is off is named in the failure report, with what to do', async () => {
  const pact = usersPact()
  const error = await pact
    .executeTest(async (server) => {
      const res = await preflight(server, 'http://localhost:3000')
      assert.notEqual(res.status, 204, 'not answered as a pre-flight')
    }, { dir: helpers.tempDir() })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.match(error.message, /OPTIONS \/users from origin http:\/\/localhost:3000, asking to send POST/)
  assert.match(error.message, /`cors: true`/)
  // The pre-flight is no mismatch of its own: the requests that never came are.
  assert.deepEqual(error.mismatches.map((m) => m.type), ['missing-request', 'missing-request'])
})

test('with cors on, a pre-flight is answered and not reported', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('create').withRequest('POST', '/users').withBody({ name: Matchers.string('Ada') }).willRespondWith(201)
  await pact.executeTest(async (server) => {
    const res = await preflight(server, 'http://localhost:3000')
    assert.equal(res.status, 204)
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:3000')
    await fetch(`${server.url}/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Bob"}' })
  }, { dir: helpers.tempDir(), cors: true })
})

test('failureReport() of a server that matched says nothing is wrong only when nothing is', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('list').withRequest('GET', '/users').willRespondWith(200)
  const server = pact.startMockServer()
  try {
    assert.match(server.failureReport(), /expected but not received/)
    await fetch(`${server.url}/users`)
    assert.equal(server.matched(), true)
    assert.doesNotMatch(server.failureReport(), /\d\) /)
  } finally {
    server.cleanup()
  }
})
