// pact-js's own spec files of its consumer API (matchers V2 and V3, the V2 Interaction and
// GraphQL builders, XmlElement, MessageConsumerPact, and its integration spec of PactV3 and
// PactV4 against a mock server), run once as shipped and once with their imports sent to the
// drop-in (./specs/hook.cjs): every test that passes on pact-js passes on the drop-in.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const vitest = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vitest.cmd' : 'vitest')
const specs = path.join(root, 'node_modules', '@pact-foundation', 'pact', 'src')

/** Runs the spec files for one side; the outcome of every test by its full name. */
function run(side) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `pact-js-specs-${side}-`))
  try {
    const report = path.join(work, 'report.json')
    const r = spawnSync(vitest, ['run', '--config', path.join(here, 'specs', 'vitest.config.mjs'), '--reporter=json', `--outputFile=${report}`], {
      cwd: work,
      env: { ...process.env, PACT_JS_SPECS_SIDE: side, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      shell: process.platform === 'win32',
    })
    assert.ok(fs.existsSync(report), `vitest wrote no report for ${side}:\n${r.stdout}\n${r.stderr}`)
    const outcomes = new Map()
    for (const file of JSON.parse(fs.readFileSync(report, 'utf8')).testResults) {
      for (const t of file.assertionResults) outcomes.set(`${path.relative(specs, file.name)} > ${t.fullName}`, { status: t.status, message: t.failureMessages?.join('\n') })
    }
    return outcomes
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

test("pact-js's own consumer specs pass on the drop-in wherever they pass on pact-js", { timeout: 300_000 }, () => {
  const reference = run('pact-js')
  const dropIn = run('drop-in')
  const passing = [...reference].filter(([, o]) => o.status === 'passed').map(([name]) => name)
  // The spec files ran: well over a hundred of their tests pass on pact-js.
  assert.ok(passing.length > 150, `only ${passing.length} tests passed on pact-js`)
  const failing = passing.filter((name) => dropIn.get(name)?.status !== 'passed').map((name) => `${name}\n  ${dropIn.get(name)?.message ?? 'not run'}`)
  assert.deepEqual(failing, [])
})
