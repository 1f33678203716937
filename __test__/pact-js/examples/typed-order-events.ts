// The TypeScript handlers the typed message suite tests: an order event consumer and a
// stock query client that sends a request message and reads the reply.
// A type alias, not an interface: body handlers take JSON types (AnyJson), which a type
// alias of JSON fields is assignable to.
export type OrderPlaced = {
  id: number
  customer: string
  lines: Array<{ sku: string; qty: number }>
}

export interface StockReply {
  sku: string
  available: number
}

export function unitsOf(event: OrderPlaced): number {
  if (event.lines.length === 0) throw new Error('an order without lines')
  return event.lines.reduce((n, line) => n + line.qty, 0)
}

/** Reads a stock reply message (JSON bytes, as a broker hands them over). */
export function readStockReply(bytes: Buffer): StockReply {
  const reply = JSON.parse(bytes.toString('utf8')) as StockReply
  if (typeof reply.available !== 'number') throw new Error('a stock reply without availability')
  return reply
}
