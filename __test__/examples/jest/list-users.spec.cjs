/** @jest-environment node */
// A third worker writing into the same pact file.
const path = require('node:path')
const { Pact, Matchers } = require('pact-mock-server-ffi')
const { UserClient } = require('../user-client.cjs')

const dir = process.env.PACT_DIR || path.resolve(__dirname, '../../../pacts')
const pact = new Pact('WebApp', 'UserService')

test.each(['admin', 'editor', 'viewer', 'guest'])('lists users with role %s', async (role) => {
  pact
    .newInteraction(`list users with role ${role}`)
    .given('users with roles exist')
    .withRequest('GET', '/users')
    .withQueryParameter('role', role)
    .willRespondWith(200)
    .withResponseBody(Matchers.eachLike({ id: Matchers.integer(1), role }))

  await pact.executeTest(async (server) => {
    const users = await new UserClient(server.url).listUsers(role)
    expect(users).toEqual([{ id: 1, role }])
  }, { dir })
})
