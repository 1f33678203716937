#!/usr/bin/env node
// Makes sure the native addon loads after `npm install`:
//   1. the addon already loads (prebuilt platform package or a local build): done;
//   2. else, with cargo on PATH, build it from source (scripts/build.cjs: a release cdylib
//      copied to the file name the loader looks for). binding.js / binding.d.ts are never rewritten;
//   3. else explain what to do.
// `--if-stale` (used before `npm test`) also rebuilds when Rust sources are newer than the
// addon, so tests never run against an old build.
'use strict'

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const pkg = require(path.join(root, 'package.json'))
const ifStale = process.argv.includes('--if-stale')
const { buildAddon, localAddonPath, newestSourceTime } = require('./build.cjs')

function log(message) {
  process.stderr.write(`[${pkg.name}] ${message}\n`)
}

const localAddon = localAddonPath()

function addonLoads() {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(root)})`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  })
  return r.status === 0
}

function isStale() {
  if (!fs.existsSync(localAddon)) return false
  if (!fs.existsSync(path.join(root, 'src'))) return false
  return newestSourceTime() > fs.statSync(localAddon).mtimeMs
}

function hasCargo() {
  const r = spawnSync('cargo', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' })
  return r.status === 0
}

function main() {
  if (process.env.PACT_MOCK_SERVER_SKIP_POSTINSTALL) return 0
  const forced = process.env.npm_config_build_from_source === 'true'
  const stale = ifStale && isStale()
  if (!forced && !stale && addonLoads()) return 0
  if (stale) log('Rust sources changed since the addon was built: rebuilding')
  if (!hasCargo()) {
    log(
      `No prebuilt binary for ${process.platform}-${process.arch} loads here and cargo is not installed.\n` +
        '  Either install Rust (https://rustup.rs, then run `npm rebuild ' + pkg.name + '`),\n' +
        '  or use a supported platform: ' + pkg.napi.targets.join(', ') + '.',
    )
    return 1
  }
  if (!buildAddon({ log })) {
    log('Building the native addon from source failed (see the cargo output above).')
    return 1
  }
  if (!addonLoads()) {
    log('The addon was built but does not load; run `node -e "require(\'' + pkg.name + '\')"` to see why.')
    return 1
  }
  log('native addon built from source')
  return 0
}

process.exitCode = main()
