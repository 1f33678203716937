// The DSL as users chain it, and the pact file it produces in each specification version.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import helpers from './helpers.cjs'

const { Pact, Matchers } = helpers.lib

function userPact(spec) {
  const pact = new Pact('web', 'users', spec ? { specification: spec } : undefined)
  pact
    .newInteraction('a request for user 42')
    .given('user 42 exists', { id: 42 })
    .withRequest('GET', '/users/42')
    .withQueryParameter('fields', 'name')
    .withHeader('Accept', 'application/json')
    .willRespondWith(200)
    .withResponseHeader('Content-Type', 'application/json')
    .withResponseBody({ id: Matchers.integer(42), name: Matchers.like('Ada') })
  return pact
}

test('chainable methods return the same object', () => {
  const pact = new Pact('a', 'b')
  const i = pact.newInteraction('x')
  assert.equal(i.given('s'), i)
  assert.equal(i.uponReceiving('y').withRequest('GET', '/'), i)
  assert.equal(i.responseStatus(204).key('k').pending().comment('c'), i)
  assert.equal(pact.withSpecification('V3').withMetadata('ns', 'k', 'v'), pact)
  assert.equal(pact.interactions, 1)
})

test('V4 pact JSON: interaction type, provider state params, body and rules', () => {
  const json = userPact().toJson()
  assert.deepEqual(json.consumer, { name: 'web' })
  assert.deepEqual(json.provider, { name: 'users' })
  assert.equal(json.metadata.pactSpecification.version, '4.0')
  const [i] = json.interactions
  assert.equal(i.type, 'Synchronous/HTTP')
  assert.equal(i.description, 'a request for user 42')
  assert.deepEqual(i.providerStates, [{ name: 'user 42 exists', params: { id: 42 } }])
  assert.equal(i.request.method, 'GET')
  assert.equal(i.request.path, '/users/42')
  assert.deepEqual(i.request.query, { fields: ['name'] })
  assert.deepEqual(i.response.body.content, { id: 42, name: 'Ada' })
  assert.deepEqual(i.response.matchingRules.body['$.id'].matchers, [{ match: 'integer' }])
  assert.deepEqual(i.response.matchingRules.body['$.name'].matchers, [{ match: 'type' }])
})

test('V3 and V2 layouts', () => {
  const v3 = userPact('V3').toJson()
  assert.equal(v3.metadata.pactSpecification.version, '3.0.0')
  assert.equal(v3.interactions[0].type, undefined)
  assert.deepEqual(v3.interactions[0].response.body, { id: 42, name: 'Ada' })
  assert.deepEqual(v3.interactions[0].response.matchingRules.body['$.id'].matchers, [{ match: 'integer' }])

  const v2 = userPact('V2').toJson()
  assert.equal(v2.metadata.pactSpecification.version, '2.0.0')
  assert.equal(v2.interactions[0].providerState, 'user 42 exists')
  assert.equal(v2.interactions[0].request.query, 'fields=name')
  assert.deepEqual(v2.interactions[0].response.matchingRules['$.body.name'], { match: 'type' })
})

test('withSpecification changes the written version', () => {
  const pact = userPact().withSpecification('V1_1')
  assert.equal(pact.toJson().metadata.pactSpecification.version, '1.1.0')
})

test('withMetadata adds a namespace', () => {
  const json = new Pact('a', 'b').withMetadata('tool', 'name', 'mine').toJson()
  assert.deepEqual(json.metadata.tool, { name: 'mine' })
})

test('fromJson reads what toJson wrote, from text or object', () => {
  const original = userPact().toJson()
  const again = helpers.lib.Pact.fromJson(JSON.stringify(original))
  assert.deepEqual(again.toJson(), original)
  assert.deepEqual(helpers.lib.Pact.fromJson(original).toJson(), original)
  assert.equal(again.interactions, 1)
})

test('fromJson reads status rules in every layout: pact-js\'s ("$"), the reference\'s ("") and bare', async () => {
  const rule = { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] }
  for (const [given, written] of [
    [{ $: rule }, { $: rule }],
    [{ '': rule }, { '': rule }],
    [rule, { '': rule }],
  ]) {
    for (const version of ['3.0.0', '4.0']) {
      const json = {
        consumer: { name: 'web' },
        provider: { name: 'orders' },
        interactions: [
          {
            description: 'delete an order',
            request: { method: 'DELETE', path: '/orders/1' },
            response: { status: 204, matchingRules: { status: given } },
          },
        ],
        metadata: { pactSpecification: { version } },
      }
      const pact = Pact.fromJson(json)
      assert.deepEqual(pact.toJson().interactions[0].response.matchingRules, { status: written }, version)
      const server = pact.startMockServer()
      try {
        assert.equal((await fetch(`${server.url}/orders/1`, { method: 'DELETE' })).status, 204)
        assert.equal(server.matched(), true)
      } finally {
        server.cleanup()
      }
    }
  }
})

test('V2 query rules keyed by value index ($.query.name[0], as pact-core writes them) are read, matched and written back', async () => {
  const rules = {
    '$.query.name[0]': { match: 'regex', regex: '[a-z]+' },
    '$.query.name[1]': { match: 'regex', regex: '\\d+' },
    "$.query['q b'][0]": { match: 'regex', regex: '\\d+' },
  }
  const pact = Pact.fromJson({
    consumer: { name: 'web' },
    provider: { name: 'search' },
    interactions: [
      {
        description: 'a search',
        request: { method: 'GET', path: '/x', query: 'name=abc&name=12&q%20b=7', matchingRules: rules },
        response: { status: 200 },
      },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  })
  assert.deepEqual(pact.toJson().interactions[0].request.matchingRules, rules)
  const server = pact.startMockServer()
  try {
    assert.equal((await fetch(`${server.url}/x?name=xyz&name=345&q%20b=0`)).status, 200)
    assert.equal(server.matched(), true)
    for (const query of ['name=XYZ&name=345&q%20b=0', 'name=xyz&name=abc&q%20b=0', 'name=xyz&name=345&q%20b=z']) {
      assert.equal((await fetch(`${server.url}/x?${query}`)).status, 500, query)
    }
  } finally {
    server.cleanup()
  }
})

test('bodies: Buffer is binary, string is text, objects are JSON', () => {
  const pact = new Pact('a', 'b')
  pact.newInteraction('bin').withRequest('POST', '/bin').withBody(Buffer.from([0, 1, 2, 255]), 'application/octet-stream')
  pact.newInteraction('text').withRequest('POST', '/text').withBody('hello')
  pact.newInteraction('json').withRequest('POST', '/json').withBody({ a: [1, 2], skipped: undefined })
  const [bin, text, json] = pact.toJson().interactions
  assert.equal(bin.request.body.encoded, 'base64')
  assert.equal(Buffer.from(bin.request.body.content, 'base64').toString('hex'), '000102ff')
  assert.equal(text.request.body.content, 'hello')
  assert.match(text.request.body.contentType, /^text\/plain/)
  assert.deepEqual(json.request.body.content, { a: [1, 2] })
  assert.equal(json.request.body.contentType, 'application/json')
})

test('V4 key, pending and comments', () => {
  const pact = new Pact('a', 'b')
  pact.newInteraction('x').withRequest('GET', '/').key('abc').pending(true).comment('first').comment('second')
  const [i] = pact.toJson().interactions
  assert.equal(i.key, 'abc')
  assert.equal(i.pending, true)
  assert.deepEqual(i.comments.text, ['first', 'second'])
})

test('matchers in path, header and query', () => {
  const pact = new Pact('a', 'b')
  pact
    .newInteraction('x')
    .withRequest('GET', Matchers.regex('/users/\\d+', '/users/7'))
    .withHeader('X-Id', Matchers.regex('\\d+', '12'))
    .withQueryParameter('q', Matchers.regex('[a-z]+', 'abc'))
  const [i] = pact.toJson().interactions
  assert.equal(i.request.path, '/users/7')
  assert.deepEqual(i.request.matchingRules.path.matchers, [{ match: 'regex', regex: '/users/\\d+' }])
  assert.equal(i.request.headers['X-Id'][0], '12')
  assert.deepEqual(i.request.matchingRules.header['X-Id'].matchers, [{ match: 'regex', regex: '\\d+' }])
  assert.deepEqual(i.request.query.q, ['abc'])
})

test('a header with several values', () => {
  const pact = new Pact('a', 'b')
  pact.newInteraction('x').withRequest('GET', '/').withHeader('Accept', ['application/json', 'text/plain'])
  pact.newInteraction('y').withRequest('GET', '/y').withHeader('X-Multi', 'one', 0).withHeader('X-Multi', 'two', 1)
  const [x, y] = pact.toJson().interactions
  assert.deepEqual(x.request.headers.Accept, ['application/json', 'text/plain'])
  assert.deepEqual(y.request.headers['X-Multi'], ['one', 'two'])
})
