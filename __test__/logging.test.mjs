// Logging: quiet by default, levels from LOG_LEVEL or setLogLevel, to stderr.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const requestScript = (setup) => `
  const lib = require('.')
  ${setup}
  const pact = new lib.Pact('a', 'b')
  pact.newInteraction('x').withRequest('GET', '/x').willRespondWith(200)
  const s = pact.startMockServer()
  fetch(s.url + '/x').then(() => s.cleanup())
`

function run(source, env = {}) {
  const e = { ...process.env, ...env }
  if (!('LOG_LEVEL' in env)) delete e.LOG_LEVEL
  return spawnSync(process.execPath, ['-e', source], { cwd: root, env: e, encoding: 'utf8', timeout: 20000 })
}

test('quiet by default', () => {
  const r = run(requestScript('lib.init()'))
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stderr, '')
})

test('LOG_LEVEL=debug through init() logs requests to stderr', () => {
  const r = run(requestScript('lib.init()'), { LOG_LEVEL: 'debug' })
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stderr, /DEBUG/)
  assert.equal(r.stdout, '')
})

test('init reads the variable it is given', () => {
  const r = run(requestScript("lib.init('MY_PACT_LOG')"), { MY_PACT_LOG: 'debug' })
  assert.match(r.stderr, /DEBUG/)
})

test('setLogLevel changes the level at run time', () => {
  const r = run(requestScript("lib.init(); lib.setLogLevel('debug')"))
  assert.match(r.stderr, /DEBUG/)
  const off = run(requestScript("lib.setLogLevel('off')"), { LOG_LEVEL: 'debug' })
  assert.equal(off.stderr, '')
})

test('init twice is harmless', () => {
  const r = run('const lib = require("."); lib.init(); lib.init(); lib.setLogLevel("info"); lib.init()')
  assert.equal(r.status, 0, r.stderr)
})

test('init() with a variable holding no level throws and names the variable', () => {
  const r = run(`
    try { require('.').init('MY_PACT_LOG') } catch (e) { console.log(e.code, e.message) }
  `, { MY_PACT_LOG: 'loud' })
  assert.match(r.stdout, /INVALID_ARGUMENT/)
  assert.match(r.stdout, /MY_PACT_LOG/)
  assert.match(r.stdout, /loud/)
})
