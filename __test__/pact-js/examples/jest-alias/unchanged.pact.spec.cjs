// A pact-js consumer test left as it was written for @pact-foundation/pact; jest.config.cjs
// maps the import to the drop-in.
const path = require('node:path')
const { PactV4, MatchersV3 } = require('@pact-foundation/pact')
const { OrderClient } = require('../order-client.cjs')

const provider = new PactV4({
  consumer: 'PactJsDropInJestAlias',
  provider: 'OrderService',
  dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'),
  logLevel: 'warn',
})

describe('an unchanged pact-js test', () => {
  it('runs on the drop-in', () => {
    expect(require('@pact-foundation/pact')).toBe(require('pact-mock-server-ffi/pact-js'))
  })

  it('gets an order', () =>
    provider
      .addInteraction()
      .given('an order exists', { id: 1 })
      .uponReceiving('a request for order 1')
      .withRequest('GET', '/orders/1')
      .willRespondWith(200, (builder) => builder.jsonBody(MatchersV3.like({ id: 1, status: 'open' })))
      .executeTest(async (mockserver) => {
        expect(await new OrderClient(mockserver.url).getOrder(1)).toEqual({ id: 1, status: 'open' })
      }))
})
