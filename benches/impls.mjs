// The two implementations behind one small interface, so every workload runs the same steps
// against this addon ("ours") and against @pact-foundation/pact-core ("reference").
import { createRequire } from 'node:module'
import http from 'node:http'

const require = createRequire(import.meta.url)

/** An interaction as the workloads describe it. */
// { description, state?, method, path, query?: {name: value}, headers?: {name: value},
//   requestBody?: object, status, responseHeaders?: {}, responseBody?: object }

function ours() {
  const lib = require('../index.js')
  return {
    name: 'pact-mock-server-ffi',
    start(consumer, provider, interactions) {
      const pact = new lib.Pact(consumer, provider, { specification: 'V4' })
      for (const it of interactions) {
        const i = pact.newInteraction(it.description)
        if (it.state) i.given(it.state)
        i.withRequest(it.method, it.path)
        for (const [k, v] of Object.entries(it.query ?? {})) i.withQueryParameter(k, v)
        for (const [k, v] of Object.entries(it.headers ?? {})) i.withHeader(k, v)
        if (it.requestBody !== undefined) i.withBody(it.requestBody, 'application/json')
        i.willRespondWith(it.status)
        for (const [k, v] of Object.entries(it.responseHeaders ?? {})) i.withResponseHeader(k, v)
        if (it.responseBody !== undefined) i.withResponseBody(it.responseBody, 'application/json')
      }
      const server = pact.startMockServer({ port: 0 })
      return {
        port: server.port,
        matched: () => server.matched(),
        mismatches: () => server.mismatches(),
        write: (dir) => server.writePactFile(dir),
        cleanup: () => server.cleanup(),
      }
    },
  }
}

function reference() {
  const pc = require('@pact-foundation/pact-core')
  return {
    name: '@pact-foundation/pact-core',
    start(consumer, provider, interactions) {
      const pact = pc.makeConsumerPact(consumer, provider, 5, 'error')
      for (const it of interactions) {
        const i = pact.newInteraction(it.description)
        i.uponReceiving(it.description)
        if (it.state) i.given(it.state)
        i.withRequest(it.method, it.path)
        for (const [k, v] of Object.entries(it.query ?? {})) i.withQuery(k, 0, typeof v === 'string' ? v : JSON.stringify(v))
        for (const [k, v] of Object.entries(it.headers ?? {})) i.withRequestHeader(k, 0, typeof v === 'string' ? v : JSON.stringify(v))
        if (it.requestBody !== undefined) i.withRequestBody(JSON.stringify(it.requestBody), 'application/json')
        i.withStatus(it.status)
        for (const [k, v] of Object.entries(it.responseHeaders ?? {})) i.withResponseHeader(k, 0, typeof v === 'string' ? v : JSON.stringify(v))
        if (it.responseBody !== undefined) i.withResponseBody(JSON.stringify(it.responseBody), 'application/json')
      }
      const port = pact.createMockServer('127.0.0.1', 0, false)
      if (!(port > 0)) throw new Error(`reference failed to start: ${port}`)
      return {
        port,
        matched: () => pact.mockServerMatchedSuccessfully(port),
        mismatches: () => pact.mockServerMismatches(port),
        write: (dir) => pact.writePactFile(dir, false),
        cleanup: () => pact.cleanupMockServer(port),
      }
    },
  }
}

export function load(name) {
  return name === 'ours' ? ours() : reference()
}

/**
 * The suite workloads' consumer tests, through `executeTest`: ours (index.js) or pact-js's
 * `PactV4` (@pact-foundation/pact, the "reference" there). Returns `(consumer, provider, dir)
 * => test`, one Pact object (a test file); `test(description, body, dir, fn)` is one test: one
 * interaction (GET /items/1, 200, JSON `body`), `fn(port)` as its body, the pact into `dir`.
 */
export function loadSuite(name) {
  if (name === 'ours') {
    const { Pact } = require('../index.js')
    return (consumer, provider) => {
      const pact = new Pact(consumer, provider, { specification: 'V4' })
      return (description, body, dir, fn) => {
        pact.newInteraction(description).withRequest('GET', '/items/1').willRespondWith(200).withResponseBody(body)
        return pact.executeTest((server) => fn(server.port), { dir })
      }
    }
  }
  const { PactV4 } = require('@pact-foundation/pact')
  return (consumer, provider, dir) => {
    // PactV4 takes the directory as an option and reads `opts.dir` when it writes (after each
    // test), so a test that writes elsewhere sets it there.
    const opts = { consumer, provider, dir, logLevel: 'error' }
    const pact = new PactV4(opts)
    return (description, body, dir, fn) => {
      opts.dir = dir
      return pact
        .addInteraction()
        .uponReceiving(description)
        .withRequest('GET', '/items/1')
        .willRespondWith(200, (b) => b.jsonBody(body))
        .executeTest((mockServer) => fn(mockServer.port))
    }
  }
}

const sharedAgent = new http.Agent({ keepAlive: true, maxSockets: 64 })

/** A keep-alive agent for one test; destroy it when the test's server is gone. */
export const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 64 })

/** One HTTP request on a keep-alive agent; resolves with { status, body }. */
export function request(port, { method = 'GET', path = '/', headers = {}, body, agent = sharedAgent } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers } : headers },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }))
      },
    )
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}
