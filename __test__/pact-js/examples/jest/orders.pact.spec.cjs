// PactV4 consumer tests in pact-js's documented style (JavaScript, Jest), importing only
// pact-mock-server-ffi/pact-js.
const path = require('node:path')
const { PactV4, MatchersV3, SpecificationVersion } = require('pact-mock-server-ffi/pact-js')
const { OrderClient } = require('../order-client.cjs')

const { like, eachLike, integer, string, regex, datetime, uuid, matchStatus } = MatchersV3

const provider = new PactV4({
  consumer: 'PactJsDropInJest',
  provider: 'OrderService',
  dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'),
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'warn',
})

const orderExample = { id: 42, status: 'open', lines: [{ sku: 'A-1', qty: 2 }] }
const orderBody = {
  id: integer(42),
  status: regex('open|shipped|cancelled', 'open'),
  lines: eachLike({ sku: string('A-1'), qty: integer(2) }),
}

describe('OrderClient', () => {
  it('gets an order (provider state with parameters)', () =>
    provider
      .addInteraction()
      .given('an order exists', { id: 42 })
      .uponReceiving('a request for order 42')
      .withRequest('GET', '/orders/42', (builder) => {
        builder.headers({ Accept: 'application/json' })
      })
      .willRespondWith(200, (builder) => {
        builder.headers({ 'Content-Type': 'application/json' })
        builder.jsonBody(orderBody)
      })
      .executeTest(async (mockserver) => {
        const order = await new OrderClient(mockserver.url).getOrder(42)
        expect(order).toEqual(orderExample)
      }))

  it('lists orders by status (query parameters)', () =>
    provider
      .addInteraction()
      .given('there are shipped orders')
      .uponReceiving('a request for shipped orders')
      .withRequest('GET', '/orders', (builder) => builder.query({ status: 'shipped' }))
      .willRespondWith(200, (builder) => builder.jsonBody(eachLike({ ...orderBody, status: 'shipped' }, 2)))
      .executeTest(async (mockserver) => {
        const orders = await new OrderClient(mockserver.url).listOrders('shipped')
        expect(orders).toHaveLength(2)
      }))

  it('creates an order (request body with matchers, generated response values)', () =>
    provider
      .addInteraction()
      .uponReceiving('a request to create an order')
      .withRequest('POST', '/orders', (builder) => {
        builder.headers({ 'Content-Type': 'application/json' }).jsonBody({ lines: eachLike({ sku: string('B-7'), qty: integer(1) }) })
      })
      .willRespondWith(201, (builder) => {
        builder.jsonBody({ id: integer(), reference: uuid(), created: datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-02-03T04:05:06'), lines: like([{ sku: 'B-7', qty: 1 }]) })
      })
      .executeTest(async (mockserver) => {
        const order = await new OrderClient(mockserver.url).createOrder({ lines: [{ sku: 'C-9', qty: 5 }] })
        expect(Number.isInteger(order.id)).toBe(true)
        expect(order.reference).toMatch(/^[0-9a-f-]{36}$/)
      }))

  it('cancels an order (status class matcher, several interactions in one test)', () => {
    provider
      .addInteraction()
      .given('an order exists', { id: 7 })
      .uponReceiving('a request to look at order 7')
      .withRequest('GET', '/orders/7')
      .willRespondWith(200, (builder) => builder.jsonBody({ ...orderBody, id: integer(7) }))
    return provider
      .addInteraction()
      .given('an order exists', { id: 7 })
      .uponReceiving('a request to cancel order 7')
      .withRequest('DELETE', '/orders/7')
      .willRespondWith(matchStatus(204, 'success'))
      .executeTest(async (mockserver) => {
        const client = new OrderClient(mockserver.url)
        await client.getOrder(7)
        await client.cancelOrder(7)
      })
  })

  it('uploads an invoice (multipart/form-data)', () =>
    provider
      .addInteraction()
      .uponReceiving('an invoice upload')
      .withRequest('POST', '/orders/42/invoice', (builder) => builder.multipartBody('text/plain', path.join(__dirname, '..', 'invoice.txt'), 'invoice'))
      .willRespondWith(202)
      .executeTest(async (mockserver) => {
        await new OrderClient(mockserver.url).uploadInvoice(42, 'order 42: 2 x A-1\n')
      }))

  it('fails the test when the client sends something else', async () => {
    await expect(
      provider
        .addInteraction()
        .uponReceiving('a request for order 1')
        .withRequest('GET', '/orders/1')
        .willRespondWith(200)
        .executeTest(async (mockserver) => {
          await new OrderClient(mockserver.url).getOrder(2).catch(() => undefined)
        }),
    ).rejects.toThrow(/Test failed for the following reasons:[\s\S]*The following request was not expected/)
  })
})
