// Generated values as the consumer reads them (regex values a JS regex accepts, dates and times
// without a format as the reference writes them), and pact files that leave nothing else in
// the pact directory, however many writers there are.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import helpers from './helpers.cjs'

const { Pact, Matchers } = helpers.lib

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
