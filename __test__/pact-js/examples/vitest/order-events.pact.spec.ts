// Message consumer tests in pact-js's documented style, TypeScript under Vitest (types checked
// by `tsc --strict`): a typed asynchronous message handler, a synchronous request/reply message
// and a MessageConsumerPact with a typed body handler; importing only pact-mock-server-ffi/pact-js.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  MatchersV3,
  MessageConsumerPact,
  PactV4,
  XmlBuilder,
  synchronousBodyHandler,
  v4AsynchronousBodyHandler,
  type ConcreteMessage,
} from 'pact-mock-server-ffi/pact-js'
import { readStockReply, unitsOf, type OrderPlaced } from '../typed-order-events'

const { integer, string, eachLike, regex } = MatchersV3
const dir = process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts')

describe('order events (Vitest, PactV4 messages)', () => {
  const pact = new PactV4({ consumer: 'PactJsDropInVitestMessages', provider: 'OrderEvents', dir, logLevel: 'warn' })

  it('counts the units of a placed order (typed handler)', async () => {
    const units = await pact
      .addAsynchronousInteraction()
      .given('an order with lines', { id: 1001 })
      .pending()
      .testName('counts units')
      .expectsToReceive('a typed order placed event', (builder) => {
        builder
          .withJSONContent({ id: integer(1001), customer: string('ada'), lines: eachLike({ sku: regex('[A-Z]-\\d+', 'A-1'), qty: integer(3) }, 2) })
          .withMetadata({ topic: 'orders.placed' })
          .withMatchingRules({ body: { path: '$.customer', rules: [string('ada')] } })
      })
      .executeTest(v4AsynchronousBodyHandler(async (body) => unitsOf(body as unknown as OrderPlaced)))
    expect(units).toBe(6)
  })

  it('reads the reply to a stock query (synchronous message, two replies)', async () => {
    const replies = await pact
      .addSynchronousInteraction('a stock query for A-1')
      .given('A-1 is in stock')
      .withRequest((builder) => {
        builder.withJSONContent({ sku: string('A-1') })
      })
      .withResponse((builder) => {
        builder
          .withJSONContent({ sku: string('A-1'), available: integer(12) })
          .withJSONContent({ sku: string('A-1'), available: integer(0) })
          .withMetadata({ status: 'ok' })
      })
      .executeTest(async (message) => {
        expect(JSON.parse(String(message.Request.content))).toEqual({ sku: 'A-1' })
        return message.Response.map((response) => readStockReply(response.content as Buffer))
      })
    expect(replies).toEqual([
      { sku: 'A-1', available: 12 },
      { sku: 'A-1', available: 0 },
    ])
  })

  it('an order event as XML', async () => {
    // pact-js types XML attributes as a Map; its XmlBuilder takes plain objects too.
    const xml = new XmlBuilder('1.0', 'UTF-8', 'order').build((order) => {
      order.appendElement('id', new Map(), regex('\\d+', '5'))
      order.appendElement('total', new Map(), string('9.50'))
    })
    const text = await pact
      .addAsynchronousInteraction()
      .expectsToReceive('an XML order event', (builder) => {
        builder.withContent('application/xml', Buffer.from(xml))
      })
      .executeTest(async (message) => String(message.contents.content))
    expect(text).toMatch(/<order><id>5<\/id><total>9\.50<\/total><\/order>/)
  })
})

describe('order events (Vitest, MessageConsumerPact)', () => {
  const messagePact = new MessageConsumerPact({ consumer: 'PactJsDropInVitestMessagesV3', provider: 'OrderEvents', dir, logLevel: 'warn' })

  it('counts the units of a placed order (typed body handler)', async () => {
    let counted = 0
    await messagePact
      .given({ name: 'an order', params: { id: '9' } })
      .expectsToReceive('a typed V3 order placed event')
      .withContent({ id: integer(9), customer: 'grace', lines: eachLike({ sku: 'C-3', qty: integer(4) }) })
      .verify(
        synchronousBodyHandler<number, OrderPlaced>((event) => {
          counted = unitsOf(event)
          return counted
        }),
      )
    expect(counted).toBe(4)
  })

  it('hands the whole message', async () => {
    await messagePact
      .expectsToReceive('a typed event with metadata')
      .withContent({ id: 10, lines: [{ sku: 'D-4', qty: 1 }] })
      .withMetadata({ topic: regex('orders\\..*', 'orders.placed') })
      .verify(async (message: ConcreteMessage) => {
        expect(message.description).toBe('a typed event with metadata')
        expect(message.metadata).toMatchObject({ topic: 'orders.placed', contentType: 'application/json' })
      })
  })
})
