#!/usr/bin/env node
// `npm test`: the Rust tests of the workspace, the check that the generated binding files
// (binding.js, binding.d.ts) are committed as the Rust sources generate them, the node:test
// suites and the example consumer suites, each run even when an earlier one failed (so one
// failure does not hide another); exits non-zero when any failed.
'use strict'

const { spawnSync } = require('node:child_process')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const suites = [
  ['rust', 'cargo', ['test', '--workspace']],
  ['generated', process.execPath, [path.join('scripts', 'check-generated.cjs')]],
  ['node', process.execPath, ['--test', '--test-concurrency=1', '__test__/']],
  ['examples', process.execPath, [path.join('scripts', 'run-examples.cjs')]],
]

const failed = []
for (const [name, cmd, args] of suites) {
  process.stdout.write(`\n##### ${name}: ${path.basename(cmd)} ${args.join(' ')}\n`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) failed.push(name)
}
const passed = suites.length - failed.length
process.stdout.write(`\n##### ${failed.length ? `failed: ${failed.join(', ')}` : 'all suites passed'}\n`)
process.stdout.write(`suites: ${passed} passed, ${failed.length} failed\n`)
process.exitCode = failed.length ? 1 : 0
