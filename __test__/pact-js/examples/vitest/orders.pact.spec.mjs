// A JavaScript (ES module) consumer test under Vitest, in pact-js's documented style.
import path from 'node:path'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { Pact, Matchers, XmlBuilder } from 'pact-mock-server-ffi/pact-js'

const { OrderClient } = createRequire(import.meta.url)('../order-client.cjs')
const { integer, string } = Matchers

const provider = new Pact({
  consumer: 'PactJsDropInVitestEsm',
  provider: 'OrderService',
  dir: process.env.PACT_DIR ?? path.resolve(import.meta.dirname, 'pacts'),
  logLevel: 'warn',
})

describe('OrderClient (Vitest, ESM)', () => {
  it('gets an order as XML', async () => {
    const xml = await provider
      .addInteraction()
      .given('an order exists', { id: 13 })
      .uponReceiving('an ESM request for order 13 as XML')
      .withRequest('GET', '/orders/13', (builder) => builder.headers({ Accept: 'application/xml' }))
      .willRespondWith(200, (builder) =>
        builder.xmlBody(new XmlBuilder('1.0', 'UTF-8', 'order').build((el) => el.setAttributes({ id: integer(13) }).appendElement('status', {}, string('open')))),
      )
      .executeTest((mockserver) => new OrderClient(mockserver.url).getOrderXml(13))
    expect(xml).toBe("<?xml version='1.0'?><order id='13'><status>open</status></order>")
  })
})
