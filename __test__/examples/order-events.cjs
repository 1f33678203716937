// The code under test of the message examples: a Kafka consumer's `eachMessage` handler (the
// kafkajs shape: { topic, partition, message: { key, value, headers } }) that turns an
// order-placed event into a shipment.
'use strict'

class ShipmentStore {
  constructor() {
    this.shipments = []
  }

  add(shipment) {
    this.shipments.push(shipment)
    return shipment
  }
}

/** The handler the consumer registers with `consumer.run({ eachMessage })`. */
function orderPlacedHandler(store) {
  return async function eachMessage({ topic, message }) {
    if (topic !== 'orders.placed') throw new Error(`unexpected topic ${topic}`)
    const event = JSON.parse(message.value.toString('utf8'))
    if (!Number.isInteger(event.orderId) || !Array.isArray(event.lines) || event.lines.length === 0) {
      throw new Error('malformed order-placed event')
    }
    const units = event.lines.reduce((sum, line) => sum + line.qty, 0)
    return store.add({ orderId: event.orderId, units, traceId: message.headers['trace-id'].toString() })
  }
}

module.exports = { ShipmentStore, orderPlacedHandler }
