// PactV4 and PactV3 consumer tests in pact-js's documented style, TypeScript under Vitest
// (types checked by `tsc --strict`), importing only pact-mock-server-ffi/pact-js.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  PactV3,
  PactV4,
  MatchersV3,
  SpecificationVersion,
  type Rules,
  type V3MockServer,
} from 'pact-mock-server-ffi/pact-js'
import { TypedOrderClient, type Order } from '../typed-order-client'

const { integer, string, eachLike, regex } = MatchersV3
const dir = process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts')

describe('TypedOrderClient (Vitest)', () => {
  const provider = new PactV4({ consumer: 'PactJsDropInVitest', provider: 'OrderService', dir, logLevel: 'warn', spec: SpecificationVersion.SPECIFICATION_VERSION_V4 })

  it('creates an order, its request checked by matching rules given as rules', async () => {
    const rules: Rules = { body: { path: '$.lines[*].qty', rules: [integer(1)] } }
    const created = await provider
      .addInteraction()
      .uponReceiving('a typed request to create an order')
      .pending()
      .comment('written with Vitest')
      .testName('creates an order')
      .withRequest('POST', '/orders', (builder) => {
        builder.jsonBody({ lines: [{ sku: 'A-1', qty: 3 }] }).matchingRules(rules)
      })
      .willRespondWith(201, (builder) => {
        builder.headers({ Location: regex('/orders/\\d+', '/orders/10') }).jsonBody({ id: integer(10), status: 'open', lines: eachLike({ sku: string('A-1'), qty: integer(3) }) })
      })
      .executeTest((mockserver: V3MockServer): Promise<Order> => new TypedOrderClient(mockserver.url).createOrder([{ sku: 'A-1', qty: 7 }]))
    expect(created?.id).toBe(10)
  })

  it('reports every mismatch when the client misbehaves', async () => {
    const error = await provider
      .addInteraction()
      .uponReceiving('a typed request for order 11')
      .withRequest('GET', '/orders/11')
      .willRespondWith(200)
      .executeTest(async (mockserver) => {
        await fetch(`${mockserver.url}/orders/12`)
      })
      .catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/0\) The following request was not expected: [\s\S]*1\) The following request was expected but not received:/)
  })
})

describe('TypedOrderClient with PactV3 (Vitest)', () => {
  const provider = new PactV3({ consumer: 'PactJsDropInVitestV3', provider: 'OrderService', dir, logLevel: 'warn' })

  it('gets an order', async () => {
    provider
      .given('an order exists', { id: 12 })
      .uponReceiving('a V3 typed request for order 12')
      .withRequest({ method: 'GET', path: '/orders/12' })
      .willRespondWith({ status: 200, body: { id: integer(12), status: 'shipped', lines: [] } })
    const order = await provider.executeTest((mockserver) => new TypedOrderClient(mockserver.url).getOrder(12))
    expect(order).toEqual({ id: 12, status: 'shipped', lines: [] })
  })
})
