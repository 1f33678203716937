// PactV3 consumer tests in pact-js's documented style (fluent and object forms, XML).
const path = require('node:path')
const { PactV3, MatchersV3, XmlBuilder } = require('pact-mock-server-ffi/pact-js')
const { OrderClient } = require('../order-client.cjs')

const { integer, string, eachLike, regex } = MatchersV3

const provider = new PactV3({
  consumer: 'PactJsDropInJestV3',
  provider: 'OrderService',
  dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'),
  logLevel: 'warn',
})

describe('OrderClient with PactV3', () => {
  it('gets an order (fluent form)', () => {
    provider
      .given('an order exists', { id: 3 })
      .uponReceiving('a V3 request for order 3')
      .withRequest({ method: 'GET', path: '/orders/3', headers: { Accept: 'application/json' } })
      .willRespondWith({
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: { id: integer(3), status: 'open', lines: eachLike({ sku: string('A-1'), qty: integer(1) }) },
      })
    return provider.executeTest(async (mockserver) => {
      const order = await new OrderClient(mockserver.url).getOrder(3)
      expect(order.id).toBe(3)
    })
  })

  it('gets an order as XML (object form, XmlBuilder)', () => {
    provider.addInteraction({
      states: [{ description: 'an order exists', parameters: { id: 4 } }],
      uponReceiving: 'a V3 request for order 4 as XML',
      withRequest: { method: 'GET', path: '/orders/4', headers: { Accept: 'application/xml' } },
      willRespondWith: {
        status: 200,
        headers: { 'Content-Type': 'application/xml' },
        body: new XmlBuilder('1.0', 'UTF-8', 'order').build((el) => {
          el.setAttributes({ id: integer(4), status: regex('open|shipped', 'open') })
          el.eachLike('line', { sku: string('A-1') }, (line) => line.appendText(regex('\\d+', '2')), { examples: 2 })
        }),
      },
    })
    return provider.executeTest(async (mockserver) => {
      const xml = await new OrderClient(mockserver.url).getOrderXml(4)
      expect(xml).toMatch(/<order id='4' status='open'><line sku='A-1'>2<\/line><line sku='A-1'>2<\/line><\/order>/)
    })
  })
})
