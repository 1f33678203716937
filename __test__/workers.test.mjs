// Servers in worker_threads: each worker loads the addon and runs its own servers; a worker
// that exits without cleaning up leaves no port bound.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import helpers from './helpers.cjs'

const root = fileURLToPath(new URL('..', import.meta.url))

function worker(source) {
  return new Promise((resolve, reject) => {
    const w = new Worker(`const root = ${JSON.stringify(root)};\n${source}`, { eval: true })
    const messages = []
    w.on('message', (m) => messages.push(m))
    w.on('error', reject)
    w.on('exit', (code) => resolve({ code, messages }))
  })
}

const perWorker = `
  const { parentPort } = require('node:worker_threads')
  const { Pact } = require(root)
  const pact = new Pact('worker', 'users')
  pact.newInteraction('get').withRequest('GET', '/w').willRespondWith(200).withResponseBody({ ok: true })
  pact.executeTest(async (server) => {
    const res = await fetch(server.url + '/w')
    return { port: server.port, body: await res.json() }
  }, { dir: require('node:os').tmpdir() + '/pact-workers-' + process.pid }).then(
    (v) => parentPort.postMessage(v),
    (e) => parentPort.postMessage({ error: e.message }),
  )
`

test('four workers run executeTest at the same time', async () => {
  const results = await Promise.all([1, 2, 3, 4].map(() => worker(perWorker)))
  for (const r of results) {
    assert.equal(r.code, 0)
    assert.deepEqual(r.messages[0].body, { ok: true }, JSON.stringify(r.messages))
  }
  const ports = results.map((r) => r.messages[0].port)
  assert.equal(new Set(ports).size, 4)
})

test('a worker that exits with a server running frees the port', async () => {
  const r = await worker(`
    const { parentPort } = require('node:worker_threads')
    const { Pact } = require(root)
    const server = new Pact('a', 'b').startMockServer()
    parentPort.postMessage(server.port)
  `)
  assert.equal(r.code, 0)
  assert.equal(await helpers.portIsFree(r.messages[0]), true)
})

test('the main thread and a worker use the addon side by side', async () => {
  const { Pact } = await import('pact-mock-server-ffi')
  const main = new Pact('a', 'b').startMockServer()
  try {
    const r = await worker(perWorker)
    assert.equal(r.code, 0)
    assert.notEqual(r.messages[0].port, main.port)
  } finally {
    main.cleanup()
  }
})
