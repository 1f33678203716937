// The PactV2 lifecycle as jest-pact's pactWith drives it (setup, addInteraction, verify after
// each test, finalize), with the V2 matchers.
const path = require('node:path')
const { PactV2, MatchersV2 } = require('pact-mock-server-ffi/pact-js')
const { OrderClient } = require('../order-client.cjs')

const { somethingLike, eachLike, term, integer } = MatchersV2

describe('Pact between PactJsDropInJestV2 and OrderService', () => {
  const provider = new PactV2({
    consumer: 'PactJsDropInJestV2',
    provider: 'OrderService',
    dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'),
    logLevel: 'warn',
    pactfileWriteMode: 'update',
    spec: 2,
  })
  beforeAll(() => provider.setup())
  afterEach(() => provider.verify())
  afterAll(() => provider.finalize())

  // The mock server restarts on the same port for every test; until the core closes the old
  // server's keep-alive connections at once (reported), the client does not reuse them.
  const client = () => new OrderClient(provider.mockService.baseUrl)
  const closing = { Connection: 'close' }

  it('gets an order', async () => {
    await provider.addInteraction({
      state: 'an order exists',
      uponReceiving: 'a V2 request for order 5',
      withRequest: { method: 'GET', path: term({ generate: '/orders/5', matcher: '/orders/\\d+' }) },
      willRespondWith: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: integer(5), status: somethingLike('open') } },
    })
    const order = await client().request('GET', '/orders/5', { headers: closing })
    expect(order).toEqual({ id: 5, status: 'open' })
  })

  it('lists orders', async () => {
    await provider.addInteraction({
      state: 'there are open orders',
      uponReceiving: 'a V2 request for open orders',
      withRequest: { method: 'GET', path: '/orders', query: 'status=open' },
      willRespondWith: { status: 200, headers: { 'Content-Type': 'application/json' }, body: eachLike({ id: integer(1) }, { min: 2 }) },
    })
    const orders = await client().request('GET', '/orders?status=open', { headers: closing })
    expect(orders).toHaveLength(2)
  })

  it('needs no interaction in every test', () => {
    expect(provider.mockService.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})
