#!/usr/bin/env node
// Regenerates binding.js and binding.d.ts (the loader and types of the addon; index.js and
// index.d.ts are hand-written over them) with the pinned @napi-rs/cli (a debug `napi build`
// into target/napi-check, so the addon next to binding.js is left alone) and fails when they
// differ from the committed ones: the generated files must be committed with the Rust change.
// When the source build of `npm install` (scripts/build.cjs) already wrote them there from the
// current sources, those are compared and nothing is built. With --write (`npm run
// build:types`) it copies them into place instead.
'use strict'

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const { generatedDir: outDir, napiCli, newestSourceTime } = require('./build.cjs')

const root = path.resolve(__dirname, '..')
const files = ['binding.js', 'binding.d.ts']
const newest = newestSourceTime()
const fresh = files.every((file) => {
  const made = path.join(outDir, file)
  return fs.existsSync(made) && fs.statSync(made).mtimeMs > newest
})
if (!fresh) {
  const args = ['build', '--platform', '-p', 'pact_mock_server_node', '--js', 'binding.js', '--dts', 'binding.d.ts', '--output-dir', outDir]
  const build = spawnSync(napiCli(), args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const stale = files.filter(
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
