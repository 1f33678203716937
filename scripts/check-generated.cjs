#!/usr/bin/env node
// Regenerates index.js and index.d.ts with the pinned @napi-rs/cli and fails when they differ
// from the committed ones (the generated files must be committed with the Rust change).
'use strict'

const { spawnSync } = require('node:child_process')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const napi = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'napi.cmd' : 'napi')
const shell = process.platform === 'win32'

const build = spawnSync(napi, ['build', '--platform', '--release'], { cwd: root, stdio: 'inherit', shell })
if (build.status !== 0) process.exit(build.status ?? 1)

const diff = spawnSync('git', ['diff', '--exit-code', '--', 'index.js', 'index.d.ts'], { cwd: root, stdio: 'inherit', shell })
if (diff.status !== 0) {
  console.error('index.js / index.d.ts are out of date: commit the regenerated files.')
  process.exit(1)
}
console.log('index.js and index.d.ts match the Rust sources')
