// PactV4 consumer tests in pact-js's documented style, TypeScript under Jest (types checked
// by `tsc --strict`), importing only pact-mock-server-ffi/pact-js.
import path from 'node:path'
import { Pact, Matchers, type V3MockServer } from 'pact-mock-server-ffi/pact-js'
import { TypedOrderClient, type Order } from '../typed-order-client'

const { integer, string, eachLike, like } = Matchers

const provider = new Pact({
  consumer: 'PactJsDropInJestTs',
  provider: 'OrderService',
  dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'),
  logLevel: 'warn',
})

describe('TypedOrderClient', () => {
  it('gets a typed order', async () => {
    const order: Order | undefined = await provider
      .addInteraction()
      .given('an order exists', { id: 9 })
      .uponReceiving('a typed request for order 9')
      .withRequest('GET', '/orders/9')
      .willRespondWith(200, (builder) => {
        builder.jsonBody({ id: integer(9), status: 'open', lines: eachLike({ sku: string('A-1'), qty: integer(1) }) })
      })
      .executeTest((mockserver: V3MockServer) => new TypedOrderClient(mockserver.url).getOrder(9))
    expect(order?.lines[0]).toEqual({ sku: 'A-1', qty: 1 })
  })

  it('asks for a hero (GraphQL)', async () => {
    await provider
      .addGraphQLInteraction()
      .given('the hero of JEDI is Luke')
      .uponReceiving('a hero query')
      .withOperation('Hero')
      .withVariables({ episode: 'JEDI' })
      .withRequest('POST', '/graphql')
      .withQuery(`
        query Hero($episode: String) {
          hero(episode: $episode) {
            name
          }
        }`)
      .willRespondWith(200, (builder) => builder.jsonBody({ data: { hero: { name: like('Luke') } } }))
      .executeTest(async (mockserver) => {
        const reply = await new TypedOrderClient(mockserver.url).hero('JEDI')
        expect(reply.data.hero.name).toBe('Luke')
      })
  })
})
