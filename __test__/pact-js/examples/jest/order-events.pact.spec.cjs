// Message consumer tests in pact-js's documented style (JavaScript, Jest): MessageConsumerPact
// with a body handler, and PactV4's asynchronous messages; importing only
// pact-mock-server-ffi/pact-js.
const path = require('node:path')
const {
  MessageConsumerPact,
  PactV4,
  MatchersV3,
  synchronousBodyHandler,
  asynchronousBodyHandler,
  v4SynchronousBodyHandler,
} = require('pact-mock-server-ffi/pact-js')
const { handleOrderPlaced, handleOrderCancelled, handlePackingSlip } = require('../order-events.cjs')

const { like, eachLike, integer, string, regex, uuid } = MatchersV3
const dir = process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts')

describe('order events (MessageConsumerPact, V3)', () => {
  const messagePact = new MessageConsumerPact({
    consumer: 'PactJsDropInJestMessages',
    provider: 'OrderEvents',
    dir,
    pactfileWriteMode: 'update',
    logLevel: 'warn',
  })

  it('ships a placed order', () =>
    messagePact
      .given('an order with two lines')
      .given({ name: 'a customer', params: { id: '7' } })
      .expectsToReceive('an order placed event')
      .withContent({ id: integer(1001), customer: like('ada'), lines: eachLike({ sku: regex('[A-Z]-\\d+', 'A-1'), qty: integer(2) }) })
      .withMetadata({ 'content-type': 'application/json', topic: regex('orders\\..*', 'orders.placed'), 'trace-id': uuid() })
      .verify(synchronousBodyHandler(handleOrderPlaced)))

  it('cancels an order from a text event', () =>
    messagePact
      .expectsToReceive('an order cancelled event')
      .withTextContent('cancel 1001', 'text/plain')
      .verify(asynchronousBodyHandler(handleOrderCancelled)))

  it('stores a packing slip (binary content)', () =>
    messagePact
      .expectsToReceive('a packing slip')
      .withBinaryContent(Buffer.from('%PDF-1.4 slip'), 'application/pdf')
      .verify(synchronousBodyHandler(handlePackingSlip)))

  it('a handler that rejects the message fails the test, and the message is not written', async () => {
    await expect(
      messagePact
        .expectsToReceive('an order placed event without lines')
        .withContent({ id: 1, lines: [] })
        .verify(synchronousBodyHandler(handleOrderPlaced)),
    ).rejects.toThrow('malformed order-placed event')
  })
})

describe('order events (PactV4 asynchronous messages)', () => {
  const pact = new PactV4({ consumer: 'PactJsDropInJestMessagesV4', provider: 'OrderEvents', dir, logLevel: 'warn' })

  it('ships a placed order', () =>
    pact
      .addAsynchronousInteraction()
      .given('an order with two lines', { id: 1001 })
      .expectsToReceive('an order placed event', (builder) => {
        builder
          .withJSONContent({ id: integer(1001), customer: string('ada'), lines: eachLike({ sku: string('A-1'), qty: integer(2) }, 2) })
          .withMetadata({ topic: 'orders.placed' })
      })
      .executeTest(v4SynchronousBodyHandler(handleOrderPlaced)))

  it('hands the whole message, metadata included', () =>
    pact
      .addAsynchronousInteraction()
      .comment('the handler reads the metadata too')
      .expectsToReceive('an order placed event with a key', (builder) => {
        builder.withJSONContent({ id: integer(1002), lines: eachLike({ sku: 'B-2', qty: integer(1) }) }).withMetadata({ key: regex('order-\\d+', 'order-1002') })
      })
      .executeTest(async (message) => {
        expect(message.metadata).toEqual({ key: 'order-1002' })
        expect(handleOrderPlaced(message.contents.content)).toEqual({ orderId: 1002, units: 1 })
      }))
})
