// A Vitest consumer test written as users write them (ES modules).
import path from 'node:path'
import { describe, it, expect } from 'vitest'
import { Pact, Matchers } from 'pact-mock-server-ffi'
import clientModule from '../user-client.cjs'

const { UserClient } = clientModule
const dir = process.env.PACT_DIR || path.resolve(import.meta.dirname, '../../../pacts')

describe('UserClient (vitest)', () => {
  const pact = new Pact('VitestApp', 'UserService')

  it('returns an existing user (provider state with params)', async () => {
    pact
      .newInteraction('a request for user 42')
      .given('a user exists', { id: 42 })
      .withRequest('GET', '/users/42')
      .willRespondWith(200)
      .withResponseBody({ id: Matchers.integer(42), name: Matchers.string('Ada') })

    const user = await pact.executeTest((server) => new UserClient(server.url).getUser(42), { dir })
    expect(user).toEqual({ id: 42, name: 'Ada' })
  })

  it('fails with the list of mismatches when a request never comes', async () => {
    pact.newInteraction('delete user 1').withRequest('DELETE', '/users/1').willRespondWith(204)
    await expect(pact.executeTest(async () => {}, { dir })).rejects.toThrow(
      /The following request was expected but not received:[\s\S]*Method: DELETE[\s\S]*Path: \/users\/1/,
    )
  })
})
