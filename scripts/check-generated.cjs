#!/usr/bin/env node
// Regenerates binding.js and binding.d.ts (the loader and types of the addon; index.js and
// index.d.ts are hand-written over them) with the pinned @napi-rs/cli (a debug `napi build`
// into target/napi-check, so the addon next to binding.js is left alone) and fails when they
// differ from the committed ones: the generated files must be committed with the Rust change.
// With --write (`npm run build:types`) it copies them into place instead.
'use strict'

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const napi = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'napi.cmd' : 'napi')
const shell = process.platform === 'win32'
const outDir = path.join(root, 'target', 'napi-check')

const build = spawnSync(napi, ['build', '--platform', '-p', 'pact_mock_server_node', '--js', 'binding.js', '--dts', 'binding.d.ts', '--output-dir', outDir], { cwd: root, stdio: 'inherit', shell })
if (build.status !== 0) process.exit(build.status ?? 1)

const stale = ['binding.js', 'binding.d.ts'].filter(
  (file) => fs.readFileSync(path.join(outDir, file), 'utf8') !== fs.readFileSync(path.join(root, file), 'utf8'),
)
if (stale.length && process.argv.includes('--write')) {
  for (const file of stale) fs.copyFileSync(path.join(outDir, file), path.join(root, file))
  console.log(`regenerated ${stale.join(' and ')}`)
} else if (stale.length) {
  console.error(`${stale.join(' and ')} out of date: copy them from ${path.relative(root, outDir)} and commit them.`)
  process.exit(1)
} else {
  console.log('binding.js and binding.d.ts match the Rust sources')
}
