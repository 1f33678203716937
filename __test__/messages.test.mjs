// Message pacts through the public API: the model and every pact file layout (V3 messages, V4
// asynchronous and synchronous messages, a V4 pact mixing HTTP and messages), merging, the
// DSL (contents, content types, matchers and generators in contents and metadata), reify,
// executeTest (success, handler failure, async handlers) and bad input.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import helpers from './helpers.cjs'

const { Pact, Matchers, Message, SynchronousMessage } = helpers.lib

const pactFile = (dir, consumer, provider) => path.join(dir, `${consumer}-${provider}.json`)

/** The reference's example message (shared/reference/messages.md), built as users build it. */
function orderMessage(pact, description = 'an order placed event') {
  return pact
    .newMessage(description)
    .given('an order exists', { id: 42, express: true })
    .withContents({ id: Matchers.integer(42), sku: Matchers.string('A-1'), lines: Matchers.eachLike({ qty: Matchers.integer(2) }) })
    .withMetadata({ topic: Matchers.regex('orders\\..*', 'orders.placed'), partition: Matchers.integer(3), source: 'shop' })
}

// ---------------------------------------------------------------- layouts

test('V3: a message pact is written as messages[], in the reference layout', () => {
  const pact = new Pact('OrderUi', 'OrderEvents', { specification: 'V3' })
  orderMessage(pact)
  const json = pact.toJson()
  assert.equal(json.interactions, undefined)
  assert.equal(json.metadata.pactSpecification.version, '3.0.0')
  assert.deepEqual(json.messages, [
    {
      contents: { id: 42, sku: 'A-1', lines: [{ qty: 2 }] },
      description: 'an order placed event',
      generators: undefined,
      matchingRules: {
        body: {
          '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] },
          '$.sku': { combine: 'AND', matchers: [{ match: 'type' }] },
          '$.lines': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
          '$.lines[*].qty': { combine: 'AND', matchers: [{ match: 'integer' }] },
        },
        metadata: {
          topic: { combine: 'AND', matchers: [{ match: 'regex', regex: 'orders\\..*' }] },
          partition: { combine: 'AND', matchers: [{ match: 'integer' }] },
        },
      },
      metadata: { topic: 'orders.placed', partition: 3, source: 'shop', contentType: 'application/json' },
      providerStates: [{ name: 'an order exists', params: { id: 42, express: true } }],
    },
  ].map(({ generators, ...m }) => m))
  assert.equal(pact.interactions, 1)
})

test('V4: asynchronous and synchronous messages with key, pending and comments', () => {
  const pact = new Pact('OrderUi', 'OrderEvents')
  orderMessage(pact).key('order-placed-1').pending().comment('first').comment('second')
  pact
    .newSynchronousMessage('a stock query')
    .given('stock is known')
    .withRequest({ sku: Matchers.string('A-1') })
    .withRequestMetadata({ replyTo: 'stock.replies' })
    .withResponse({ inStock: Matchers.boolean(true) })
    .withResponseMetadata({ status: 'ok' })
    .withResponse('<stock sku="A-1">5</stock>', 'application/xml')
  const [async, sync] = pact.toJson().interactions
  assert.equal(async.type, 'Asynchronous/Messages')
  assert.equal(async.key, 'order-placed-1')
  assert.equal(async.pending, true)
  assert.deepEqual(async.comments, { text: ['first', 'second'] })
  assert.deepEqual(async.contents, { content: { id: 42, sku: 'A-1', lines: [{ qty: 2 }] }, contentType: 'application/json', encoded: false })
  assert.deepEqual(async.metadata, { topic: 'orders.placed', partition: 3, source: 'shop' }, 'V4 asynchronous metadata: as given (as the reference)')
  assert.ok(async.matchingRules.body['$.id'] && async.matchingRules.metadata.topic)

  assert.equal(sync.type, 'Synchronous/Messages')
  assert.equal(sync.pending, false)
  assert.deepEqual(sync.providerStates, [{ name: 'stock is known' }])
  assert.deepEqual(sync.request.contents, { content: { sku: 'A-1' }, contentType: 'application/json', encoded: false })
  assert.deepEqual(sync.request.metadata, { replyTo: 'stock.replies', contentType: 'application/json' })
  assert.equal(sync.response.length, 2)
  assert.deepEqual(sync.response[0].metadata, { contentType: 'application/json', status: 'ok' })
  assert.deepEqual(sync.response[0].matchingRules, { body: { '$.inStock': { combine: 'AND', matchers: [{ match: 'type' }] } } })
  assert.deepEqual(sync.response[1].contents, { content: '<stock sku="A-1">5</stock>', contentType: 'application/xml', encoded: false })
})

test('V4: message comments by key, test name and references, as on HTTP interactions', () => {
  const pact = new Pact('orders-web', 'orders-events')
  pact.newMessage('an event').withContents({ id: 1 }).comment('first').setComment('ticket', '{"id":7}').testName('emits an event').reference('issues', 'a', 'PROJ-1')
  pact.newSynchronousMessage('a query').withRequest({ q: 1 }).setComment('n', 5).setComment('n', null).testName('asks')
  const [async, sync] = pact.toJson().interactions
  assert.deepEqual(async.comments, { text: ['first'], ticket: { id: 7 }, testname: 'emits an event', references: { issues: { a: 'PROJ-1' } } })
  assert.deepEqual(sync.comments, { testname: 'asks' })
})

test('matching rules given as rules: body (or content) and metadata, after those already there', async () => {
  const rule = (...matchers) => ({ combine: 'AND', matchers })
  const pact = new Pact('orders-web', 'orders-events')
  const event = pact
    .newMessage('an event')
    .withContents({ sku: Matchers.like('A-1'), n: 1 })
    .withMetadata({ topic: 'orders.placed' })
    .withMatchingRules({ body: { '$.sku': { matchers: [{ match: 'regex', regex: '[A-Z]-\\d+' }] } }, metadata: { topic: { matchers: [{ match: 'regex', regex: 'orders\\..*' }] } } })
    .withMatchingRules({ content: { '$.n': { matchers: [{ match: 'integer' }, { match: 'decimal' }], combine: 'OR' } } })
  const query = pact
    .newSynchronousMessage('a query')
    .withRequest({ q: 1 })
    .withRequestMatchingRules({ body: { '$.q': { matchers: [{ match: 'integer' }] } } })
    .withResponse({ a: 1 })
    .withResponse({ a: 2 })
    .withResponseMatchingRules({ body: { '$.a': { matchers: [{ match: 'number' }] } }, metadata: { status: { matchers: [{ match: 'type' }] } } })
  const [async, sync] = pact.toJson().interactions
  assert.deepEqual(async.matchingRules, {
    body: { '$.sku': rule({ match: 'type' }, { match: 'regex', regex: '[A-Z]-\\d+' }), '$.n': { combine: 'OR', matchers: [{ match: 'integer' }, { match: 'decimal' }] } },
    metadata: { topic: rule({ match: 'regex', regex: 'orders\\..*' }) },
  })
  assert.deepEqual(sync.request.matchingRules, { body: { '$.q': rule({ match: 'integer' }) } })
  assert.equal(sync.response[0].matchingRules, undefined, 'the last response only')
  assert.deepEqual(sync.response[1].matchingRules, { body: { '$.a': rule({ match: 'number' }) }, metadata: { status: rule({ match: 'type' }) } })

  // Written into the pact file as they are (V3 too, on the message).
  const dir = helpers.tempDir()
  await event.executeTest(() => {}, { dir })
  await query.executeTest(() => {}, { dir })
  const file = JSON.parse(fs.readFileSync(pactFile(dir, 'orders-web', 'orders-events'), 'utf8'))
  assert.deepEqual(file.interactions.map((i) => i.matchingRules ?? i.request.matchingRules), [async.matchingRules, sync.request.matchingRules])
  const v3 = new Pact('c', 'p', { specification: 'V3' })
  v3.newMessage('v3').withContents({ a: 1 }).withMatchingRules({ body: { '$.a': { matchers: [{ match: 'type' }] } } })
  assert.deepEqual(v3.toJson().messages[0].matchingRules, { body: { '$.a': rule({ match: 'type' }) } })

  // Setting the contents again replaces the body rules, these included.
  const replaced = pact.newMessage('replaced').withContents({ a: 1 }).withMatchingRules({ body: { '$.a': { matchers: [{ match: 'type' }] } } }).withContents({ b: 1 })
  assert.equal(pact.toJson().interactions.find((i) => i.description === 'replaced').matchingRules, undefined)
  assert.ok(replaced instanceof Message)
})

test('matching rules of a message that are wrong throw, and nothing is added', () => {
  const pact = new Pact('c', 'p')
  const m = pact.newMessage('event').withContents({ a: 1 })
  const s = pact.newSynchronousMessage('rpc').withRequest({ a: 1 })
  for (const [call, code, pattern] of [
    [() => m.withMatchingRules({ header: { 'x-trace': { matchers: [{ match: 'type' }] } } }), 'INVALID_ARGUMENT', /a message has no 'header' rules .*metadata/],
    [() => s.withRequestMatchingRules({ path: { matchers: [{ match: 'type' }] } }), 'INVALID_ARGUMENT', /request matching rules: a message has no 'path' rules/],
    [() => m.withMatchingRules({ nope: {} }), 'INVALID_ARGUMENT', /unknown category 'nope': use body, content, metadata/],
    [() => m.withMatchingRules({ body: { '$.a': { matchers: [{ match: 'type' }] } }, metadata: { t: { matchers: [{ match: 'regex', regex: '(' }] } } }), 'INVALID_REGEX', /\(/],
    [() => m.withMatchingRules({ body: { '$.a': { matchers: [{ match: 'bogus' }] } } }), 'UNKNOWN_MATCHER', /bogus/],
    [() => m.withMatchingRules({ body: { '$.a[': { matchers: [{ match: 'type' }] } } }), 'INVALID_ARGUMENT', /\$\.a\[/],
    [() => m.withMatchingRules([1]), 'INVALID_ARGUMENT', /must be an object/],
    [() => m.withMatchingRules(), 'INVALID_ARGUMENT', /matching rules/],
    [() => s.withResponseMatchingRules({ body: {} }), 'INVALID_ARGUMENT', /no response yet: call withResponse\(contents\) before withResponseMatchingRules/],
  ]) {
    const e = helpers.thrown(call)
    assert.equal(e.code, code, e.message)
    assert.match(e.message, pattern)
  }
  const [async, sync] = pact.toJson().interactions
  assert.equal(async.matchingRules, undefined)
  assert.equal(sync.request.matchingRules, undefined)
})

test('a mixed V4 pact: HTTP interactions and messages in one interactions[]', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('OrderUi', 'OrderService')
  pact.newInteraction('get order 42').withRequest('GET', '/orders/42').willRespondWith(200).withResponseBody({ id: 42 })
  orderMessage(pact)
  assert.deepEqual(pact.toJson().interactions.map((i) => i.type), ['Asynchronous/Messages', 'Synchronous/HTTP'], 'written by description')
  await pact.executeTest(async (server) => {
    await fetch(`${server.url}/orders/42`)
  }, { dir })
  let file = helpers.readPact(dir, 'OrderUi', 'OrderService')
  assert.deepEqual(file.interactions.map((i) => i.type), ['Synchronous/HTTP'], 'an HTTP test does not write a message whose own test has not run')
  const message = pact.newMessage('an order shipped event').withContents({ id: 42 })
  await message.executeTest(() => {}, { dir })
  await pact.newSynchronousMessage('a stock query').withRequest({ sku: 'A-1' }).withResponse({ n: 1 }).executeTest(() => {}, { dir })
  file = helpers.readPact(dir, 'OrderUi', 'OrderService')
  assert.deepEqual(
    file.interactions.map((i) => `${i.type} ${i.description}`).sort(),
    ['Asynchronous/Messages an order shipped event', 'Synchronous/HTTP get order 42', 'Synchronous/Messages a stock query'],
  )
  // Read back, written back unchanged.
  const loaded = Pact.fromJson(fs.readFileSync(pactFile(dir, 'OrderUi', 'OrderService'), 'utf8'))
  assert.equal(loaded.interactions, 3)
  assert.deepEqual(loaded.toJson(), file)
  // Below V4 a mixed pact has no form: a clear error, at the call.
  assert.equal(helpers.thrown(() => loaded.withSpecification('V3')).code, 'NOT_IN_SPEC_VERSION', 'it holds a synchronous message')
  const mixed = new Pact('a', 'b')
  mixed.newInteraction('get').withRequest('GET', '/')
  mixed.newMessage('event').withContents('x')
  const e = helpers.thrown(() => mixed.withSpecification('V3'))
  assert.equal(e.code, 'NOT_IN_SPEC_VERSION')
  assert.match(e.message, /either HTTP interactions or messages/)
  assert.match(e.message, /V4/)
  assert.equal(mixed.toJson().metadata.pactSpecification.version, '4.0', 'the pact is left as it was')
})

test('a V3 pact file of HTTP interactions takes no message: refused with the reason', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('web', 'api', { specification: 'V3' })
  pact.newInteraction('get').withRequest('GET', '/').willRespondWith(200)
  await pact.executeTest((server) => fetch(server.url), { dir })
  const error = await pact.newMessage('an event').withContents({ a: 1 }).executeTest(() => 'ok', { dir }).then(
    () => assert.fail('should reject'),
    (e) => e,
  )
  assert.equal(error.code, 'NOT_IN_SPEC_VERSION')
  assert.match(error.message, /V3 pact file holds either HTTP interactions or messages/)
  assert.deepEqual(helpers.readPact(dir, 'web', 'api').interactions.length, 1, 'the file is left as it was')
})

test('Pact.fromJson loads every message layout and toJson writes it back unchanged', () => {
  const fixtures = path.join(import.meta.dirname, '..', 'crates', 'core', 'tests', 'fixtures', 'pacts')
  for (const name of ['v3-messages.json', 'v4-messages.json', 'v4.json']) {
    const original = JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'))
    const pact = Pact.fromJson(original)
    assert.deepEqual(pact.toJson(), original, name)
    assert.deepEqual(Pact.fromJson(JSON.stringify(original)).toJson(), original, name)
  }
})

// ---------------------------------------------------------------- merging

test('merge: same description and states replace, others are kept, generators survive', async () => {
  for (const specification of ['V3', 'V4']) {
    const dir = helpers.tempDir()
    const list = (file) => (file.messages ?? file.interactions).map((m) => `${m.description}|${JSON.stringify(m.providerStates ?? [])}|${JSON.stringify(m.contents.content ?? m.contents)}`).sort()
    const pact = new Pact('c', 'p', { specification })
    await pact.newMessage('created').withContents('v1').executeTest(() => {}, { dir })
    await pact.newMessage('created').withContents('v2').executeTest(() => {}, { dir })
    await pact.newMessage('created').given('s').withContents('v3').executeTest(() => {}, { dir })
    await pact.newMessage('with generator').withContents({ id: Matchers.uuid() }).withMetadata({ at: Matchers.timestamp('yyyy') }).executeTest(() => {}, { dir })
    // A second test run merges into the file it reads: generators already there are kept.
    await new Pact('c', 'p', { specification }).newMessage('deleted').withContents('v4').executeTest(() => {}, { dir })
    const file = helpers.readPact(dir, 'c', 'p')
    assert.deepEqual(list(file), [
      'created|[]|"v2"',
      'created|[{"name":"s"}]|"v3"',
      'deleted|[]|"v4"',
      'with generator|[]|{"id":"e2490de5-5bd3-43d5-b7c4-526e33f71304"}',
    ], specification)
    const generated = (file.messages ?? file.interactions).find((m) => m.description === 'with generator')
    assert.equal(generated.generators.body['$.id'].type, 'Uuid')
    assert.equal(generated.generators.metadata.at.type, 'DateTime')

    // overwrite: the file holds the new message only.
    await pact.newMessage('alone').withContents('x').executeTest(() => {}, { dir, overwrite: true })
    assert.deepEqual((helpers.readPact(dir, 'c', 'p').messages ?? helpers.readPact(dir, 'c', 'p').interactions).map((m) => m.description), ['alone'])
  }
})

test('merge: keys tell messages apart; a file of other names is a MERGE_CONFLICT', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('c', 'p')
  await pact.newMessage('event').key('K1').withContents('a').executeTest(() => {}, { dir })
  await pact.newMessage('event').key('K2').withContents('b').executeTest(() => {}, { dir })
  await pact.newMessage('event').key('K1').withContents('c').executeTest(() => {}, { dir })
  assert.deepEqual(helpers.readPact(dir, 'c', 'p').interactions.map((i) => `${i.key}=${i.contents.content}`), ['K1=c', 'K2=b'])

  const other = new Pact('someone', 'else').toJson()
  fs.writeFileSync(pactFile(dir, 'c', 'p'), JSON.stringify(other))
  const error = await pact.newMessage('event').withContents('d').executeTest(() => {}, { dir }).then(() => assert.fail('should reject'), (e) => e)
  assert.equal(error.code, 'MERGE_CONFLICT')
  assert.match(error.message, /someone/)
})

// ---------------------------------------------------------------- contents and content types

test('contents: a Buffer is binary, a string is text, anything else JSON', () => {
  const pact = new Pact('c', 'p')
  const bin = pact.newMessage('bin').withContents(Buffer.from([0xff, 0xd8, 0, 1]), 'image/jpeg')
  const text = pact.newMessage('text').withContents('hello')
  const json = pact.newMessage('json').withContents({ a: [1, 2], skipped: undefined })
  const xml = pact.newMessage('xml').withContents('<?xml version="1.0"?><order id="1"/>')
  const jsonText = pact.newMessage('json text').withContents('{"a": {"pact:matcher:type": "type", "value": 1}}')
  const fromMetadata = pact.newMessage('csv').withMetadata({ contentType: 'text/csv' }).withContents('a,b')
  const bufferAsText = pact.newMessage('buffer text').withContents(Buffer.from('plain'), 'text/plain')
  const byName = Object.fromEntries(pact.toJson().interactions.map((i) => [i.description, i.contents]))
  assert.deepEqual(byName.bin, { content: '/9gAAQ==', contentType: 'image/jpeg', encoded: 'base64' })
  assert.deepEqual(byName.text, { content: 'hello', contentType: 'text/plain', encoded: false })
  assert.deepEqual(byName.json, { content: { a: [1, 2] }, contentType: 'application/json', encoded: false })
  assert.deepEqual(byName.xml, { content: '<?xml version="1.0"?><order id="1"/>', contentType: 'application/xml', encoded: false }, 'raw XML stays raw XML')
  assert.deepEqual(byName['json text'], { content: { a: 1 }, contentType: 'application/json', encoded: false }, 'text detected as JSON is JSON, matchers included')
  assert.deepEqual(byName.csv, { content: 'a,b', contentType: 'text/csv', encoded: false }, 'content type from the metadata')
  assert.equal(byName['buffer text'].encoded, 'base64', 'a Buffer stays binary whatever its type')

  const reified = bin.reify()
  assert.ok(Buffer.isBuffer(reified.contents))
  assert.deepEqual([...reified.contents], [0xff, 0xd8, 0, 1])
  assert.equal(reified.contentType, 'image/jpeg')
  assert.equal(text.reify().contents, 'hello')
  assert.deepEqual(json.reify().contents, { a: [1, 2] })
  assert.equal(xml.reify().contents, '<?xml version="1.0"?><order id="1"/>')
  assert.deepEqual(jsonText.reify().contents, { a: 1 })
  assert.equal(fromMetadata.reify().contentType, 'text/csv')
  assert.ok(Buffer.isBuffer(bufferAsText.reify().contents))
})

test('V3 binary contents are base64 with the type in the metadata, and read back as bytes', () => {
  const pact = new Pact('c', 'p', { specification: 'V3' })
  pact.newMessage('bin').withContents(Buffer.from([1, 2, 3, 250]), 'application/octet-stream')
  const json = pact.toJson()
  assert.deepEqual(json.messages[0], { contents: 'AQID+g==', description: 'bin', metadata: { contentType: 'application/octet-stream' } })
  const back = Pact.fromJson(json)
  assert.deepEqual(back.toJson(), json)
})

test('XML builder documents and matchers in XML contents', () => {
  const pact = new Pact('c', 'p')
  const doc = { version: '1.0', charset: 'UTF-8', root: { name: 'order', attributes: { id: Matchers.integer(7) }, children: [] } }
  pact.newMessage('xml doc').withContents(doc, 'application/xml')
  const [i] = pact.toJson().interactions
  assert.match(i.contents.content, /<order id='7'/)
  assert.deepEqual(Object.keys(i.matchingRules.body), ["$.order['@id']"])
})

// ---------------------------------------------------------------- reify

test('reify: generators applied for V3, V4 asynchronous and V4 synchronous messages', () => {
  const gen = { 'pact:matcher:type': 'integer', 'pact:generator:type': 'RandomInt', min: 1000, max: 2000, value: 1 }
  for (const specification of ['V3', 'V4']) {
    const pact = new Pact('c', 'p', { specification })
    const m = pact.newMessage('m').withContents({ n: gen }).withMetadata({ seq: gen, id: { 'pact:generator:type': 'Uuid' } })
    const r = m.reify()
    assert.ok(r.contents.n >= 1000 && r.contents.n <= 2000, `${specification} body generator`)
    assert.ok(r.metadata.seq >= 1000, `${specification} metadata generator`)
    assert.match(r.metadata.id, /^[0-9a-f-]{36}$/, `${specification}: a metadata generator for a key without example`)
    assert.equal(r.metadata.contentType, 'application/json', 'contentType in the metadata')
    assert.equal(r.description, 'm')
    assert.deepEqual(r.providerStates, [])
    // The pact file keeps the examples.
    const json = pact.toJson()
    const written = (json.messages ?? json.interactions)[0]
    assert.deepEqual(written.contents.content ?? written.contents, { n: 1 })
    assert.equal(written.metadata.seq, 1)
  }
  const sync = new Pact('c', 'p')
    .newSynchronousMessage('rpc')
    .given('x', { a: 1 })
    .withRequest({ n: gen })
    .withResponse({ n: gen })
    .withResponseMetadata({ seq: gen })
    .withResponse({ n: 5 })
  const r = sync.reify()
  assert.equal(r.description, 'rpc')
  assert.deepEqual(r.providerStates, [{ name: 'x', params: { a: 1 } }])
  assert.ok(r.request.contents.n >= 1000)
  assert.equal(r.request.contentType, 'application/json')
  assert.ok(r.responses[0].contents.n >= 1000)
  assert.ok(r.responses[0].metadata.seq >= 1000)
  assert.equal(r.responses[1].contents.n, 5, "the request's generators are not copied onto the responses")
})

test('reify: a message without contents has contents null', () => {
  const r = new Pact('c', 'p').newMessage('ping').withMetadata({ topic: 'pings' }).reify()
  assert.equal(r.contents, null, 'null, not "" (which pact-js cannot parse)')
  assert.equal(r.contentType, null)
  assert.deepEqual(r.metadata, { topic: 'pings' })
})

test('matchers and generators anywhere in contents and metadata, nested too', () => {
  const pact = new Pact('c', 'p')
  const m = pact.newMessage('nested').withMetadata({
    headers: { 'x-trace': Matchers.regex('[a-f0-9]+', 'abc123'), at: Matchers.datetime('yyyy') },
  })
  const [i] = pact.toJson().interactions
  assert.deepEqual(Object.keys(i.matchingRules.metadata).sort(), ["headers.at", "headers['x-trace']"])
  assert.deepEqual(Object.keys(i.generators.metadata), ['headers.at'])
  const r = m.reify()
  assert.equal(r.metadata.headers['x-trace'], 'abc123')
  assert.match(r.metadata.headers.at, /^\d{4}$/)
  assert.deepEqual(r.metadata.headers.at.length, 4)
  // Metadata merges key by key; a key set again replaces its rules.
  m.withMetadata({ headers: 'plain' })
  assert.equal(pact.toJson().interactions[0].matchingRules, undefined)
})

// ---------------------------------------------------------------- executeTest

test('executeTest: reifies, runs the handler, merges on success and resolves with its value', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('OrderUi', 'OrderEvents')
  let seen
  const value = await orderMessage(pact).executeTest(async (message) => {
    seen = message
    await new Promise((resolve) => setTimeout(resolve, 5))
    return 'handled'
  }, { dir })
  assert.equal(value, 'handled')
  assert.deepEqual(seen.contents, { id: 42, sku: 'A-1', lines: [{ qty: 2 }] })
  assert.equal(seen.metadata.topic, 'orders.placed')
  assert.deepEqual(seen.providerStates, [{ name: 'an order exists', params: { id: 42, express: true } }])
  const file = helpers.readPact(dir, 'OrderUi', 'OrderEvents')
  assert.deepEqual(file.interactions.map((i) => i.description), ['an order placed event'])
  assert.equal(pact.interactions, 0, 'the message is used up')
  // A synchronous handler works too.
  assert.equal(await pact.newMessage('sync handler').withContents('x').executeTest((m) => m.contents.toUpperCase(), { dir }), 'X')
})

test('executeTest: a failing handler writes nothing, now or later, and rejects with its own error', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('c', 'p')
  const failure = new Error('cannot handle it')
  const message = pact.newMessage('bad one').withContents({ a: 1 })
  const rejected = await message.executeTest(() => {
    throw failure
  }, { dir }).then(() => assert.fail('should reject'), (e) => e)
  assert.equal(rejected, failure, 'the handler\'s own error')
  assert.equal(fs.existsSync(pactFile(dir, 'c', 'p')), false, 'nothing written')
  const rejectedAsync = await pact.newMessage('bad async').withContents('x').executeTest(async () => {
    await null
    throw new TypeError('async failure')
  }, { dir }).then(() => assert.fail('should reject'), (e) => e)
  assert.ok(rejectedAsync instanceof TypeError)
  // A later success on the same pact writes only its own message.
  await pact.newMessage('good one').withContents({ a: 2 }).executeTest(() => {}, { dir })
  assert.deepEqual(helpers.readPact(dir, 'c', 'p').interactions.map((i) => i.description), ['good one'])
  // The failed message is gone: using it again says what to do.
  const stale = helpers.thrown(() => message.withContents('again'))
  assert.equal(stale.code, 'INVALID_ARGUMENT')
  assert.match(stale.message, /already used by executeTest/)
  assert.match(stale.message, /newMessage/)
  const again = await message.executeTest(() => {}, { dir }).then(() => assert.fail('should reject'), (e) => e)
  assert.match(again.message, /already used/)
  const noHandler = await pact.newMessage('x').executeTest().then(() => assert.fail('should reject'), (e) => e)
  assert.equal(noHandler.code, 'INVALID_ARGUMENT')
})

test('executeTest of a synchronous message hands over the request and every response', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('c', 'p')
  const got = await pact
    .newSynchronousMessage('a stock query')
    .withRequest({ sku: 'A-1' })
    .withResponse({ inStock: true })
    .withResponse(Buffer.from([1, 2]), 'application/octet-stream')
    .executeTest((m) => m, { dir })
  assert.deepEqual(got.request.contents, { sku: 'A-1' })
  assert.deepEqual(got.responses[0].contents, { inStock: true })
  assert.ok(Buffer.isBuffer(got.responses[1].contents))
  assert.equal(helpers.readPact(dir, 'c', 'p').interactions[0].response.length, 2)
})

// ---------------------------------------------------------------- bad input

test('bad input: a clear Error with a stable code, at the call that is wrong', () => {
  for (const specification of ['V1', 'V1_1', 'V2']) {
    const e = helpers.thrown(() => new Pact('c', 'p', { specification }).newMessage('event'))
    assert.equal(e.code, 'NOT_IN_SPEC_VERSION', specification)
    assert.match(e.message, /start at V3/)
    assert.match(e.message, /withSpecification/)
  }
  const sync = helpers.thrown(() => new Pact('c', 'p', { specification: 'V3' }).newSynchronousMessage('rpc'))
  assert.equal(sync.code, 'NOT_IN_SPEC_VERSION')
  assert.match(sync.message, /need specification V4/)

  const pact = new Pact('c', 'p')
  for (const call of [() => pact.newMessage(''), () => pact.newSynchronousMessage('  '), () => pact.newMessage('x').expectsToReceive('')]) {
    const e = helpers.thrown(call)
    assert.equal(e.code, 'INVALID_ARGUMENT')
    assert.match(e.message, /description/)
  }
  const m = pact.newMessage('event')
  for (const bad of [5, 'topic', ['a'], null]) {
    const e = helpers.thrown(() => m.withMetadata(bad))
    assert.equal(e.code, 'INVALID_ARGUMENT', String(bad))
    assert.match(e.message, /must be an object/)
  }
  assert.equal(helpers.thrown(() => m.withMetadata()).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => m.withContents('x', 'not a type')).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => m.withContents(undefined)).code, 'INVALID_ARGUMENT')
  assert.equal(helpers.thrown(() => m.withContents({ a: { 'pact:matcher:type': 'nope', value: 1 } })).code, 'UNKNOWN_MATCHER')
  const s = pact.newSynchronousMessage('rpc')
  const noResponse = helpers.thrown(() => s.withResponseMetadata({ a: 1 }))
  assert.equal(noResponse.code, 'INVALID_ARGUMENT')
  assert.match(noResponse.message, /withResponse/)
  assert.equal(helpers.thrown(() => s.withRequestMetadata('x')).code, 'INVALID_ARGUMENT')

  // A pact holding messages refuses a version that cannot hold them.
  const downgrade = helpers.thrown(() => pact.withSpecification('V2'))
  assert.equal(downgrade.code, 'NOT_IN_SPEC_VERSION')
  assert.equal(helpers.thrown(() => pact.withSpecification('V3')).code, 'NOT_IN_SPEC_VERSION', 'a synchronous message needs V4')
  assert.ok(m instanceof Message && s instanceof SynchronousMessage)
})
