// A Mocha consumer test written as users write them.
const assert = require('node:assert/strict')
const path = require('node:path')
const { Pact, Matchers } = require('pact-mock-server-ffi')
const { UserClient } = require('../user-client.cjs')

const dir = process.env.PACT_DIR || path.resolve(__dirname, '../../../pacts')

describe('UserClient (mocha)', function () {
  this.timeout(30000)
  const pact = new Pact('MochaApp', 'UserService')

  it('returns an existing user (provider state with params)', async () => {
    pact
      .newInteraction('a request for user 42')
      .given('a user exists', { id: 42 })
      .withRequest('GET', '/users/42')
      .withHeader('Accept', 'application/json')
      .willRespondWith(200)
      .withResponseBody({ id: Matchers.integer(42), name: Matchers.string('Ada') })

    const user = await pact.executeTest((server) => new UserClient(server.url).getUser(42), { dir })
    assert.deepEqual(user, { id: 42, name: 'Ada' })
  })

  it('fails with the list of mismatches when the client sends the wrong body', async () => {
    pact
      .newInteraction('create a user')
      .withRequest('POST', '/users')
      .withBody({ name: Matchers.string('Ada') })
      .willRespondWith(201)
      .withResponseBody({ id: 1 })

    await assert.rejects(
      pact.executeTest(async (server) => {
        // The bug under test: a number where the provider expects a string.
        await new UserClient(server.url).createUser({ name: 42 }).catch(() => {})
      }, { dir }),
      (error) => {
        assert.equal(error.code, 'PACT_MISMATCH')
        assert.match(error.message, /The following request was incorrect:/)
        assert.match(error.message, /POST \/users/)
        assert.ok(error.mismatches.length > 0)
        return true
      },
    )
  })
})
