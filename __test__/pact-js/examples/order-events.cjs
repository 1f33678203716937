// The code under test of the pact-js style message suites: the handlers of a shipping worker
// that consumes order events (written the way consumer code is, no knowledge of Pact).
'use strict'

const shipments = []

/** Handles an order-placed event: a shipment of its lines. */
function handleOrderPlaced(event) {
  if (!event || !Array.isArray(event.lines) || event.lines.length === 0) {
    throw new Error('malformed order-placed event')
  }
  const shipment = { orderId: event.id, units: event.lines.reduce((n, line) => n + line.qty, 0) }
  shipments.push(shipment)
  return shipment
}

/** Handles an order-cancelled event, given as text ("cancel <id>"). */
async function handleOrderCancelled(text) {
  const match = /^cancel (\d+)$/.exec(String(text))
  if (!match) throw new Error(`not a cancellation: ${text}`)
  return { orderId: Number(match[1]), cancelled: true }
}

/** Handles a packing-slip event: binary PDF bytes. */
function handlePackingSlip(bytes) {
  if (!Buffer.isBuffer(bytes) || bytes.subarray(0, 4).toString() !== '%PDF') throw new Error('not a PDF')
  return bytes.length
}

module.exports = { handleOrderPlaced, handleOrderCancelled, handlePackingSlip, shipments }
