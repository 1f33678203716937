/** @jest-environment node */
// A Jest consumer test written as users write them.
const path = require('node:path')
const { Pact, Matchers } = require('pact-mock-server-ffi')
const { UserClient } = require('../user-client.cjs')

const { like, integer, string, eachLike } = Matchers
const dir = process.env.PACT_DIR || path.resolve(__dirname, '../../../pacts')
const pact = new Pact('WebApp', 'UserService')

describe('UserClient', () => {
  it('returns an existing user (provider state with params)', async () => {
    pact
      .newInteraction('a request for user 42')
      .given('a user exists', { id: 42, name: 'Ada' })
      .withRequest('GET', '/users/42')
      .withHeader('Accept', 'application/json')
      .willRespondWith(200)
      .withResponseHeader('Content-Type', 'application/json')
      .withResponseBody(like({ id: integer(42), name: string('Ada'), roles: eachLike('admin') }))

    await pact.executeTest(async (server) => {
      const user = await new UserClient(server.url).getUser(42)
      expect(user).toEqual({ id: 42, name: 'Ada', roles: ['admin'] })
    }, { dir })
  })

  it('reports a missing user', async () => {
    pact
      .newInteraction('a request for a missing user')
      .given('no user 7')
      .withRequest('GET', '/users/7')
      .withHeader('Accept', 'application/json')
      .willRespondWith(404)

    await pact.executeTest(async (server) => {
      await expect(new UserClient(server.url).getUser(7)).rejects.toThrow('HTTP 404')
    }, { dir })
  })

  it('fails with the list of mismatches when the client calls the wrong path', async () => {
    pact.newInteraction('a request for user 1').withRequest('GET', '/users/1').willRespondWith(200).withResponseBody({ id: 1 })

    const run = pact.executeTest(async (server) => {
      // The bug under test: the client asks for the wrong user. The mock answers 500.
      await expect(new UserClient(server.url).getUser(2)).rejects.toThrow('HTTP 500')
    }, { dir })
    await expect(run).rejects.toThrow(/The following request was not expected:[\s\S]*Path: \/users\/2/)
    await expect(run).rejects.toThrow(/The following request was expected but not received:[\s\S]*Path: \/users\/1/)
    await expect(run).rejects.toMatchObject({ code: 'PACT_MISMATCH' })
  })
})
