// The pact files written where they are laid out differently from pact-js's (the main API's
// status rule, a multipart body written as text, generators and XML rules in a V3 file) are
// read as meant by pact-reference's verifier (@pact-foundation/pact's Verifier, a
// devDependency), against a stub provider.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Pact, Matchers } from 'pact-mock-server-ffi'
import { PactV3, PactV4, MatchersV3 as M, XmlBuilder } from 'pact-mock-server-ffi/pact-js'

const require = createRequire(import.meta.url)
const { Verifier } = require('@pact-foundation/pact')
const fixture = (name) => path.join(import.meta.dirname, 'fixtures', name)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-js-interop-'))
after(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** Verifies the pact file against a provider answering with `handler`; resolves to pass/fail and what the provider got. */
async function verify(file, handler) {
  const received = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) })
      handler(req, res)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const log = console.log
  console.log = () => {}
  try {
    await new Verifier({ providerBaseUrl: `http://127.0.0.1:${server.address().port}`, pactUrls: [file], logLevel: 'error' }).verifyProvider()
    return { passed: true, received }
  } catch (e) {
    return { passed: false, received, error: e }
  } finally {
    console.log = log
    server.close()
  }
}

const quietStderr = async (fn) => {
  const error = console.error
  console.error = () => {}
  try {
    return await fn()
  } finally {
    console.error = error
  }
}

test('a status class rule as the main API writes it (keyed by "") is applied by the reference verifier', async () => {
  const dir = path.join(tmp, 'status')
  const pact = new Pact('interop-consumer', 'interop-status')
  pact.newInteraction('delete an order').withRequest('DELETE', '/orders/1').willRespondWith(Matchers.statusCode(204, 'success'))
  await pact.executeTest(
    async (server) => {
      await fetch(`${server.url}/orders/1`, { method: 'DELETE' })
    },
    { dir },
  )
  const file = path.join(dir, 'interop-consumer-interop-status.json')
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).interactions[0].response.matchingRules.status, {
    '': { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] },
  })
  const ok = await quietStderr(() => verify(file, (req, res) => ((res.statusCode = 202), res.end())))
  assert.equal(ok.passed, true, ok.error?.message)
  const wrong = await quietStderr(() => verify(file, (req, res) => ((res.statusCode = 404), res.end())))
  assert.equal(wrong.passed, false)
  assert.match(wrong.error.message, /Successful response/)
})

test('a multipart request body written as text is sent as those bytes, with its boundary', async () => {
  const dir = path.join(tmp, 'multipart')
  const opts = { consumer: 'interop-consumer', provider: 'interop-multipart', dir, logLevel: 'error' }
  await new PactV4(opts)
    .addInteraction()
    .uponReceiving('an upload')
    .withRequest('POST', '/uploads', (b) => b.multipartBody('text/plain', fixture('note.txt'), 'note', 'interopBoundary'))
    .willRespondWith(201)
    .executeTest(async (server) => {
      const form = new FormData()
      form.append('note', new Blob([fs.readFileSync(fixture('note.txt'))], { type: 'text/plain' }), 'note.txt')
      await fetch(`${server.url}/uploads`, { method: 'POST', body: form })
    })
  const result = await verify(path.join(dir, 'interop-consumer-interop-multipart.json'), (req, res) => ((res.statusCode = 201), res.end()))
  assert.equal(result.passed, true, result.error?.message)
  const [request] = result.received
  assert.equal(request.headers['content-type'], 'multipart/form-data; boundary=interopBoundary')
  assert.equal(
    request.body.toString('utf8'),
    `--interopBoundary\r\nContent-Disposition: form-data; name="note"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\n${fs.readFileSync(fixture('note.txt'), 'utf8')}\r\n--interopBoundary--\r\n`,
  )
})

test('a V3 file with body generators, XML rules and header rules verifies against a provider that differs only where the rules allow', async () => {
  const dir = path.join(tmp, 'v3')
  const opts = { consumer: 'interop-consumer', provider: 'interop-v3', dir, logLevel: 'error' }
  const pact = new PactV3(opts)
  pact
    .given('an order', { id: 5 })
    .uponReceiving('an order as JSON')
    .withRequest({ method: 'GET', path: '/orders/5' })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': 'application/json', ETag: M.regex('"\\w+"', '"abc"') },
      body: { id: M.integer(5), ref: M.uuid(), lines: M.eachLike({ qty: M.integer(1) }) },
    })
  pact
    .uponReceiving('an order as XML')
    .withRequest({ method: 'GET', path: '/orders/5.xml' })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': 'application/xml' },
      body: new XmlBuilder('1.0', 'UTF-8', 'order').build((el) => el.setAttributes({ id: M.integer(5) }).eachLike('line', { qty: M.integer(1) })),
    })
  await pact.executeTest(async (server) => {
    await fetch(`${server.url}/orders/5`)
    await fetch(`${server.url}/orders/5.xml`)
  })
  const file = path.join(dir, 'interop-consumer-interop-v3.json')
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).metadata.pactSpecification.version, '3.0.0')
  const provider = (req, res) => {
    if (req.url.endsWith('.xml')) {
      res.setHeader('Content-Type', 'application/xml')
      res.end('<?xml version="1.0"?><order id="77"><line qty="3"/><line qty="9"/></order>')
    } else {
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('ETag', '"zz9"')
      res.end(JSON.stringify({ id: 77, ref: '0b3a1c2e-1111-4222-8333-944445555666', lines: [{ qty: 3 }, { qty: 9 }] }))
    }
  }
  const ok = await quietStderr(() => verify(file, provider))
  assert.equal(ok.passed, true, ok.error?.message)
  const wrong = await quietStderr(() =>
    verify(file, (req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ id: 'not a number', ref: 'x', lines: [] }))
    }),
  )
  assert.equal(wrong.passed, false)
})
