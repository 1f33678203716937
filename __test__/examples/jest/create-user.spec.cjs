/** @jest-environment node */
// Runs in another Jest worker than users.spec.cjs and writes into the same pact file.
const path = require('node:path')
const { Pact, Matchers } = require('pact-mock-server-ffi')
const { UserClient } = require('../user-client.cjs')

const dir = process.env.PACT_DIR || path.resolve(__dirname, '../../../pacts')
const pact = new Pact('WebApp', 'UserService')

test.each(['Ada', 'Grace', 'Hedy', 'Joan', 'Radia'])('creates user %s', async (name) => {
  pact
    .newInteraction(`create user ${name}`)
    .withRequest('POST', '/users')
    .withHeader('Content-Type', 'application/json')
    .withBody({ name })
    .willRespondWith(201)
    .withResponseBody({ id: Matchers.integer(1), name })

  await pact.executeTest(async (server) => {
    const user = await new UserClient(server.url).createUser({ name })
    expect(user).toEqual({ id: 1, name })
  }, { dir })
})
