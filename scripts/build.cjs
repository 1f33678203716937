#!/usr/bin/env node
// Builds the native addon from source for `npm install` on a platform without a prebuilt
// binary, and copies it to the name the generated loader (binding.js) looks for first,
// `<binaryName>.<platform>.node`. Users' installs have no @napi-rs/cli (a devDependency): there
// this runs `cargo build -p pact_mock_server_node`, which is what `napi build --platform` does
// for the one target. In a development checkout (the CLI installed) it runs `napi build` into
// target/napi-check, which also writes the generated binding files there, so that
// check-generated.cjs compares them without a build of its own. binding.js / binding.d.ts in
// the checkout are never touched here.
//
// Usage: node scripts/build.cjs [--debug] [--target <rust triple>]
'use strict'

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const pkg = require(path.join(root, 'package.json'))

/** napi's platform suffix for each target in package.json `napi.targets`. */
const SUFFIXES = {
  'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
  'x86_64-unknown-linux-musl': 'linux-x64-musl',
  'aarch64-unknown-linux-gnu': 'linux-arm64-gnu',
  'aarch64-unknown-linux-musl': 'linux-arm64-musl',
  'x86_64-apple-darwin': 'darwin-x64',
  'aarch64-apple-darwin': 'darwin-arm64',
  'x86_64-pc-windows-msvc': 'win32-x64-msvc',
}

function isMusl() {
  if (process.platform !== 'linux') return false
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl')
  } catch {
    const report = process.report && process.report.getReport()
    return !(report && report.header && report.header.glibcVersionRuntime)
  }
}

/** The suffix the loader tries first on this machine, e.g. linux-x64-gnu. */
function hostSuffix() {
  const { platform, arch } = process
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

/** Where the loader looks for the addon built on this machine. */
function localAddonPath() {
  return path.join(root, `${pkg.napi.binaryName}.${hostSuffix()}.node`)
}

/** Where `napi build` writes the addon and the generated binding files it makes from the sources. */
const generatedDir = path.join(root, 'target', 'napi-check')

/** The pinned @napi-rs/cli of a development checkout, or null in a user's install. */
function napiCli() {
  const cli = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'napi.cmd' : 'napi')
  return fs.existsSync(cli) ? cli : null
}

/** The newest modification time of the Rust sources and of what the generated files come from. */
function newestSourceTime() {
  let newest = 0
  const visit = (p) => {
    let st
    try {
      st = fs.statSync(p)
    } catch {
      return
    }
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry))
    } else {
      newest = Math.max(newest, st.mtimeMs)
    }
  }
  for (const p of ['src', 'crates/core/src', 'crates/core/Cargo.toml', 'Cargo.toml', 'Cargo.lock', 'build.rs', 'scripts/dts-header.d.ts']) {
    visit(path.join(root, p))
  }
  return newest
}

function cargoTargetDir() {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(root, process.env.CARGO_TARGET_DIR)
  return path.join(root, 'target')
}

/**
 * Builds the addon (release unless `debug`) for `target` (default: this machine) and copies it
 * into place. Returns the path of the .node file, or null when cargo failed (its output was shown).
 */
function buildAddon({ debug = false, target, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (target && !SUFFIXES[target]) throw new Error(`unknown target ${target}; known: ${Object.keys(SUFFIXES).join(', ')}`)
  const shell = process.platform === 'win32'
  const napi = !target && napiCli()
  let built
  if (napi) {
    const args = ['build', '--platform', '-p', 'pact_mock_server_node', '--js', 'binding.js', '--dts', 'binding.d.ts', '--output-dir', generatedDir]
    if (!debug) args.push('--release')
    log(`$ napi ${args.join(' ')}`)
    if (spawnSync(napi, args, { cwd: root, stdio: 'inherit', shell }).status !== 0) return null
    built = path.join(generatedDir, `${pkg.napi.binaryName}.${hostSuffix()}.node`)
  } else {
    const args = ['build', '-p', 'pact_mock_server_node']
    if (!debug) args.push('--release')
    if (target) args.push('--target', target)
    const musl = target ? target.endsWith('-musl') : isMusl()
    const env = { ...process.env }
    // As napi build does: a musl addon must link the C runtime dynamically, like node itself.
    if (musl && !/crt-static/.test(env.RUSTFLAGS || '')) env.RUSTFLAGS = `${env.RUSTFLAGS || ''} -C target-feature=-crt-static`.trim()
    log(`$ cargo ${args.join(' ')}`)
    if (spawnSync('cargo', args, { cwd: root, stdio: 'inherit', env, shell }).status !== 0) return null
    const os = target ? (target.includes('windows') ? 'win32' : target.includes('apple') ? 'darwin' : 'linux') : process.platform
    const libName = os === 'win32' ? 'pact_mock_server_node.dll' : os === 'darwin' ? 'libpact_mock_server_node.dylib' : 'libpact_mock_server_node.so'
    built = path.join(cargoTargetDir(), target ?? '', debug ? 'debug' : 'release', libName)
  }
  const dest = path.join(root, `${pkg.napi.binaryName}.${target ? SUFFIXES[target] : hostSuffix()}.node`)
  if (!fs.existsSync(built)) {
    log(`cargo finished but ${built} is missing`)
    return null
  }
  // Copy to a temporary name and rename: a process that has the old addon loaded keeps it.
  fs.copyFileSync(built, `${dest}.tmp`)
  fs.renameSync(`${dest}.tmp`, dest)
  log(`built ${path.basename(dest)} (${(fs.statSync(dest).size / 1024 / 1024).toFixed(2)} MB)`)
  return dest
}

module.exports = { buildAddon, localAddonPath, newestSourceTime, generatedDir, napiCli }

if (require.main === module) {
  const argv = process.argv.slice(2)
  const targetAt = argv.indexOf('--target')
  const target = targetAt >= 0 ? argv[targetAt + 1] : undefined
  process.exitCode = buildAddon({ debug: argv.includes('--debug'), target }) ? 0 : 1
}
