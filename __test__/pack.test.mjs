// The published shape works: `npm pack` gives a tarball that installs into a fresh project
// directory (outside this repository, so none of its node_modules is reachable) together with
// the platform package carrying the prebuilt binary, and a consumer test runs there.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const addon = fs.readdirSync(root).find((f) => f.startsWith(`${pkg.napi.binaryName}.`) && f.endsWith('.node'))
const platform = addon?.slice(pkg.napi.binaryName.length + 1, -'.node'.length)

const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } })

test('npm pack installs into a fresh project and a consumer test passes there', { skip: !addon && 'no built addon', timeout: 180_000 }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-pack-'))
  try {
    const mainTarball = path.join(work, npm(['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop())

    // The platform package as `napi prepublish` would publish it: its package.json plus the binary.
    const platformDir = path.join(work, 'platform')
    fs.mkdirSync(platformDir)
    fs.copyFileSync(path.join(root, 'npm', platform, 'package.json'), path.join(platformDir, 'package.json'))
    fs.copyFileSync(path.join(root, addon), path.join(platformDir, addon))
    const platformTarball = path.join(work, npm(['pack', '--silent', '--pack-destination', work], platformDir).trim().split('\n').pop())

    const project = path.join(work, 'project')
    fs.mkdirSync(project)
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }))
    npm(['install', '--no-save', platformTarball, mainTarball], project)
    assert.ok(fs.existsSync(path.join(project, 'node_modules', pkg.name, 'index.d.ts')), 'types are shipped')

    fs.writeFileSync(
      path.join(project, 'consumer.test.mjs'),
      `import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Pact, Matchers } from '${pkg.name}'

test('gets a user', async () => {
  const pact = new Pact('pack-consumer', 'pack-provider')
  pact.newInteraction('a request for user 1').given('user 1 exists', { id: 1 })
    .withRequest('GET', '/users/1').willRespondWith(200)
    .withResponseBody({ id: Matchers.integer(1), name: Matchers.like('Ann') })
  const user = await pact.executeTest(async (server) => (await fetch(server.url + '/users/1')).json(), { dir: 'pacts' })
  assert.deepEqual(user, { id: 1, name: 'Ann' })
})
`,
    )
    // A plain `node --test` run, as the user would start it (not nested in this runner).
    const env = { ...process.env }
    delete env.NODE_TEST_CONTEXT
    const out = execFileSync(process.execPath, ['--test', 'consumer.test.mjs'], { cwd: project, encoding: 'utf8', env })
    assert.match(out, /# pass 1/)
    const written = JSON.parse(fs.readFileSync(path.join(project, 'pacts', 'pack-consumer-pack-provider.json'), 'utf8'))
    assert.equal(written.interactions[0].description, 'a request for user 1')
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
})
