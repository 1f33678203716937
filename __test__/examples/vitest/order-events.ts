// The code under test of the TypeScript message example: a typed Kafka `eachMessage` handler
// (the kafkajs shape) and a request/reply stock query client.
export interface OrderPlaced {
  orderId: number
  customer: string
  lines: { sku: string; qty: number }[]
}

export interface KafkaPayload {
  topic: string
  partition: number
  message: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | undefined> }
}

export interface Shipment {
  orderId: number
  units: number
  traceId: string
}

export function orderPlacedHandler(shipments: Shipment[]) {
  return async ({ topic, message }: KafkaPayload): Promise<Shipment> => {
    if (topic !== 'orders.placed' || message.value === null) throw new Error(`unexpected message on ${topic}`)
    const event = JSON.parse(message.value.toString('utf8')) as OrderPlaced
    const units = event.lines.reduce((sum, line) => sum + line.qty, 0)
    const shipment = { orderId: event.orderId, units, traceId: String(message.headers['trace-id'] ?? '') }
    shipments.push(shipment)
    return shipment
  }
}

export interface StockReply {
  sku: string
  available: number
}

/** Reads the reply of a stock query sent over a request/reply channel (e.g. RabbitMQ RPC). */
export function readStockReply(body: unknown): StockReply {
  const reply = body as Partial<StockReply>
  if (typeof reply.sku !== 'string' || typeof reply.available !== 'number') throw new Error('bad stock reply')
  return { sku: reply.sku, available: reply.available }
}
