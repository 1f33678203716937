#!/usr/bin/env node
// Runs the example consumer suites the way users run them (Jest, Mocha, Vitest), type-checks
// the TypeScript example and index.d.ts with `tsc --strict`, then checks that Jest's parallel
// workers wrote one pact file without losing an interaction. Then the same for the pact-js
// drop-in (pact-mock-server-ffi/pact-js): its pact-js style suites (Jest JS and TS, Jest with
// a moduleNameMapper, Vitest TS and JS with an alias; message pacts in Jest JS and Vitest TS),
// `tsc --strict` of them, of its types and of a consumer file compiled against pact-js's
// types and against the drop-in's. Exits
// non-zero on any failure and prints a closing "N passed, N failed" line.
'use strict'

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const examples = path.join(root, '__test__', 'examples')
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

let passed = 0
let failed = 0

function step(name, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${path.basename(cmd)} ${args.join(' ')}\n`)
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  })
  if (r.status === 0) {
    passed++
    process.stdout.write(`--- ${name}: ok\n`)
  } else {
    failed++
    process.stdout.write(`--- ${name}: FAILED (exit ${r.status ?? r.signal})\n`)
  }
  return r.status === 0
}

function check(name, fn) {
  try {
    fn()
    passed++
    process.stdout.write(`--- ${name}: ok\n`)
  } catch (e) {
    failed++
    process.stdout.write(`--- ${name}: FAILED\n${e.stack || e}\n`)
  }
}

const pactDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-examples-'))
const env = { PACT_DIR: pactDir }
// Jest starts from an empty cache, as on CI: with the test timings of an earlier run cached, it
// runs a few fast test files in band, in one process, and the suites would not show parallel
// workers writing one pact file.
const jestCache = fs.mkdtempSync(path.join(os.tmpdir(), 'pact-examples-jest-cache-'))
const jestArgs = (config) => ['--config', config, '--cacheDirectory', jestCache]

const jestOk = step('jest', bin('jest'), jestArgs(path.join(examples, 'jest', 'jest.config.cjs')), env)
step('mocha', bin('mocha'), [path.join(examples, 'mocha', '*.spec.cjs')], env)
step('vitest', bin('vitest'), ['run', '--config', path.join(examples, 'vitest', 'vitest.config.mjs')], env)
step('tsc (example)', bin('tsc'), ['--noEmit', '--strict', '-p', path.join(examples, 'vitest', 'tsconfig.json')])
step('tsc (index.d.ts)', bin('tsc'), ['--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node', path.join(root, 'index.d.ts')])

if (jestOk) {
  check('jest workers share one pact file', () => {
    const file = path.join(pactDir, 'WebApp-UserService.json')
    const pact = JSON.parse(fs.readFileSync(file, 'utf8'))
    const got = pact.interactions.map((i) => i.description).sort()
    // What users.spec.cjs, create-user.spec.cjs and list-users.spec.cjs define and pass.
    const want = [
      'a request for a missing user',
      'a request for user 42',
      ...['Ada', 'Grace', 'Hedy', 'Joan', 'Radia'].map((n) => `create user ${n}`),
      ...['admin', 'editor', 'viewer', 'guest'].map((r) => `list users with role ${r}`),
    ].sort()
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`pact file has ${JSON.stringify(got)}\nexpected ${JSON.stringify(want)}`)
    }
  })
}

// The pact-js drop-in.
const dropIn = path.join(root, '__test__', 'pact-js')
const dropInExamples = path.join(dropIn, 'examples')
step('jest (pact-js drop-in)', bin('jest'), jestArgs(path.join(dropInExamples, 'jest', 'jest.config.cjs')), env)
step('jest moduleNameMapper (pact-js drop-in)', bin('jest'), jestArgs(path.join(dropInExamples, 'jest-alias', 'jest.config.cjs')), env)
step('vitest (pact-js drop-in)', bin('vitest'), ['run', '--config', path.join(dropInExamples, 'vitest', 'vitest.config.mjs')], env)
step('tsc (pact-js drop-in examples, Vitest)', bin('tsc'), ['--noEmit', '-p', path.join(dropInExamples, 'vitest', 'tsconfig.json')])
step('tsc (pact-js drop-in examples, Jest)', bin('tsc'), ['--noEmit', '-p', path.join(dropInExamples, 'jest', 'tsconfig.json')])
step('tsc (pact-js surface, against @pact-foundation/pact)', bin('tsc'), ['-p', path.join(dropIn, 'types', 'tsconfig.reference.json')])
step('tsc (pact-js surface, against the drop-in)', bin('tsc'), ['-p', path.join(dropIn, 'types', 'tsconfig.drop-in.json')])
step('tsc (pact-js/index.d.ts)', bin('tsc'), ['--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node', path.join(root, 'pact-js', 'index.d.ts')])
check('pact-js drop-in suites wrote their pact files', () => {
  const consumers = [
    'PactJsDropInJest',
    'PactJsDropInJestTs',
    'PactJsDropInJestV3',
    'PactJsDropInJestV2',
    'PactJsDropInJestAlias',
    'PactJsDropInVitest',
    'PactJsDropInVitestV3',
    'PactJsDropInVitestEsm',
    'PactJsDropInVitestAlias',
  ]
  const missing = consumers.filter((c) => !fs.existsSync(path.join(pactDir, `${c}-OrderService.json`)))
  if (missing.length > 0) throw new Error(`no pact file for ${missing.join(', ')}`)
  const v2 = JSON.parse(fs.readFileSync(path.join(pactDir, 'PactJsDropInJestV2-OrderService.json'), 'utf8'))
  if (v2.metadata.pactSpecification.version !== '2.0.0' || v2.interactions.length !== 2) {
    throw new Error(`the PactV2 suite wrote ${JSON.stringify(v2.metadata)} with ${v2.interactions.length} interactions`)
  }
})
check('pact-js drop-in message suites wrote their pact files', () => {
  // What order-events.pact.spec.cjs (Jest) and order-events.pact.spec.ts (Vitest) write: V3
  // messages[] from MessageConsumerPact, V4 message interactions from PactV4; a message whose
  // handler failed is not in them.
  const want = {
    PactJsDropInJestMessages: ['3.0.0', 'messages', ['a packing slip', 'an order cancelled event', 'an order placed event']],
    PactJsDropInJestMessagesV4: ['4.0', 'interactions', ['an order placed event', 'an order placed event with a key']],
    PactJsDropInVitestMessages: ['4.0', 'interactions', ['a stock query for A-1', 'a typed order placed event', 'an XML order event']],
    PactJsDropInVitestMessagesV3: ['3.0.0', 'messages', ['a typed V3 order placed event', 'a typed event with metadata']],
  }
  for (const [consumer, [version, key, descriptions]] of Object.entries(want)) {
    const file = path.join(pactDir, `${consumer}-OrderEvents.json`)
    if (!fs.existsSync(file)) throw new Error(`no pact file for ${consumer}`)
    const pact = JSON.parse(fs.readFileSync(file, 'utf8'))
    const got = (pact[key] ?? []).map((m) => m.description).sort()
    if (pact.metadata.pactSpecification.version !== version || JSON.stringify(got) !== JSON.stringify(descriptions)) {
      throw new Error(`${consumer}: ${pact.metadata.pactSpecification.version} with ${key} ${JSON.stringify(got)}; expected ${version} with ${JSON.stringify(descriptions)}`)
    }
  }
})

fs.rmSync(pactDir, { recursive: true, force: true })
fs.rmSync(jestCache, { recursive: true, force: true })
process.stdout.write(`\nexamples: ${passed} passed, ${failed} failed\n`)
process.exitCode = failed === 0 ? 0 : 1
