// Generated values as the consumer reads them (regex values a JS regex accepts, dates and times
// without a format as the reference writes them), and pact files that leave nothing else in
// the pact directory, however many writers there are.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import helpers from './helpers.cjs'

const { Pact, Matchers } = helpers.lib
const root = fileURLToPath(new URL('..', import.meta.url))

/** A V4 pact whose one response has these body generators; the example body is `body`. */
function pactWithGenerators(body, generators) {
  return Pact.fromJson({
    consumer: { name: 'gen-consumer' },
    provider: { name: 'gen-provider' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'generated values',
        request: { method: 'GET', path: '/values' },
        response: {
          status: 200,
          headers: { 'Content-Type': ['application/json'] },
          body: { content: body, contentType: 'application/json', encoded: false },
          generators: { body: generators },
        },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  })
}

/** GETs `path` `times` times from a server for `pact`; resolves with the parsed bodies. */
async function fetchMany(pact, path, times) {
  const server = pact.startMockServer()
  try {
    const bodies = []
    for (let n = 0; n < times; n++) {
      const res = await fetch(`${server.url}${path}`)
      assert.equal(res.status, 200)
      bodies.push(await res.json())
    }
    return bodies
  } finally {
    server.cleanup()
  }
}

// Patterns that read the same in JavaScript and in the matcher; a JS regex (no `u` flag)
// reads \d, \w and \s as ASCII and `.` as anything but a line break.
const PATTERNS = ['\\d{1,8}', '\\w{4,12}', '\\s\\S{3}', '[0-9]{4}', '\\D\\W\\d', '.{6}', '[^a-z]{5}', '[A-Z]-\\d+', '(red|green)-\\d{2}']

test('Regex generator values match the pattern as a JS regex reads it, and are ASCII', async () => {
  // From a pact file's generators.
  const example = Object.fromEntries(PATTERNS.map((_, k) => [`v${k}`, 'example']))
  const generators = Object.fromEntries(PATTERNS.map((regex, k) => [`$.v${k}`, { type: 'Regex', regex }]))
  const fromFile = await fetchMany(pactWithGenerators(example, generators), '/values', 100)
  // From the DSL: a regex matcher with a Regex generator, in the integration JSON pact-js sends.
  const pact = new Pact('gen-consumer', 'gen-provider')
  pact
    .newInteraction('dsl regex values')
    .withRequest('GET', '/dsl')
    .willRespondWith(200)
    .withResponseBody({ id: { ...Matchers.regex('\\d{1,8}', '42'), 'pact:generator:type': 'Regex' } })
  const fromDsl = await fetchMany(pact, '/dsl', 100)

  for (const body of fromFile) {
    PATTERNS.forEach((pattern, k) => {
      const value = body[`v${k}`]
      assert.match(value, new RegExp(`^(?:${pattern})$`), `${pattern} gave ${JSON.stringify(value)}`)
      assert.match(value, /^[\x00-\x7f]*$/, `${pattern} gave the non-ASCII ${JSON.stringify(value)}`)
    })
  }
  for (const { id } of fromDsl) {
    assert.match(id, /^\d{1,8}$/, `\\d{1,8} gave ${JSON.stringify(id)}`)
    // What the consumer does with it.
    assert.equal(String(Number.parseInt(id, 10)), id.replace(/^0+(?=\d)/, ''))
  }
})

test('DateTime, Date and Time generators without a format give what the reference gives', async () => {
  const before = Date.now()
  const bodies = await fetchMany(
    pactWithGenerators({ at: 'x', day: 'x', time: 'x' }, { '$.at': { type: 'DateTime' }, '$.day': { type: 'Date' }, '$.time': { type: 'Time' } }),
    '/values',
    5,
  )
  const after = Date.now()
  for (const { at, day, time } of bodies) {
    // ISO 8601 with milliseconds and a numeric offset (never `Z`), local time.
    assert.match(at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/, at)
    const parsed = Date.parse(at)
    assert.ok(parsed >= before - 1 && parsed <= after + 1, `${at} is not now`)
    assert.match(day, /^\d{4}-\d{2}-\d{2}$/, day)
    assert.match(time, /^\d{2}:\d{2}:\d{2}$/, time)
    assert.equal(day, at.slice(0, 10))
  }
})

// Many writers at once: several processes, each with worker threads and its main thread, each
// running consumer tests (executeTest) whose interactions merge into one pact file.
const WRITER = `
  const { Pact } = require(process.env.PACT_ROOT)
  const { Worker, isMainThread, workerData } = require('node:worker_threads')
  async function writeSome(tag) {
    for (let k = 0; k < 5; k++) {
      const pact = new Pact('js-writers', 'api')
      pact.newInteraction(tag + ' write ' + k).withRequest('GET', '/' + k).willRespondWith(200)
      await pact.executeTest((server) => fetch(server.url + '/' + k), { dir: process.env.PACT_DIR })
    }
  }
  const tag = isMainThread ? process.env.PACT_TAG + ' main' : workerData
  if (isMainThread) {
    const workers = [1, 2, 3].map((n) => new Promise((resolve, reject) => {
      const w = new Worker(__SOURCE__, { eval: true, workerData: process.env.PACT_TAG + ' worker ' + n })
      w.on('error', reject)
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('worker exit ' + code))))
    }))
    Promise.all([writeSome(tag), ...workers]).catch((e) => { console.error(e); process.exit(1) })
  } else {
    writeSome(tag).catch((e) => { console.error(e); process.exit(1) })
  }
`
const WRITER_SOURCE = WRITER.replace('__SOURCE__', JSON.stringify(WRITER.replace('__SOURCE__', '""')))

function runWriter(dir, tag) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER_SOURCE], {
      env: { ...process.env, PACT_ROOT: root, PACT_DIR: dir, PACT_TAG: tag },
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${tag} exited with ${code}: ${stderr}`))))
  })
}

test('parallel writers in processes and threads lose nothing and leave only the pact file', { timeout: 120_000 }, async () => {
  const dir = helpers.tempDir('pact-writers-')
  const tags = ['p1', 'p2', 'p3']
  await Promise.all(tags.map((tag) => runWriter(dir, tag)))
  assert.deepEqual(fs.readdirSync(dir), ['js-writers-api.json'])
  const names = helpers.readPact(dir, 'js-writers', 'api').interactions.map((i) => i.description).sort()
  const expected = tags
    .flatMap((tag) => [`${tag} main`, `${tag} worker 1`, `${tag} worker 2`, `${tag} worker 3`])
    .flatMap((who) => [0, 1, 2, 3, 4].map((k) => `${who} write ${k}`))
    .sort()
  assert.deepEqual(names, expected)
  fs.rmSync(dir, { recursive: true })
})

test('writing, merging and overwriting leave only pact files in the directory', async () => {
  const dir = helpers.tempDir('pact-only-files-')
  for (const [provider, overwrite] of [['api', false], ['api', false], ['api', true], ['billing', false]]) {
    const pact = new Pact('web', provider)
    pact.newInteraction(`get ${provider}`).withRequest('GET', '/x').willRespondWith(200)
    const server = pact.startMockServer()
    try {
      await fetch(`${server.url}/x`)
      server.writePactFile(dir, { overwrite })
    } finally {
      server.cleanup()
    }
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ['web-api.json', 'web-billing.json'])
  fs.rmSync(dir, { recursive: true })
})

test('a merge starts from the pact file as it is, not from what this process wrote before', async () => {
  const dir = helpers.tempDir('pact-file-is-truth-')
  // V1 files hold no matching rules: the regex of the first interaction is not written.
  const v1 = new Pact('web', 'truth', { specification: 'V1' })
  v1.newInteraction('first').withRequest('GET', '/first').willRespondWith(200).withResponseBody({ id: Matchers.regex('\\d+', '1') })
  await v1.executeTest((server) => fetch(`${server.url}/first`), { dir })
  const v3 = new Pact('web', 'truth', { specification: 'V3' })
  v3.newInteraction('second').withRequest('GET', '/second').willRespondWith(200)
  await v3.executeTest((server) => fetch(`${server.url}/second`), { dir })
  const written = helpers.readPact(dir, 'web', 'truth')
  assert.deepEqual(written.interactions.map((i) => i.description), ['first', 'second'])
  assert.equal(written.interactions[0].response.matchingRules, undefined, JSON.stringify(written.interactions[0].response))
  fs.rmSync(dir, { recursive: true })
})
