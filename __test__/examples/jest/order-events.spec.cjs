/** @jest-environment node */
// A message consumer test in Jest, written as users write them: the consumer's Kafka handler is
// handed a message built from the contract, and the pact file records what it needs.
const path = require('node:path')
const { Pact, Matchers } = require('pact-mock-server-ffi')
const { ShipmentStore, orderPlacedHandler } = require('../order-events.cjs')

const { integer, string, regex, eachLike, uuid } = Matchers
const dir = process.env.PACT_DIR || path.resolve(__dirname, '../../../pacts')
const pact = new Pact('ShippingWorker', 'OrderEvents')

/** The reified message as the Kafka payload the handler receives from kafkajs. */
function asKafkaPayload(message) {
  const { topic, key, ...headers } = message.metadata
  return {
    topic,
    partition: 0,
    message: {
      key: Buffer.from(String(key)),
      value: Buffer.from(JSON.stringify(message.contents)),
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(String(v))])),
    },
  }
}

describe('order-placed events', () => {
  it('become a shipment', async () => {
    const store = new ShipmentStore()
    const shipment = await pact
      .newMessage('an order placed event')
      .given('an order with two lines', { orderId: 1001 })
      .withContents({
        orderId: integer(1001),
        customer: string('ada'),
        lines: eachLike({ sku: regex('[A-Z]-\\d+', 'A-1'), qty: integer(2) }),
      })
      .withMetadata({ topic: 'orders.placed', key: regex('\\d+', '1001'), 'trace-id': uuid() })
      .executeTest((message) => orderPlacedHandler(store)(asKafkaPayload(message)), { dir })

    expect(shipment.orderId).toBe(1001)
    expect(shipment.units).toBe(2)
    expect(shipment.traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(store.shipments).toHaveLength(1)
  })

  it('a handler that fails writes nothing', async () => {
    const message = pact
      .newMessage('an order placed event without lines')
      .withContents({ orderId: integer(1002), lines: [] })
      .withMetadata({ topic: 'orders.placed', key: '1002', 'trace-id': uuid() })

    await expect(
      message.executeTest((m) => orderPlacedHandler(new ShipmentStore())(asKafkaPayload(m)), { dir }),
    ).rejects.toThrow('malformed order-placed event')
  })
})
