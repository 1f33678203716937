// The drop-in as published: `npm pack` installs into a fresh project (outside this repository,
// so neither @pact-foundation/pact nor pact-core nor graphql is reachable), where a pact-js
// consumer test runs through `pact-mock-server-ffi/pact-js` from CommonJS and from an ES
// module, and its types resolve through the package's "exports".
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const addon = fs.readdirSync(root).find((f) => f.startsWith(`${pkg.napi.binaryName}.`) && f.endsWith('.node'))
const platform = addon?.slice(pkg.napi.binaryName.length + 1, -'.node'.length)

const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } })

test('npm pack: a pact-js consumer test runs on pact-mock-server-ffi/pact-js in a fresh project', { skip: !addon && 'no built addon', timeout: 180_000 }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-js-pack-'))
  try {
    const mainTarball = path.join(work, npm(['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop())
    const platformDir = path.join(work, 'platform')
    fs.mkdirSync(platformDir)
    fs.copyFileSync(path.join(root, 'npm', platform, 'package.json'), path.join(platformDir, 'package.json'))
    fs.copyFileSync(path.join(root, addon), path.join(platformDir, addon))
    const platformTarball = path.join(work, npm(['pack', '--silent', '--pack-destination', work], platformDir).trim().split('\n').pop())

    const project = path.join(work, 'project')
    fs.mkdirSync(project)
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }))
    npm(['install', '--no-save', platformTarball, mainTarball], project)
    for (const gone of ['@pact-foundation', 'graphql']) assert.equal(fs.existsSync(path.join(project, 'node_modules', gone)), false, gone)

    const consumerTest = (imports) => `${imports}
test('gets a dog', async () => {
  const provider = new PactV4({ consumer: 'pack-consumer', provider: 'pack-provider', logLevel: 'warn' })
  const dogs = await provider
    .addInteraction()
    .given('I have a list of dogs', { count: 1 })
    .uponReceiving('a request for all dogs')
    .withRequest('GET', '/dogs', (builder) => builder.query({ from: 'today' }).headers({ Accept: 'application/json' }))
    .willRespondWith(200, (builder) => builder.headers({ 'Content-Type': 'application/json' }).jsonBody(MatchersV3.eachLike({ dog: MatchersV3.integer(1) })))
    .executeTest(async (mockserver) => (await fetch(mockserver.url + '/dogs?from=today', { headers: { Accept: 'application/json' } })).json())
  assert.deepEqual(dogs, [{ dog: 1 }])
})
`
    fs.writeFileSync(
      path.join(project, 'dogs.test.cjs'),
      consumerTest(`const { test } = require('node:test')
const assert = require('node:assert/strict')
const { PactV4, MatchersV3 } = require('pact-mock-server-ffi/pact-js')`),
    )
    fs.writeFileSync(
      path.join(project, 'dogs.test.mjs'),
      consumerTest(`import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PactV4, MatchersV3 } from 'pact-mock-server-ffi/pact-js'`),
    )
    const env = { ...process.env }
    delete env.NODE_TEST_CONTEXT
    for (const file of ['dogs.test.cjs', 'dogs.test.mjs']) {
      const out = execFileSync(process.execPath, ['--test', file], { cwd: project, encoding: 'utf8', env })
      assert.match(out, /# pass 1/, file)
    }
    const written = JSON.parse(fs.readFileSync(path.join(project, 'pacts', 'pack-consumer-pack-provider.json'), 'utf8'))
    assert.equal(written.interactions[0].description, 'a request for all dogs')
    assert.deepEqual(written.interactions[0].providerStates, [{ name: 'I have a list of dogs', params: { count: 1 } }])

    // The types resolve through "exports" (types condition) and check under --strict.
    fs.writeFileSync(
      path.join(project, 'typed.ts'),
      `import { PactV4, MatchersV3, SpecificationVersion, type V3MockServer } from 'pact-mock-server-ffi/pact-js'
const provider = new PactV4({ consumer: 'c', provider: 'p', spec: SpecificationVersion.SPECIFICATION_VERSION_V4 })
export const run = (): Promise<number | undefined> =>
  provider.addInteraction().uponReceiving('x').withRequest('GET', '/x').willRespondWith(200, (b) => b.jsonBody({ n: MatchersV3.integer(1) }))
    .executeTest(async (s: V3MockServer) => s.port)
`,
    )
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), 'typed.ts'],
      { cwd: project, encoding: 'utf8' },
    )
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
})
