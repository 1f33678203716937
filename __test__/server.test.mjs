// Mock server lifecycle through the public API: start, requests, results, pact files, cleanup.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { createRequire } from 'node:module'
import helpers from './helpers.cjs'

const lib = helpers.lib
const { Pact, Matchers } = lib
const require = createRequire(import.meta.url)

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

/** Sends raw HTTP/1.1 requests on one connection; resolves once every response has arrived. */
function sendRaw(port, requests) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk
      if ((received.match(/HTTP\/1\.1 /g) ?? []).length === requests.length) {
        socket.end()
        resolve()
      }
    })
    socket.on('error', reject)
    socket.write(requests.join(''))
  })
}

test('mismatches() after many unmatched requests: same entries as the JSON text, each its own objects', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('create').withRequest('POST', '/users').withHeader('X-Version', '2').willRespondWith(201)
  pact.newInteraction('get user').withRequest('GET', '/users/1').willRespondWith(200)
  const server = pact.startMockServer()
  try {
    const host = `Host: 127.0.0.1:${server.port}\r\n`
    const body = '{"a":[1,2]}'
    const post = `POST /nothing HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`
    await sendRaw(server.port, [
      `GET /miss?x=1&x=2 HTTP/1.1\r\n${host}Accept: text/plain\r\n\r\n`,
      `GET /miss?x=1&x=2 HTTP/1.1\r\n${host}Accept: text/plain\r\n\r\n`,
      `POST /users HTTP/1.1\r\n${host}X-Version: 3\r\nContent-Length: 0\r\n\r\n`,
      `GET /caf%C3%A9/%F0%9F%98%80 HTTP/1.1\r\n${host}\r\n`,
      `GET /proto HTTP/1.1\r\n${host}__proto__: polluted\r\n\r\n`,
      post,
      post,
    ])
    const mismatches = server.mismatches()
    assert.deepEqual(
      mismatches.map((m) => `${m.type} ${m.method} ${m.path}`),
      [
        'request-not-found GET /miss',
        'request-not-found GET /miss',
        'request-mismatch POST /users',
        'request-not-found GET /café/😀',
        'request-not-found GET /proto',
        'request-not-found POST /nothing',
        'request-not-found POST /nothing',
        'missing-request GET /users/1',
      ],
    )
    // Same entries, same order of members, as the JSON text of the port-keyed function.
    assert.equal(JSON.stringify(mismatches), lib.mockServerMismatches(server.port))
    assert.deepEqual(mismatches[0].request.query, { x: ['1', '2'] })
    assert.deepEqual(mismatches[6].request.body, { a: [1, 2] })
    // Identical requests still get objects of their own, as JSON.parse would give them.
    mismatches[5].request.body.a.push(3)
    mismatches[0].request.headers.accept = 'changed'
    assert.deepEqual(mismatches[6].request.body, { a: [1, 2] })
    assert.equal(mismatches[1].request.headers.accept, 'text/plain')
    // A header named __proto__ is a member, not a prototype.
    const headers = mismatches[4].request.headers
    assert.equal(Object.getPrototypeOf(headers), Object.prototype)
    assert.equal(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value, 'polluted')
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

test('a fixed port: 100 back-to-back start, keep-alive fetch, cleanup cycles all succeed', async () => {
  // The global fetch pools keep-alive connections per origin: the next cycle's request must
  // not land on the stopped server's connection, so cleanup closes it before returning.
  const probe = net.createServer()
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = probe.address().port
  await new Promise((resolve) => probe.close(resolve))
  const failures = []
  for (let i = 0; i < 100; i++) {
    const server = usersPact().startMockServer({ port })
    try {
      const res = await fetch(`${server.url}/users/1`)
      assert.equal(res.status, 200)
      await res.json()
      assert.equal(server.matched(), true)
    } catch (e) {
      failures.push(`cycle ${i}: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`)
    } finally {
      server.cleanup()
    }
  }
  assert.deepEqual(failures, [])
})

test("a regex with look-around and a backreference (pact-js's ISO8601_DATE_FORMAT) matches", async () => {
  const { ISO8601_DATE_FORMAT } = require('@pact-foundation/pact/src/dsl/matchers.js')
  assert.match(ISO8601_DATE_FORMAT, /\(\?!/)
  assert.match(ISO8601_DATE_FORMAT, /\\3/)
  const pact = new Pact('web', 'events')
  pact
    .newInteraction('events on a date')
    .withRequest('POST', '/events')
    .withQueryParameter('on', Matchers.regex(ISO8601_DATE_FORMAT, '2013-02-01'))
    .withBody({ day: Matchers.regex(ISO8601_DATE_FORMAT, '2013-02-01') })
    .willRespondWith(200)
    .withResponseBody({ day: Matchers.regex(ISO8601_DATE_FORMAT, '2013-02-01') })
  const server = pact.startMockServer()
  try {
    const post = (on, day) =>
      fetch(`${server.url}/events?on=${on}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ day }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }))
    const ok = await post('2024-12-31', '2024-W05-3')
    assert.equal(ok.status, 200, ok.body)
    assert.deepEqual(JSON.parse(ok.body), { day: '2013-02-01' })
    assert.equal(server.matched(), true)
    // `\3` ties the separators together: one dash without the other does not match.
    const bad = await post('2024-1231', '202412')
    assert.equal(bad.status, 500)
    const mismatch = server.mismatches().find((m) => m.type === 'request-mismatch')
    assert.deepEqual(mismatch.mismatches.map((m) => m.type).sort(), ['BodyMismatch', 'QueryMismatch'], JSON.stringify(mismatch))
  } finally {
    server.cleanup()
  }
})

test('withMultipartBody: an upload with its own boundary and file matches; a part of another type does not', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255])
  const pact = new Pact('web', 'uploads')
  pact
    .newInteraction('an upload')
    .withRequest('POST', '/upload')
    .withMultipartBody('request', 'image/png', png, 'file', undefined, 'upload.png')
    .willRespondWith(201)
  const server = pact.startMockServer()
  try {
    const upload = (bytes, type) => {
      const form = new FormData()
      form.append('file', new Blob([bytes], { type }), 'photo.png')
      return fetch(`${server.url}/upload`, { method: 'POST', body: form })
    }
    assert.equal((await upload(Buffer.concat([png.subarray(0, 8), Buffer.from([7, 7])]), 'image/png')).status, 201)
    assert.equal(server.matched(), true)
    assert.equal((await upload(Buffer.from('just text'), 'text/plain')).status, 500)
    const mismatch = server.mismatches().find((m) => m.type === 'request-mismatch')
    assert.ok(mismatch.mismatches.some((m) => m.type === 'BodyMismatch' && m.path === '$.file'), JSON.stringify(mismatch))
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
