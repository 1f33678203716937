// executeTest: the pact-js semantics users rely on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import helpers from './helpers.cjs'

const { Pact, Matchers } = helpers.lib

function addGetUser(pact) {
  pact
    .newInteraction('get user 1')
    .given('user 1 exists', { id: 1 })
    .withRequest('GET', '/users/1')
    .withHeader('Accept', 'application/json')
    .willRespondWith(200)
    .withResponseBody({ id: Matchers.integer(1), name: Matchers.string('Ada') })
}

async function getUser(url) {
  const res = await fetch(`${url}/users/1`, { headers: { Accept: 'application/json' } })
  return res.json()
}

test('all matched: resolves with the value and writes the pact file', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('web', 'users')
  addGetUser(pact)
  let port
  const user = await pact.executeTest(async (server) => {
    port = server.port
    return getUser(server.url)
  }, { dir })
  assert.deepEqual(user, { id: 1, name: 'Ada' })
  const written = helpers.readPact(dir, 'web', 'users')
  assert.equal(written.interactions.length, 1)
  assert.deepEqual(written.interactions[0].providerStates, [{ name: 'user 1 exists', params: { id: 1 } }])
  assert.equal(await helpers.portIsFree(port), true, 'server stopped')
  assert.equal(pact.interactions, 0, 'the next test starts with no interactions')
})

test('a synchronous test function works too', async () => {
  const pact = new Pact('web', 'users')
  const value = await pact.executeTest(() => 'sync', { dir: helpers.tempDir() })
  assert.equal(value, 'sync')
})

test('mismatches: rejects with a readable message and .mismatches, writes nothing', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('web', 'users')
  addGetUser(pact)
  pact.newInteraction('create user').withRequest('POST', '/users').withBody({ name: 'Ada' }).willRespondWith(201)
  let port
  const error = await pact
    .executeTest(async (server) => {
      port = server.port
      await getUser(server.url)
      await fetch(`${server.url}/nope?x=1`, { method: 'DELETE' })
    }, { dir })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.ok(error instanceof Error)
  assert.equal(error.code, 'PACT_MISMATCH')
  assert.match(error.message, /The following request was not expected:/)
  assert.match(error.message, /Method: DELETE/)
  assert.match(error.message, /Path: \/nope/)
  assert.match(error.message, /The following request was expected but not received:/)
  assert.match(error.message, /Path: \/users\n/)
  assert.deepEqual(error.mismatches.map((m) => m.type).sort(), ['missing-request', 'request-not-found'])
  assert.equal(fs.existsSync(path.join(dir, 'web-users.json')), false)
  assert.equal(await helpers.portIsFree(port), true)
})

test('the message says where a body differs', async () => {
  const pact = new Pact('web', 'users')
  pact.newInteraction('create user').withRequest('POST', '/users').withBody({ name: 'Ada' }).willRespondWith(201)
  const error = await pact
    .executeTest(async (server) => {
      await fetch(`${server.url}/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Bob"}' })
    }, { dir: helpers.tempDir() })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.match(error.message, /The following request was incorrect:/)
  assert.match(error.message, /POST \/users/)
  assert.match(error.message, /Body at \$\.name/)
  assert.equal(error.mismatches[0].type, 'request-mismatch')
})

test('test function throws: rejects with that error, mismatches attached, nothing written', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('web', 'users')
  addGetUser(pact)
  const boom = new TypeError('boom')
  const error = await pact.executeTest(() => { throw boom }, { dir }).then(() => assert.fail('should reject'), (e) => e)
  assert.equal(error, boom)
  assert.equal(error.mismatches[0].type, 'missing-request')
  assert.equal(fs.existsSync(path.join(dir, 'web-users.json')), false)

  addGetUser(pact)
  const rejected = await pact
    .executeTest(async (server) => {
      await getUser(server.url)
      throw new Error('after the request')
    }, { dir })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.equal(rejected.message, 'after the request')
  assert.deepEqual(rejected.mismatches, [])
  assert.equal(fs.existsSync(path.join(dir, 'web-users.json')), false)
})

test('one Pact object across tests: merges into one file, overwrite replaces it', async () => {
  const dir = helpers.tempDir()
  const pact = new Pact('web', 'users')
  addGetUser(pact)
  await pact.executeTest((s) => getUser(s.url), { dir })
  pact.newInteraction('list users').withRequest('GET', '/users').willRespondWith(200)
  await pact.executeTest((s) => fetch(`${s.url}/users`).then((r) => r.status), { dir })
  assert.deepEqual(helpers.readPact(dir, 'web', 'users').interactions.map((i) => i.description).sort(), ['get user 1', 'list users'])
  pact.newInteraction('list users').withRequest('GET', '/users').willRespondWith(200)
  await pact.executeTest((s) => fetch(`${s.url}/users`).then((r) => r.status), { dir, overwrite: true })
  assert.deepEqual(helpers.readPact(dir, 'web', 'users').interactions.map((i) => i.description), ['list users'])
})

test('an interaction used by an earlier executeTest cannot be edited by mistake', async () => {
  const pact = new Pact('web', 'users')
  const old = pact.newInteraction('x').withRequest('GET', '/x')
  await pact.executeTest((s) => fetch(`${s.url}/x`), { dir: helpers.tempDir() })
  const e = helpers.thrown(() => old.willRespondWith(404))
  assert.equal(e.code, 'INVALID_ARGUMENT')
  assert.match(e.message, /newInteraction/)
})

test('the default directory is ./pacts', async () => {
  const cwd = process.cwd()
  const dir = helpers.tempDir()
  process.chdir(dir)
  try {
    const pact = new Pact('web', 'defaults')
    await pact.executeTest(() => 1)
    assert.ok(fs.existsSync(path.join(dir, 'pacts', 'web-defaults.json')))
  } finally {
    process.chdir(cwd)
  }
})

test('a pact directory that cannot be created rejects with IO_ERROR and stops the server', async () => {
  const base = helpers.tempDir()
  const file = path.join(base, 'a-file')
  fs.writeFileSync(file, 'x')
  const pact = new Pact('web', 'users')
  addGetUser(pact)
  let port
  const error = await pact
    .executeTest(async (server) => {
      port = server.port
      await getUser(server.url)
    }, { dir: path.join(file, 'pacts') })
    .then(() => assert.fail('should reject'), (e) => e)
  assert.equal(error.code, 'IO_ERROR')
  assert.match(error.message, /a-file/)
  assert.equal(await helpers.portIsFree(port), true)
})

test('fn must be a function', async () => {
  const pact = new Pact('web', 'users')
  await assert.rejects(pact.executeTest('not a function'), (e) => e.code === 'INVALID_ARGUMENT' && /test function/.test(e.message))
  assert.equal(pact.interactions, 0)
})
