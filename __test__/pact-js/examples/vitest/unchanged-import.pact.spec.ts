// A pact-js consumer test left importing '@pact-foundation/pact': vitest.config.mjs aliases
// the import to pact-mock-server-ffi/pact-js (and tsconfig.json's `paths` the types).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as pactJs from '@pact-foundation/pact'
import * as dropIn from 'pact-mock-server-ffi/pact-js'
import { Pact, MatchersV3 } from '@pact-foundation/pact'
import { TypedOrderClient } from '../typed-order-client'

describe('an unchanged pact-js test (Vitest alias)', () => {
  it('runs on the drop-in', () => {
    expect(pactJs.PactV4).toBe(dropIn.PactV4)
  })

  it('gets an order', async () => {
    const provider = new Pact({ consumer: 'PactJsDropInVitestAlias', provider: 'OrderService', dir: process.env.PACT_DIR ?? path.resolve(__dirname, 'pacts'), logLevel: 'warn' })
    const order = await provider
      .addInteraction()
      .uponReceiving('an aliased request for order 14')
      .withRequest('GET', '/orders/14')
      .willRespondWith(200, (builder) => builder.jsonBody(MatchersV3.like({ id: 14, status: 'open', lines: [] })))
      .executeTest((mockserver) => new TypedOrderClient(mockserver.url).getOrder(14))
    expect(order?.id).toBe(14)
  })
})
