// Mock server lifecycle through the public API: start, requests, results, pact files, cleanup.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import helpers from './helpers.cjs'

const lib = helpers.lib
const { Pact } = lib

function usersPact() {
  const pact = new Pact('web', 'users')
  pact
    .newInteraction('get user')
    .withRequest('GET', '/users/1')
    .willRespondWith(200)
    .withResponseBody({ id: 1, name: 'Ada' })
  return pact
}

test('start on port 0, answer a request, report matched', async () => {
  const server = usersPact().startMockServer({ port: 0 })
  try {
    assert.ok(server.port > 0)
    assert.equal(server.url, `http://127.0.0.1:${server.port}`)
    assert.equal(server.matched(), false, 'nothing received yet')
    assert.equal(server.mismatches()[0].type, 'missing-request')
    const res = await fetch(`${server.url}/users/1`)
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { id: 1, name: 'Ada' })
    assert.equal(server.matched(), true)
    assert.deepEqual(server.mismatches(), [])
    assert.equal(typeof server.logs(), 'string')
  } finally {
    server.cleanup()
  }
})

test('mismatch shapes: request-not-found and missing-request', async () => {
  const server = usersPact().startMockServer()
  try {
    const res = await fetch(`${server.url}/other`, { method: 'DELETE' })
    assert.equal(res.status, 500)
    const mismatches = server.mismatches()
    assert.equal(server.matched(), false)
    const notFound = mismatches.find((m) => m.type === 'request-not-found')
    assert.deepEqual({ method: notFound.method, path: notFound.path }, { method: 'DELETE', path: '/other' })
    assert.equal(notFound.request.method, 'DELETE')
    const missing = mismatches.find((m) => m.type === 'missing-request')
    assert.deepEqual({ method: missing.method, path: missing.path }, { method: 'GET', path: '/users/1' })
    assert.deepEqual(JSON.parse(lib.mockServerMismatches(server.port)), mismatches)
  } finally {
    server.cleanup()
  }
})

test('request-mismatch carries the inner mismatches', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('create').withRequest('POST', '/users').withHeader('X-Version', '2').withBody({ name: 'Ada' }).willRespondWith(201)
  const server = pact.startMockServer()
  try {
    await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Version': '3' },
      body: JSON.stringify({ name: 'Bob' }),
    })
    const [result] = server.mismatches()
    assert.equal(result.type, 'request-mismatch')
    assert.equal(result.method, 'POST')
    assert.equal(result.path, '/users')
    const types = result.mismatches.map((m) => m.type).sort()
    assert.deepEqual(types, ['BodyMismatch', 'HeaderMismatch'])
    const body = result.mismatches.find((m) => m.type === 'BodyMismatch')
    assert.equal(body.path, '$.name')
    assert.equal(typeof body.mismatch, 'string')
    const header = result.mismatches.find((m) => m.type === 'HeaderMismatch')
    assert.equal(header.key.toLowerCase(), 'x-version')
  } finally {
    server.cleanup()
  }
})

test('writePactFile merges by default and overwrites when asked', async () => {
  const dir = helpers.tempDir()
  const first = usersPact()
  const s1 = first.startMockServer()
  await fetch(`${s1.url}/users/1`)
  s1.writePactFile(dir)
  s1.cleanup()

  const second = new Pact('web', 'users')
  second.newInteraction('list users').withRequest('GET', '/users').willRespondWith(200)
  const s2 = second.startMockServer()
  await fetch(`${s2.url}/users`)
  s2.writePactFile(dir)
  assert.deepEqual(helpers.readPact(dir, 'web', 'users').interactions.map((i) => i.description).sort(), ['get user', 'list users'])

  s2.writePactFile(dir, { overwrite: true })
  assert.deepEqual(helpers.readPact(dir, 'web', 'users').interactions.map((i) => i.description), ['list users'])

  lib.writePactFile(s2.port, dir, false)
  assert.equal(helpers.readPact(dir, 'web', 'users').interactions.length, 1)
  s2.cleanup()
})

test('cleanup frees the port; a second cleanup is harmless', async () => {
  const server = usersPact().startMockServer()
  const port = server.port
  assert.equal(await helpers.portIsFree(port), false)
  assert.equal(server.cleanup(), true)
  assert.equal(await helpers.portIsFree(port), true)
  assert.equal(server.cleanup(), false)
  assert.equal(lib.cleanupMockServer(port), false)
  assert.equal(lib.mockServerMatched(port), false)
})

test('port-keyed functions: createMockServer, matched, mismatches, cleanup', async () => {
  const port = lib.createMockServer(JSON.stringify(usersPact().toJson()), 0)
  assert.ok(port > 0)
  assert.equal(lib.mockServerMatched(port), false)
  await fetch(`http://127.0.0.1:${port}/users/1`)
  assert.equal(lib.mockServerMatched(port), true)
  assert.equal(lib.mockServerMismatches(port), '[]')
  assert.equal(lib.cleanupMockServer(port), true)
  assert.equal(lib.cleanupMockServer(port), false)
  assert.equal(await helpers.portIsFree(port), true)

  const p2 = lib.createMockServerForPact(usersPact(), undefined, { port: 0 })
  assert.ok(p2 > 0)
  assert.equal(lib.cleanupMockServer(p2), true)
})

test('a fixed port is honoured', async () => {
  const probe = net.createServer()
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = probe.address().port
  await new Promise((resolve) => probe.close(resolve))
  const server = usersPact().startMockServer({ port })
  try {
    assert.equal(server.port, port)
  } finally {
    server.cleanup()
  }
})

test('CORS pre-flight is answered when cors is on', async () => {
  const server = usersPact().startMockServer({ cors: true })
  try {
    const res = await fetch(`${server.url}/users/1`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'GET' },
    })
    assert.ok(res.status < 300, `status ${res.status}`)
    assert.ok(res.headers.get('access-control-allow-origin'))
  } finally {
    server.cleanup()
  }
})

test('tls: true serves HTTPS with a self-signed certificate', async () => {
  const https = await import('node:https')
  const server = usersPact().startMockServer({ tls: true })
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
    const { status, body } = await new Promise((resolve, reject) => {
      https
        .get(`${server.url}/users/1`, { rejectUnauthorized: false }, (res) => {
          let data = ''
          res.on('data', (d) => (data += d))
          res.on('end', () => resolve({ status: res.statusCode, body: data }))
        })
        .on('error', reject)
    })
    assert.equal(status, 200)
    assert.deepEqual(JSON.parse(body), { id: 1, name: 'Ada' })
    assert.equal(server.matched(), true)
  } finally {
    server.cleanup()
  }
})
