// The drop-in against the original, for message pacts: every scenario is pact-js consumer code
// (MessageConsumerPact, PactV4 addAsynchronousInteraction / addSynchronousInteraction, the body
// handlers), run once with `@pact-foundation/pact` and once with `pact-mock-server-ffi/pact-js`.
// Both must write the same pact file (metadata versions aside), hand the handlers the same
// messages and end the same way. Every remaining difference is asserted in the scenario's
// `differences`, with its reason (pact-js bugs the drop-in does not reproduce, see
// shared/reference/messages.md, and the core's own ways of writing), then taken out before
// the comparison. The HTTP scenarios are in differential.test.mjs.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as dropIn from 'pact-mock-server-ffi/pact-js'

const require = createRequire(import.meta.url)
const reference = require('@pact-foundation/pact')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-js-messages-differential-'))
after(() => fs.rmSync(tmp, { recursive: true, force: true }))

const CONSUMER = 'diff-message-consumer'
const quiet = { logLevel: 'error' }
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const RAW_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<stock><sku>A-1</sku><count>3</count></stock>'

/** pact-js writes its own and pact-core's versions; only the specification version must agree. */
function withoutVersions(pact) {
  if (!pact) return pact
  const copy = structuredClone(pact)
  copy.metadata = { pactSpecification: copy.metadata?.pactSpecification }
  return copy
}

function xmlOrder(lib) {
  const M = lib.MatchersV3
  return new lib.XmlBuilder('1.0', 'UTF-8', 'order').build((order) => {
    order.setAttributes({ id: M.integer(7) })
    order.eachLike('line', { sku: M.regex('[A-Z]-\\d+', 'A-1') }, (line) => line.appendText(M.string('apple')), { examples: 2 })
  })
}

async function runScenario(lib, scenario, label) {
  const dir = path.join(tmp, label, String(scenario.index))
  const provider = `message-provider-${scenario.index}`
  const received = []
  const ctx = {
    dir,
    provider,
    opts: { consumer: CONSUMER, provider, dir, ...quiet },
    /** Records what a handler was handed (or what it did). */
    seen: (value) => received.push(value),
  }
  let outcome = 'passed'
  let error
  try {
    await scenario.run(lib, ctx)
  } catch (e) {
    error = e
    outcome = 'failed'
  }
  const file = path.join(dir, `${CONSUMER}-${provider}.json`)
  const pact = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null
  return { pact: withoutVersions(pact), received, outcome, error }
}

/** Takes `value` out of both sides after checking the reference's and ours. */
function replaceRef(ref, ours, get, set, want) {
  assert.deepEqual(get(ref), want.ref)
  assert.deepEqual(get(ours), want.ours)
  set(ref, get(ours))
}

/**
 * pact-js bug: a V4 asynchronous message without metadata is handed to the handler with
 * `metadata: undefined`, though AsynchronousMessage types it `Metadata`; we hand `{}`.
 */
function metadataUndefinedInPactJs(ref, ours, index = 0) {
  assert.equal(ref.received[index].metadata, undefined)
  assert.deepEqual(ours.received[index].metadata, {})
  ref.received[index].metadata = {}
}

const scenarios = [
  // MessageConsumerPact (V3)
  {
    name: 'MessageConsumerPact: JSON content with matchers, metadata matchers (V3 and V2), provider states with params',
    async run({ MessageConsumerPact, MatchersV3: M, MatchersV2, synchronousBodyHandler }, { opts, seen }) {
      const pact = new MessageConsumerPact(opts)
      await pact
        .given('an order exists')
        .given({ name: 'a customer', params: { id: '42', tier: 'gold' } })
        .expectsToReceive('an order placed event')
        .withContent({
          id: M.integer(1001),
          customer: M.like({ name: 'Ada', email: M.email('ada@example.com') }),
          lines: M.eachLike({ sku: M.regex('[A-Z]-\\d+', 'A-1'), qty: M.integer(2) }, 2),
          at: M.datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-01-02T03:04:05'),
          total: M.decimal(12.5),
        })
        .withMetadata({
          topic: M.regex('orders\\..*', 'orders.placed'),
          'content-encoding': 'utf-8',
          partition: M.like('3'),
          key: MatchersV2.term({ generate: 'order-1001', matcher: 'order-\\d+' }),
        })
        .verify(synchronousBodyHandler((body) => seen(body)))
    },
  },
  {
    name: 'MessageConsumerPact: the whole message handed to the handler (description, states, metadata, rules)',
    async run({ MessageConsumerPact, MatchersV3: M }, { opts, seen }) {
      const pact = new MessageConsumerPact(opts)
      await pact
        .given({ name: 'a stock level', params: { sku: 'A-1' } })
        .expectsToReceive('a stock changed event')
        .withContent({ sku: 'A-1', count: M.integer(3) })
        .withMetadata({ queue: M.regex('stock\\..*', 'stock.changed') })
        .verify(async (message) => seen(message))
    },
  },
  {
    name: 'MessageConsumerPact: text content with metadata, asynchronousBodyHandler',
    async run({ MessageConsumerPact, asynchronousBodyHandler }, { opts, seen }) {
      await new MessageConsumerPact(opts)
        .expectsToReceive('a greeting')
        .withTextContent('hello, consumer', 'text/plain')
        .withMetadata({ topic: 'greetings', lang: 'en' })
        .verify(asynchronousBodyHandler(async (body) => seen(body)))
    },
  },
  {
    name: 'MessageConsumerPact: binary content (a Buffer to the handler) with a metadata matcher',
    async run({ MessageConsumerPact, MatchersV3: M }, { opts, seen }) {
      await new MessageConsumerPact(opts)
        .given('a photo was taken')
        .expectsToReceive('a thumbnail')
        .withBinaryContent(JPEG, 'image/jpeg')
        .withMetadata({ camera: M.regex('front|back', 'front') })
        .verify(async (m) => seen([Buffer.isBuffer(m.contents), m.contents, m.metadata]))
    },
  },
  {
    name: 'MessageConsumerPact: XML content from XmlBuilder (attributes, eachLike, text matchers)',
    async run(lib, { opts, seen }) {
      await new lib.MessageConsumerPact(opts)
        .expectsToReceive('an XML order')
        .withTextContent(xmlOrder(lib), 'application/xml')
        .verify(async (m) => seen(m))
    },
  },
  {
    name: 'MessageConsumerPact: raw XML text content',
    async run({ MessageConsumerPact }, { opts, seen }) {
      await new MessageConsumerPact(opts).expectsToReceive('a raw XML stock level').withTextContent(RAW_XML, 'application/xml').verify(async (m) => seen(m.contents))
    },
    differences({ ref, ours }) {
      // pact-js bug: libpact_ffi feeds raw XML to its XmlBuilder-document parser, which fails,
      // and the contents become "" (in the file and for the handler). We keep the XML.
      replaceRef(ref, ours, (s) => s.pact.messages[0].contents, (s, v) => (s.pact.messages[0].contents = v), { ref: '', ours: RAW_XML })
      replaceRef(ref, ours, (s) => s.received, (s, v) => (s.received = v), { ref: [''], ours: [RAW_XML] })
    },
  },
  {
    name: 'MessageConsumerPact: several messages, one of them failing, into one file',
    async run({ MessageConsumerPact }, { opts, seen }) {
      const pact = new MessageConsumerPact(opts)
      await pact.expectsToReceive('the first event').withContent({ n: 1 }).verify(async (m) => seen(m.contents))
      await pact
        .expectsToReceive('an event the consumer rejects')
        .withContent({ n: 2 })
        .verify(async () => {
          throw new Error('rejected by the handler')
        })
        .catch((e) => seen(e.message))
      await pact.expectsToReceive('the last event').withContent({ n: 3 }).verify(async (m) => seen(m.contents))
    },
    differences({ ref, ours }) {
      // pact-js bug: MessageConsumerPact keeps the failed message in its pact and the next
      // successful verify writes it. We drop it: a failed message is never written.
      const descriptions = (s) => s.pact.messages.map((m) => m.description).sort()
      assert.deepEqual(descriptions(ref), ['an event the consumer rejects', 'the first event', 'the last event'])
      assert.deepEqual(descriptions(ours), ['the first event', 'the last event'])
      ref.pact.messages = ref.pact.messages.filter((m) => m.description !== 'an event the consumer rejects')
    },
  },
  {
    name: 'MessageConsumerPact: generators in content and metadata are applied for the handler, the file keeps the examples',
    async run({ MessageConsumerPact, MatchersV3: M }, { opts, seen }) {
      await new MessageConsumerPact(opts)
        .expectsToReceive('an event with generated values')
        .withContent({ id: M.integer(), ref: M.uuid(), n: M.integer(5) })
        .withMetadata({ seq: M.integer() })
        .verify(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // Both apply the generators (random values): check them, then compare the rest.
      for (const side of [ref, ours]) {
        const [m] = side.received
        assert.ok(Number.isInteger(m.contents.id), 'a generated integer')
        assert.match(m.contents.ref, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
        assert.ok(Number.isInteger(m.metadata.seq))
        assert.equal(m.contents.n, 5)
        m.contents.id = m.contents.ref = m.metadata.seq = 'generated'
      }
    },
  },
  {
    name: "MessageConsumerPact: pactfileWriteMode 'overwrite' replaces an older file; the pact's own messages accumulate",
    async run({ MessageConsumerPact }, { opts, seen }) {
      await new MessageConsumerPact(opts).expectsToReceive('a message of an older run').withContent({ old: true }).verify(async () => {})
      const pact = new MessageConsumerPact({ ...opts, pactfileWriteMode: 'overwrite' })
      await pact.expectsToReceive('one').withContent({ n: 1 }).verify(async () => seen(pact.json()))
      await pact.expectsToReceive('two').withTextContent('2', 'text/plain').verify(async () => {})
      seen(pact.json())
    },
  },
  {
    name: 'MessageConsumerPact with spec 4: a V4 asynchronous message',
    async run({ MessageConsumerPact, MatchersV3: M }, { opts, seen }) {
      await new MessageConsumerPact({ ...opts, spec: 4 })
        .given('an account')
        .expectsToReceive('an account opened event')
        .withContent({ id: M.integer(9) })
        .withMetadata({ topic: 'accounts' })
        .verify(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // pact-js bug: with spec 4 the handler's `contents` is the V4 body object
      // ({content, contentType, encoded}), so synchronousBodyHandler hands that on. We hand
      // the contents themselves, as in V3 (what ConcreteMessage.contents is).
      replaceRef(ref, ours, (s) => s.received[0].contents, (s, v) => (s.received[0].contents = v), {
        ref: { content: { id: 9 }, contentType: 'application/json', encoded: false },
        ours: { id: 9 },
      })
    },
  },

  {
    name: 'MessageConsumerPact: a JSON primitive as content',
    async run({ MessageConsumerPact }, { opts, seen }) {
      await new MessageConsumerPact(opts).expectsToReceive('a counter value').withContent(42).verify(async (m) => seen(m.contents))
    },
    differences({ ref, ours }) {
      // pact-js documents "a JSON object or JSON primitive" but checks with lodash's isEmpty,
      // which is true for every number and boolean: it throws. We take the primitive.
      assert.equal(ref.outcome, 'failed')
      assert.equal(ref.error.constructor.name, 'ConfigurationError')
      assert.equal(ref.error.message, 'You must provide a valid JSON document or primitive for the Message.')
      assert.equal(ours.outcome, 'passed')
      assert.deepEqual(ours.received, [42])
      assert.deepEqual(ours.pact.messages, [{ contents: 42, description: 'a counter value', metadata: { contentType: 'application/json' } }])
      Object.assign(ref, { outcome: ours.outcome, error: ours.error, pact: ours.pact, received: ours.received })
    },
  },
  {
    name: 'MessageConsumerPact: a message with metadata and no contents',
    async run({ MessageConsumerPact }, { opts, seen }) {
      await new MessageConsumerPact(opts).expectsToReceive('a heartbeat').withMetadata({ topic: 'heartbeats' }).verify(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // pact-js bug: libpact_ffi reifies a message without contents as "", which pact-js
      // cannot parse (verify throws a SyntaxError). We hand `contents: null`.
      assert.equal(ref.outcome, 'failed')
      assert.match(ref.error.message, /Unexpected end of JSON input/)
      assert.equal(ref.pact, null)
      assert.deepEqual(ours.received, [{ contents: null, description: 'a heartbeat', metadata: { topic: 'heartbeats' } }])
      assert.deepEqual(ours.pact.messages, [{ description: 'a heartbeat', metadata: { topic: 'heartbeats' } }])
      Object.assign(ref, { outcome: ours.outcome, error: ours.error, pact: ours.pact, received: ours.received })
    },
  },

  // PactV4 asynchronous messages
  {
    name: 'PactV4 async: JSON with states, pending, text and key/value comments, testName, references, metadata matchers',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      const pact = new PactV4(opts)
      const value = await pact
        .addAsynchronousInteraction()
        .given('an order exists', { id: 1001, lines: 2 })
        .given('stock is low')
        .pending()
        .comment('first comment')
        .comment('second comment')
        .comment({ key: 'ticket', value: 'ORD-7' })
        .testName('ships an order')
        .reference('asyncapi', 'operationId', 'orderPlaced')
        .reference('asyncapi', 'channel', 'orders')
        .expectsToReceive('an order placed event', (builder) => {
          builder
            .withJSONContent({ id: M.integer(1001), lines: M.eachLike({ sku: M.regex('[A-Z]-\\d+', 'A-1'), qty: M.integer(2) }) })
            .withMetadata({ topic: M.regex('orders\\..*', 'orders.placed'), source: 'shop' })
        })
        .executeTest(async (m) => {
          seen(m)
          return 'handled'
        })
      seen(value)
    },
  },
  {
    name: 'PactV4 async: binary content (withContent image/jpeg) and v4AsynchronousBodyHandler',
    async run({ PactV4, v4AsynchronousBodyHandler }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('a thumbnail', (b) => b.withContent('image/jpeg', JPEG).withMetadata({ camera: 'front' }))
        .executeTest(v4AsynchronousBodyHandler(async (body) => seen(body)))
    },
  },
  {
    name: 'PactV4 async: a text Buffer (withContent text/plain) and v4SynchronousBodyHandler',
    async run({ PactV4, v4SynchronousBodyHandler }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('a CSV report', (b) => b.withContent('text/csv', Buffer.from('sku,count\nA-1,3\n')))
        .executeTest(v4SynchronousBodyHandler((body) => seen(body)))
    },
    differences({ ref, ours }) {
      // pact-js bug: the handler gets the text base64-decoded (garbage) as soon as withContent
      // was used; the file is right. We hand the bytes given.
      assert.notDeepEqual(ref.received[0], Buffer.from('sku,count\nA-1,3\n'))
      assert.deepEqual(ref.received[0], Buffer.from('sku,count\nA-1,3\n', 'base64'))
      assert.deepEqual(ours.received[0], Buffer.from('sku,count\nA-1,3\n'))
      ref.received = ours.received
    },
  },
  {
    name: 'PactV4 async: XML from XmlBuilder given as a Buffer (withContent application/xml)',
    async run(lib, { opts, seen }) {
      await new lib.PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('an XML order', (b) => b.withContent('application/xml', Buffer.from(xmlOrder(lib))))
        .executeTest(async (m) => seen(m.contents.content))
    },
    differences({ ref, ours }) {
      // The file has the built XML and its rules on both sides; pact-js bug: the handler gets
      // that XML base64-decoded (garbage). We hand the XML.
      const xml = ours.pact.interactions[0].contents.content
      assert.match(xml, /^<\?xml version='1\.0'\?><order id='7'><line sku='A-1'>apple<\/line><line sku='A-1'>apple<\/line><\/order>$/)
      assert.deepEqual(ref.received[0], Buffer.from(xml, 'base64'))
      assert.deepEqual(ours.received[0], Buffer.from(xml))
      ref.received = ours.received
    },
  },
  {
    name: 'PactV4 async: withMatchingRules (body, header) next to matchers in the content; the header rule is not written',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('a price changed event', (b) =>
          b
            .withJSONContent({ sku: 'A-1', price: M.decimal(9.99), currency: 'EUR' })
            .withMatchingRules({ body: [{ path: '$.sku', rules: [M.regex('[A-Z]-\\d+', 'A-1')] }, { path: '$.currency', rules: [M.like('EUR')] }], header: { path: 'x-trace', rules: [M.like('t')] } }),
        )
        .executeTest(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      metadataUndefinedInPactJs(ref, ours)
      // pact-js bug: its Rules take the parts of HTTP interactions on a message too, and
      // libpact_ffi writes them there, where no verifier reads them (a message has metadata,
      // not headers). We write the message's rules (body, metadata) and leave the header rule
      // out, with a warning; the body rules are the same.
      replaceRef(ref, ours, (s) => s.pact.interactions[0].matchingRules.header, (s, v) => (s.pact.interactions[0].matchingRules.header = v), {
        ref: { 'x-trace': { combine: 'AND', matchers: [{ match: 'type' }] } },
        ours: undefined,
      })
      delete ref.pact.interactions[0].matchingRules.header
    },
  },
  {
    name: 'PactV4 async: generators in the content and metadata',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('an event with generated values', (b) =>
          b.withJSONContent({ id: M.integer(1000), ref: M.uuid() }).withMetadata({ seq: { 'pact:matcher:type': 'integer', 'pact:generator:type': 'RandomInt', min: 50, max: 60, value: 1 } }),
        )
        .executeTest(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // pact-js bug (libpact_ffi's reify skips V4 asynchronous messages): the handler gets the
      // examples. We apply the generators, as for V3 messages; the file keeps the examples.
      const [r] = ref.received
      const [o] = ours.received
      assert.deepEqual(r, { contents: { content: { id: 1000, ref: 'e2490de5-5bd3-43d5-b7c4-526e33f71304' } }, metadata: { seq: 1 } })
      assert.ok(Number.isInteger(o.contents.content.id))
      assert.match(o.contents.content.ref, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      assert.notEqual(o.contents.content.ref, 'e2490de5-5bd3-43d5-b7c4-526e33f71304')
      assert.ok(o.metadata.seq >= 50 && o.metadata.seq <= 60, String(o.metadata.seq))
      ref.received = ours.received
    },
  },
  {
    name: 'PactV4 async: a message with metadata and no contents',
    async run({ PactV4 }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('a heartbeat', (b) => b.withMetadata({ topic: 'heartbeats' }))
        .executeTest(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // pact-js bug: libpact_ffi reifies a message without contents as "", which pact-js
      // cannot parse: the test fails and nothing is written. We hand `content: null`.
      assert.equal(ref.outcome, 'failed')
      assert.match(ref.error.message, /Unexpected end of JSON input/)
      assert.equal(ref.pact, null)
      assert.equal(ours.outcome, 'passed')
      assert.deepEqual(ours.received, [{ contents: { content: null }, metadata: { topic: 'heartbeats' } }])
      assert.deepEqual(ours.pact.interactions, [{ description: 'a heartbeat', metadata: { topic: 'heartbeats' }, pending: false, type: 'Asynchronous/Messages' }])
      Object.assign(ref, { outcome: ours.outcome, error: ours.error, pact: ours.pact, received: ours.received })
    },
  },
  {
    name: 'PactV4 async: a failing handler rejects (a thrown string becomes an Error), nothing is written; the PactV4 is reused',
    async run({ PactV4 }, { opts, seen }) {
      const pact = new PactV4(opts)
      await pact
        .addAsynchronousInteraction()
        .expectsToReceive('an event the consumer rejects', (b) => b.withJSONContent({ bad: true }))
        .executeTest(async () => {
          throw 'not an Error'
        })
        .catch((e) => seen([e instanceof Error, e.message]))
      await pact
        .addAsynchronousInteraction()
        .expectsToReceive('an event the consumer takes', (b) => b.withJSONContent({ bad: false }))
        .executeTest(async (m) => seen(m))
      await pact
        .addAsynchronousInteraction()
        .expectsToReceive('another rejected event', (b) => b.withJSONContent({ bad: true }))
        .executeTest(async () => {
          throw new Error('still rejected')
        })
    },
    differences({ ref, ours }) {
      metadataUndefinedInPactJs(ref, ours, 1)
    },
  },
  {
    name: 'PactV4 with spec V3: an asynchronous message is written as a V3 message',
    async run({ PactV4, SpecificationVersion }, { opts, seen }) {
      await new PactV4({ ...opts, spec: SpecificationVersion.SPECIFICATION_VERSION_V3 })
        .addAsynchronousInteraction()
        .given('a user', { id: 3 })
        .expectsToReceive('a user created event', (b) => b.withJSONContent({ id: 3, name: 'Ada' }).withMetadata({ topic: 'users' }))
        .executeTest(async (m) => seen(m))
    },
    differences({ ref, ours }) {
      // pact-js bug: it takes `contents.content` of the reified message, which a V3 message
      // does not have, so the handler gets `content: undefined`. We hand the contents.
      replaceRef(ref, ours, (s) => s.received[0].contents, (s, v) => (s.received[0].contents = v), { ref: { content: undefined }, ours: { content: { id: 3, name: 'Ada' } } })
    },
  },

  {
    name: 'PactV4 async: JSON given as bytes (withContent application/json)',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('an order as JSON bytes', (b) => b.withContent('application/json', Buffer.from(JSON.stringify({ id: M.integer(5), sku: 'A-1' }))))
        .executeTest(async (m) => seen(m.contents.content))
    },
    differences({ ref, ours }) {
      // pact-js bug: it base64-decodes whatever withContent gave, here the parsed JSON, and
      // Buffer.from(object) throws before the handler runs; nothing is written. libpact_ffi
      // reads the bytes as JSON with its matchers, and so do we; the handler gets the JSON's bytes.
      assert.equal(ref.outcome, 'failed')
      assert.match(ref.error.message, /The first argument must be of type string or an instance of Buffer/)
      assert.equal(ref.pact, null)
      assert.deepEqual(ours.received, [Buffer.from('{"id":5,"sku":"A-1"}')])
      const [interaction] = ours.pact.interactions
      assert.deepEqual(interaction.contents, { content: { id: 5, sku: 'A-1' }, contentType: 'application/json', encoded: false })
      assert.deepEqual(interaction.matchingRules, { body: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } } })
      Object.assign(ref, { outcome: ours.outcome, error: ours.error, pact: ours.pact, received: ours.received })
    },
  },

  {
    name: 'PactV4 async: bytes of a text type that are not UTF-8',
    async run({ PactV4 }, { opts, seen }) {
      await new PactV4(opts)
        .addAsynchronousInteraction()
        .expectsToReceive('a Latin-1 note', (b) => b.withContent('text/plain', Buffer.from('caf\xe9', 'latin1')))
        .executeTest(async (m) => seen(m.contents.content))
    },
    differences({ ref, ours }) {
      // pact-js bug: libpact_ffi cannot store them as text and writes empty contents, and the
      // handler gets an empty Buffer. We keep the bytes (base64, contentTypeHint BINARY).
      const bytes = Buffer.from('caf\xe9', 'latin1')
      replaceRef(ref, ours, (s) => s.pact.interactions[0].contents, (s, v) => (s.pact.interactions[0].contents = v), {
        ref: { content: '', contentType: 'text/plain', encoded: false },
        ours: { content: bytes.toString('base64'), contentType: 'text/plain', contentTypeHint: 'BINARY', encoded: 'base64' },
      })
      replaceRef(ref, ours, (s) => s.received, (s, v) => (s.received = v), { ref: [Buffer.alloc(0)], ours: [bytes] })
    },
  },
  // PactV4 synchronous messages
  {
    name: 'PactV4 sync: JSON request with matchers, two responses (JSON, raw XML bytes), states, pending, comments',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      const value = await new PactV4(opts)
        .addSynchronousInteraction('a stock query')
        .given('A-1 is in stock', { sku: 'A-1', count: 3 })
        .pending()
        .comment('two answers')
        .comment({ key: 'ticket', value: 'STK-1' })
        .testName('asks for stock')
        .reference('asyncapi', 'operationId', 'stockQuery')
        .withRequest((b) => b.withJSONContent({ sku: M.regex('[A-Z]-\\d+', 'A-1'), detail: M.like(true) }))
        .withResponse((b) => b.withJSONContent({ sku: M.string('A-1'), count: M.integer(3), at: M.eachLike('shelf-1') }).withContent('application/xml', Buffer.from(RAW_XML)))
        .executeTest(async (m) => {
          seen([JSON.parse(m.Request.content.toString()), JSON.parse(m.Response[0].content.toString()), m.Response[1].content.toString()])
          return m.Response.length
        })
      seen(value)
    },
  },
  {
    name: 'PactV4 sync: binary request bytes and a JSON response',
    async run({ PactV4 }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a thumbnail request')
        .withRequest((b) => b.withContent('image/jpeg', JPEG))
        .withResponse((b) => b.withJSONContent({ stored: true }))
        .executeTest(async (m) => seen([m.Request.content, JSON.parse(String(m.Response[0].content))]))
    },
  },
  {
    name: 'PactV4 sync: withMatchingRules on the request and on the responses',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a price query')
        .withRequest((b) => b.withJSONContent({ sku: 'A-1' }).withMatchingRules({ body: { path: '$.sku', rules: [M.regex('[A-Z]-\\d+', 'A-1')] } }))
        .withResponse((b) => b.withJSONContent({ price: 3 }).withJSONContent({ price: 4 }).withMatchingRules({ body: { path: '$.price', rules: [M.integer(3)] } }))
        .executeTest(async (m) => seen(m.Response.map((r) => JSON.parse(String(r.content)))))
    },
  },
  {
    name: 'PactV4 sync: response metadata',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a reservation')
        .withRequest((b) => b.withJSONContent({ sku: 'A-1' }))
        .withResponse((b) => b.withJSONContent({ reserved: true }).withMetadata({ status: 'ok', replyTo: M.regex('replies\\..*', 'replies.shop') }))
        .executeTest(async (m) => seen(JSON.parse(String(m.Response[0].content))))
    },
    differences({ ref, ours }) {
      // pact-js bug: a synchronous message's metadata goes to a libpact_ffi call that takes
      // only asynchronous messages ("is not a message interaction"), so it is dropped. We keep
      // it, with its rule.
      const response = (s) => s.pact.interactions[0].response[0]
      assert.deepEqual(response(ref).metadata, { contentType: 'application/json' })
      assert.equal(response(ref).matchingRules, undefined)
      assert.deepEqual(response(ours).metadata, { contentType: 'application/json', status: 'ok', replyTo: 'replies.shop' })
      assert.deepEqual(response(ours).matchingRules, { metadata: { replyTo: { combine: 'AND', matchers: [{ match: 'regex', regex: 'replies\\..*' }] } } })
      ref.pact.interactions[0].response[0] = response(ours)
    },
  },
  {
    name: 'PactV4 sync: a text request given as bytes (withContent text/plain)',
    async run({ PactV4 }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a ping')
        .withRequest((b) => b.withContent('text/plain', Buffer.from('ping')))
        .withResponse((b) => b.withContent('text/plain', Buffer.from('pong')))
        .executeTest(async (m) => seen([String(m.Request.content), String(m.Response[0].content)]))
    },
  },

  {
    name: 'PactV4 sync: JSON bytes with a matcher inside (withContent application/json)',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a JSON bytes query')
        .withRequest((b) => b.withContent('application/json', Buffer.from(JSON.stringify({ sku: 'A-1', n: M.integer(2) }))))
        .withResponse((b) => b.withContent('application/json', Buffer.from('{"ok":true}')))
        .executeTest(async (m) => seen([JSON.parse(String(m.Request.content)), JSON.parse(String(m.Response[0].content))]))
    },
    differences({ ref, ours }) {
      // libpact_ffi stores the bytes of a synchronous message as they are, so a matcher in them
      // stays in the contents as its JSON (and the handler gets it). We read JSON bytes as
      // JSON with their matchers, as for asynchronous messages; bytes without a matcher give
      // the same file.
      const request = (s) => s.pact.interactions[0].request
      assert.deepEqual(request(ref).contents.content, { sku: 'A-1', n: { 'pact:matcher:type': 'integer', value: 2 } })
      assert.deepEqual(request(ref).matchingRules, { body: { $: { combine: 'AND', matchers: [{ match: 'contentType', value: 'application/json' }] } } })
      assert.deepEqual(request(ours).contents.content, { sku: 'A-1', n: 2 })
      assert.deepEqual(request(ours).matchingRules, {
        body: { $: { combine: 'AND', matchers: [{ match: 'contentType', value: 'application/json' }] }, '$.n': { combine: 'AND', matchers: [{ match: 'integer' }] } },
      })
      ref.pact.interactions[0].request = request(ours)
      replaceRef(ref, ours, (s) => s.received[0][0], (s, v) => (s.received[0][0] = v), { ref: { sku: 'A-1', n: { 'pact:matcher:type': 'integer', value: 2 } }, ours: { sku: 'A-1', n: 2 } })
    },
  },
  {
    name: 'PactV4 sync: a request without contents',
    async run({ PactV4 }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a ping without contents')
        .withRequest(() => {})
        .withResponse((b) => b.withJSONContent({ pong: true }))
        .executeTest(async (m) => seen([m.Request.content, String(m.Response[0].content)]))
    },
    differences({ ref, ours }) {
      // pact-js bug: libpact_ffi refuses to hand over a part without contents ("Retrieved an
      // empty message"): the test fails, nothing is written. We hand an empty Buffer.
      assert.equal(ref.outcome, 'failed')
      assert.match(ref.error.message, /Retrieved an empty message/)
      assert.equal(ref.pact, null)
      assert.deepEqual(ours.received, [[Buffer.alloc(0), '{"pong":true}']])
      assert.deepEqual(ours.pact.interactions[0].request, {})
      Object.assign(ref, { outcome: ours.outcome, error: ours.error, pact: ours.pact, received: ours.received })
    },
  },

  {
    name: 'PactV4 sync: generators in the request and the response',
    async run({ PactV4, MatchersV3: M }, { opts, seen }) {
      await new PactV4(opts)
        .addSynchronousInteraction('a numbered query')
        .withRequest((b) => b.withJSONContent({ seq: { 'pact:matcher:type': 'integer', 'pact:generator:type': 'RandomInt', min: 100, max: 110, value: 1 } }))
        .withResponse((b) => b.withJSONContent({ id: M.uuid() }))
        .executeTest(async (m) => seen([JSON.parse(String(m.Request.content)), JSON.parse(String(m.Response[0].content))]))
    },
    differences({ ref, ours }) {
      // pact-js hands a synchronous message's stored bytes (the examples); we apply the
      // generators, as for V3 messages. The file keeps the examples on both sides.
      const [[request, response]] = ours.received
      assert.deepEqual(ref.received, [[{ seq: 1 }, { id: 'e2490de5-5bd3-43d5-b7c4-526e33f71304' }]])
      assert.ok(request.seq >= 100 && request.seq <= 110, String(request.seq))
      assert.match(response.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      assert.notEqual(response.id, 'e2490de5-5bd3-43d5-b7c4-526e33f71304')
      ref.received = ours.received
    },
  },
  // Together
  {
    name: 'PactV4: an HTTP interaction, an asynchronous and a synchronous message of one PactV4, in one file',
    async run({ PactV4 }, { opts, seen }) {
      const pact = new PactV4(opts)
      await pact
        .addInteraction()
        .uponReceiving('a request for order 1')
        .withRequest('GET', '/orders/1')
        .willRespondWith(200, (b) => b.jsonBody({ id: 1 }))
        .executeTest(async (ms) => seen((await fetch(`${ms.url}/orders/1`)).status))
      await pact
        .addAsynchronousInteraction()
        .expectsToReceive('an order shipped event', (b) => b.withJSONContent({ id: 1, shipped: true }))
        .executeTest(async (m) => seen(m.contents.content))
      await pact
        .addSynchronousInteraction('an order status query')
        .withRequest((b) => b.withJSONContent({ id: 1 }))
        .withResponse((b) => b.withJSONContent({ status: 'shipped' }))
        .executeTest(async (m) => seen(String(m.Response[0].content)))
    },
  },
]

/**
 * The reference writes interactions and messages sorted by description; the core keeps the
 * order in which they were merged. Same entries, other order: checked here, then our list is
 * put in the reference's order.
 */
function sameEntriesInOtherOrder(ref, ours) {
  for (const key of ['interactions', 'messages']) {
    const a = ref?.[key]
    const b = ours?.[key]
    const name = (i) => i.description
    if (!a || !b || a.length !== b.length || a.every((i, n) => name(i) === name(b[n]))) continue
    const sorted = [...a].sort((x, y) => (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0))
    assert.deepEqual(a.map(name), sorted.map(name), `the reference writes ${key} sorted by description`)
    const byDescription = new Map()
    for (const i of b) byDescription.set(name(i), [...(byDescription.get(name(i)) ?? []), i])
    ours[key] = a.map((i) => byDescription.get(name(i))?.shift() ?? i)
  }
}

scenarios.forEach((s, i) => {
  s.index = i + 1
})

test('message scenarios: V3 and V4, every message builder, at least 20', () => {
  assert.ok(scenarios.length >= 20, `${scenarios.length} scenarios`)
  const source = [xmlOrder, ...scenarios.map((s) => s.run)].map(String).join('\n')
  for (const call of [
    'MessageConsumerPact',
    'withContent(',
    'withTextContent(',
    'withBinaryContent(',
    'withMetadata(',
    '.given(',
    'synchronousBodyHandler',
    'asynchronousBodyHandler',
    'addAsynchronousInteraction',
    'addSynchronousInteraction',
    'withJSONContent(',
    'withMatchingRules(',
    'pending(',
    'comment(',
    'testName(',
    'reference(',
    'v4SynchronousBodyHandler',
    'v4AsynchronousBodyHandler',
    'XmlBuilder',
  ]) {
    assert.ok(source.includes(call), call)
  }
})

for (const scenario of scenarios) {
  test(`same pact file, handler messages and outcome as @pact-foundation/pact: ${scenario.name}`, async () => {
    const ref = await runScenario(reference, scenario, 'ref')
    const ours = await runScenario(dropIn, scenario, 'ours')
    if (process.env.PACT_JS_DIFF_DEBUG) {
      console.log(JSON.stringify({ ref: { ...ref, error: ref.error?.message }, ours: { ...ours, error: ours.error?.message } }, null, 1))
    }
    if (!scenario.differences && (ref.error || ours.error)) {
      // A failure no difference explains: show both errors.
      assert.equal(ours.error?.message, ref.error?.message)
    }
    scenario.differences?.({ ref, ours })
    sameEntriesInOtherOrder(ref.pact, ours.pact)
    assert.deepEqual(ours.pact, ref.pact, 'pact file')
    assert.deepEqual(ours.received, ref.received, 'what the handlers were handed')
    assert.equal(ours.outcome, ref.outcome, 'outcome')
    assert.equal(ours.error?.message, ref.error?.message)
  })
}
