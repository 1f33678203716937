// A TypeScript message consumer test (Kafka-style handler, and a synchronous request/reply
// message): type-checked with `tsc --noEmit --strict`, run by Vitest.
import path from 'node:path'
import { describe, it, expect } from 'vitest'
import { Pact, Matchers, type ReifiedMessage, type ReifiedSynchronousMessage } from 'pact-mock-server-ffi'
import { orderPlacedHandler, readStockReply, type KafkaPayload, type Shipment } from './order-events'

const dir: string = process.env.PACT_DIR ?? path.resolve(__dirname, '../../../pacts')

function asKafkaPayload(message: ReifiedMessage): KafkaPayload {
  const { topic, ...headers } = message.metadata
  return {
    topic: String(topic),
    partition: 0,
    message: {
      key: null,
      value: Buffer.from(JSON.stringify(message.contents)),
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(String(v))])),
    },
  }
}

describe('order events (vitest, TypeScript)', () => {
  const pact = new Pact('OrderDashboard', 'OrderEvents', { specification: 'V4' })

  it('handles an order-placed event', async () => {
    const shipments: Shipment[] = []
    const shipment: Shipment = await pact
      .newMessage('an order placed event')
      .given('an order exists', { orderId: 7 })
      .withContents({
        orderId: Matchers.integer(7),
        customer: Matchers.string('grace'),
        lines: Matchers.eachLike({ sku: Matchers.string('B-2'), qty: Matchers.integer(3) }),
      })
      .withMetadata({ topic: 'orders.placed', 'trace-id': Matchers.uuid() })
      .executeTest((message: ReifiedMessage) => orderPlacedHandler(shipments)(asKafkaPayload(message)), { dir })
    expect(shipment).toMatchObject({ orderId: 7, units: 3 })
    expect(shipment.traceId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('queries stock with a synchronous message', async () => {
    const reply = await pact
      .newSynchronousMessage('a stock query for B-2')
      .given('B-2 is in stock')
      .withRequest({ sku: 'B-2' })
      .withRequestMetadata({ replyTo: 'stock.replies' })
      .withResponse({ sku: Matchers.string('B-2'), available: Matchers.integer(12) })
      .executeTest((message: ReifiedSynchronousMessage) => readStockReply(message.responses[0].contents), { dir })
    expect(reply).toEqual({ sku: 'B-2', available: 12 })
  })
})
