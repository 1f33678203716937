// Verdicts a user can trust (issue 11): what the mock server says about real HTTP requests,
// through the public API (a pact, a running server, `matched()` and `mismatches()`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import helpers from './helpers.cjs'

const { Pact } = helpers.lib

/** A V4 pact of one interaction, with the request (and its raw matching rules) as given. */
function v4Pact(request, matchingRules) {
  return Pact.fromJson({
    consumer: { name: 'verdicts-web' },
    provider: { name: 'verdicts-api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'the request',
        request: { method: 'POST', path: '/', ...request, ...(matchingRules ? { matchingRules } : {}) },
        response: { status: 200 },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  })
}

/** Sends one raw HTTP/1.1 request (head lines, then the body bytes); resolves with the status. */
function sendRaw(port, lines, body = Buffer.alloc(0), method = 'POST') {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
    })
    socket.on('end', () => resolve(Number(received.split(' ')[1])))
    socket.on('error', reject)
    const head = [`${method} / HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...lines].join('\r\n')
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]))
  })
}

/** Runs `send(server)` against a server of `pact`; returns the inner mismatches. */
async function verdict(pact, send) {
  const server = pact.startMockServer()
  try {
    const sent = await send(server)
    // The mock server's reply to a request it refused (a fetch Response), as text.
    const reply = sent instanceof Response ? await sent.text() : undefined
    const results = server.mismatches()
    return { matched: server.matched(), results, mismatches: results.flatMap((r) => r.mismatches ?? []), logs: server.logs(), reply }
  } finally {
    server.cleanup()
  }
}

const rule = (matcher) => ({ combine: 'AND', matchers: [matcher] })

test('repeated header lines: each value is checked by the header rule', async () => {
  const pact = () => v4Pact({ method: 'GET', headers: { 'X-Test': ['1000'] } }, { header: { 'X-Test': rule({ match: 'regex', regex: '\\d{1,4}' }) } })
  // Raw HTTP, so that the values go as separate header lines (fetch would join them).
  const sendGet = (values) => (server) => sendRaw(server.port, values.map((v) => `X-Test: ${v}`), undefined, 'GET')
  for (const values of [['1000', '1234', '9999'], ['1000, 1234, 9999']]) {
    const result = await verdict(pact(), sendGet(values))
    assert.equal(result.matched, true, JSON.stringify(result.results))
  }
  for (const values of [['1000', '1234', '9999ABC'], ['1000, 1234, 9999ABC']]) {
    const result = await verdict(pact(), sendGet(values))
    assert.equal(result.matched, false)
    assert.equal(result.mismatches.length, 1, JSON.stringify(result.mismatches))
    const [m] = result.mismatches
    assert.equal(m.type, 'HeaderMismatch')
    assert.equal(m.actual, '9999ABC')
    assert.ok(m.mismatch.includes("Expected '9999ABC' to match '\\d{1,4}'"), m.mismatch)
  }
})

const json = (value) => ({ content: value, contentType: 'application/json', encoded: false })
const postJson = (body) => (server) =>
  fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

test('eachKey alone constrains the keys, not the values', async () => {
  const pact = () =>
    v4Pact(
      { headers: { 'Content-Type': ['application/json'] }, body: json({ one: 'a', two: 'b' }) },
      { body: { $: rule({ match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }], value: '' }) } },
    )
  const ok = await verdict(pact(), postJson({ one: 'a', two: 'b', three: 'c', four: 'd' }))
  assert.equal(ok.matched, true, JSON.stringify(ok.results))
  const bad = await verdict(pact(), postJson({ one: 'a', 100: 'c' }))
  assert.deepEqual(
    bad.mismatches.map(({ path, mismatch }) => ({ path, mismatch })),
    [{ path: "$['100']", mismatch: "Expected '100' to match '[a-z]+'" }],
  )
})

test('notEmpty keeps the type of a container', async () => {
  const pact = v4Pact(
    { headers: { 'Content-Type': ['application/json'] }, body: json({ one: 'a', two: ['b'] }) },
    { body: { '$.two': rule({ match: 'notEmpty' }) } },
  )
  const result = await verdict(pact, postJson({ one: 'a', two: 'b' }))
  assert.deepEqual(
    result.mismatches.map(({ path, mismatch }) => ({ path, mismatch })),
    [{ path: '$.two', mismatch: 'Type mismatch: Expected \'b\' (String) to be the same type as ["b"] (Array)' }],
  )
})

test('an empty body with a content type is present, and notEmpty says it is empty', async () => {
  const pact = () =>
    v4Pact(
      {
        headers: { 'Content-Type': ['application/octet-stream'] },
        body: { content: Buffer.from([1, 2, 3, 255]).toString('base64'), contentType: 'application/octet-stream', encoded: 'base64' },
      },
      { body: { $: rule({ match: 'notEmpty' }) } },
    )
  const viaFetch = (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(0) })
  const viaRaw = (server) => sendRaw(server.port, ['Content-Type: application/octet-stream', 'Content-Length: 0'])
  // A content type without Content-Length (curl -X POST -H 'Content-Type: ...') announces a body too.
  const viaRawUnframed = (server) => sendRaw(server.port, ['Content-Type: application/octet-stream'])
  for (const send of [viaFetch, viaRaw, viaRawUnframed]) {
    const result = await verdict(pact(), send)
    assert.deepEqual(
      result.mismatches.map(({ path, mismatch }) => ({ path, mismatch })),
      [{ path: '$', mismatch: 'Expected [] (0 bytes) to not be empty' }],
    )
  }
  const full = await verdict(pact(), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array([7]) }))
  assert.equal(full.matched, true, JSON.stringify(full.results))
})

test('multipart/mixed: unnamed parts pair by position, base64 parts are decoded', async () => {
  const body = Buffer.concat([
    Buffer.from('--Mix\r\nContent-Type: text/plain\r\n\r\nhello\r\n'),
    Buffer.from('--Mix\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC/w==\r\n'),
    Buffer.from('--Mix--\r\n'),
  ])
  const ct = 'multipart/mixed; boundary=Mix'
  const pact = () =>
    v4Pact({ headers: { 'Content-Type': [ct] }, body: { content: body.toString('base64'), contentType: ct, encoded: 'base64' } })
  const same = await verdict(pact(), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': ct }, body }))
  assert.equal(same.matched, true, JSON.stringify(same.results))
  // The same bytes sent without a transfer encoding are the same part.
  const raw = Buffer.concat([
    Buffer.from('--Mix\r\nContent-Type: text/plain\r\n\r\nhello\r\n'),
    Buffer.from('--Mix\r\nContent-Type: application/octet-stream\r\n\r\n'),
    Buffer.from([0, 1, 2, 255]),
    Buffer.from('\r\n--Mix--\r\n'),
  ])
  const decoded = await verdict(pact(), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': ct }, body: raw }))
  assert.equal(decoded.matched, true, JSON.stringify(decoded.results))
})

test('an expected null body without a content type matches an absent, empty or null body', async () => {
  const pact = Pact.fromJson({
    consumer: { name: 'verdicts-web' },
    provider: { name: 'verdicts-api' },
    interactions: [{ description: 'null body', request: { method: 'POST', path: '/', body: null }, response: { status: 200 } }],
    metadata: { pactSpecification: { version: '3.0.0' } },
  })
  const result = await verdict(pact, async (server) => {
    assert.equal(await sendRaw(server.port, []), 200)
    assert.equal(await sendRaw(server.port, ['Content-Length: 0']), 200)
    assert.equal(await sendRaw(server.port, ['Content-Type: application/json', 'Content-Length: 4'], Buffer.from('null')), 200)
  })
  assert.equal(result.matched, true, JSON.stringify(result.results))
})

/** Bytes that start like a JPEG, `n` of them. */
function jpeg(n, seed) {
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = (i * seed + 7) & 0xff
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}

const binaryBody = (bytes, contentType) => ({ content: bytes.toString('base64'), contentType, encoded: 'base64' })

test('messages word for word as the reference: forms, lists, sorted keys, binary bodies', async () => {
  const form = 'application/x-www-form-urlencoded'
  const formPact = v4Pact({ headers: { 'Content-Type': [form] }, body: { content: 'a=1&c=3', contentType: form, encoded: false } })
  const formResult = await verdict(formPact, (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': form }, body: 'a=1&c=33' }))
  assert.deepEqual(
    formResult.mismatches.map(({ path, expected, actual, mismatch }) => ({ path, expected, actual, mismatch })),
    [{ path: '$.c', expected: '3', actual: '33', mismatch: "Expected form post parameter 'c' with value '3' but was '33'" }],
  )

  const listPact = v4Pact(
    { headers: { 'Content-Type': ['application/json'] }, body: json({ l: [1], list: [{ zeta: 1, alpha: 'b' }] }) },
    {
      body: {
        '$.l': rule({ match: 'type', max: 2 }),
        '$.list': rule({ match: 'arrayContains', variants: [{ index: 0, rules: {} }] }),
      },
    },
  )
  const listResult = await verdict(listPact, postJson({ l: [1, 2, 3], list: [{ zeta: 2 }] }))
  assert.deepEqual(listResult.mismatches.map((m) => m.mismatch).sort(), [
    'Expected [1, 2, 3] (size 3) to have maximum size of 2',
    'Variant at index 0 ({"alpha":"b","zeta":1}) was not found in the actual list',
  ])

  const expected = jpeg(28058, 31)
  const actual = jpeg(30922, 17)
  const imagePact = v4Pact({ headers: { 'Content-Type': ['image/jpeg'] }, body: binaryBody(expected, 'image/jpeg') })
  const imageResult = await verdict(imagePact, (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: actual }))
  assert.deepEqual(
    imageResult.mismatches.map((m) => m.mismatch),
    [
      `Actual body [image/jpeg, 30922 bytes, starting with ${actual.subarray(0, 32).toString('hex')}] is not equal to the expected body [image/jpeg, 28058 bytes, starting with ${expected.subarray(0, 32).toString('hex')}]`,
    ],
  )
})

test('a binary body is summarised, never written out as text', async () => {
  const image = jpeg(28058, 31)
  const summary = `[image/jpeg, 28058 bytes, starting with ${image.subarray(0, 32).toString('hex')}]`
  const pact = () => v4Pact({ body: binaryBody(image, 'image/jpeg') })
  const checks = [
    // An empty request, then an image where JSON or text was expected.
    [pact(), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: new Uint8Array(0) })],
    [pact(), (server) => sendRaw(server.port, [])],
    [v4Pact({ body: json({ a: 1 }) }), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: image })],
    [v4Pact({ body: json({ a: 1 }) }), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: image })],
    [v4Pact({ body: { content: 'hi', contentType: 'text/plain', encoded: false } }), (server) => fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: image })],
  ]
  for (const [i, [p, send]] of checks.entries()) {
    const result = await verdict(p, send)
    const body = result.mismatches.filter((m) => m.type.startsWith('Body'))
    assert.ok(body.length > 0, `check ${i}: ${JSON.stringify(result.results).slice(0, 500)}`)
    const text = JSON.stringify(body)
    assert.ok(text.length < 2000, `check ${i}: ${text.length} characters: ${text.slice(0, 300)}`)
    assert.ok(!text.includes('\ufffd'), `check ${i}: ${text.slice(0, 300)}`)
    assert.ok(text.includes('28058 bytes'), `check ${i}: ${text}`)
    if (i === 0) assert.ok(result.logs.includes(`Expected body ${summary} but was empty`), result.logs)
    assert.ok(!result.logs.includes('\ufffd') && result.logs.length < 4000, `check ${i}: the log has the bytes`)
    if (result.reply !== undefined) {
      assert.ok(!result.reply.includes('\ufffd') && result.reply.length < 4000, `check ${i}: the reply has the bytes`)
    }
  }
  const empty = await verdict(pact(), checks[0][1])
  assert.deepEqual(
    empty.mismatches.map(({ expected, mismatch }) => ({ expected, mismatch })),
    [{ expected: summary, mismatch: `Expected body ${summary} but was empty` }],
  )
})
