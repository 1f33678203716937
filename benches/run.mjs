// Runs every workload against this addon and against @pact-foundation/pact-core in one run,
// alternating which goes first, each in a fresh process; prints a table of medians and ratios.
// Usage: node benches/run.mjs [--rounds N] [--only a,b] [--write]   (--write updates benches/README.md)
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const rounds = Number(args[args.indexOf('--rounds') + 1] || 0) || 3
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null

// [workload, metric, unit, better: 'higher' | 'lower', target description]
// scale runs first in a round: it binds 500 ports at once, which is what TIME_WAIT sockets
// left by other workloads slow down most.
const rows = [
  ['scale', 'ms', 'ms for 500 servers, one request each', 'lower', '<= 1/2 of reference'],
  ['scale', 'rssGrowthMB', 'MB RSS for 500 servers', 'lower', '<= 1/2 of reference'],
  ['lifecycle', 'msPerTest', 'ms per 5-interaction test', 'lower', '<= 1/3 of reference'],
  ['throughput-one', 'rps', 'req/s, one interaction', 'higher', '>= 5x reference'],
  ['throughput-one', 'rssGrowthMB', 'MB RSS growth under load (one interaction)', 'lower', 'no growth'],
  ['throughput-100', 'rps', 'req/s, 100 interactions (last one)', 'higher', 'within 2x of our one-interaction rate'],
  ['nomatch', 'rps', 'req/s, requests that match nothing', 'higher', '>= 5x reference'],
  ['body100k', 'rps', 'req/s, 100 KB JSON POST (eachLike of 500)', 'higher', '>= 10x reference'],
  ['leak', 'rssGrowthMB', 'MB RSS growth over 3000 tests', 'lower', '< 5 MB'],
  ['mismatches30k', 'ms', 'ms for mismatches() after 30k misses', 'lower', 'faster than reference'],
  ['suite', 'rssGrowthMB', 'MB RSS growth over 3000 executeTest tests, one pact dir (reference: pact-js PactV4)', 'lower', '< 5 MB'],
  ['suite-dirs', 'rssGrowthMB', 'MB RSS growth over 3000 executeTest tests, a pact dir each (reference: pact-js PactV4)', 'lower', '< 5 MB'],
]
const workloads = [...new Set(rows.map((r) => r[0]))].filter((w) => !only || only.includes(w))

const results = { ours: {}, reference: {} }
for (let round = 0; round < rounds; round++) {
  for (const workload of workloads) {
    const order = round % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours']
    for (const impl of order) {
      const out = execFileSync(process.execPath, ['--expose-gc', path.join(here, 'workload.mjs'), impl, workload], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 15 * 60 * 1000,
      })
      const line = JSON.parse(out.trim().split('\n').pop())
      ;(results[impl][workload] ??= []).push(line)
      process.stderr.write(`round ${round + 1} ${impl} ${workload}: ${JSON.stringify(line)}\n`)
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2))

function sizeOf(file) {
  try {
    return fs.statSync(file).size / 1024 / 1024
  } catch {
    return NaN
  }
}
const ourBinary = fs.readdirSync(path.join(here, '..')).find((f) => f.endsWith('.node'))
const refDir = path.dirname(require.resolve('@pact-foundation/pact-core-linux-x64-glibc/package.json'))
const refBinary = path.join(refDir, 'prebuilds', 'linux-x64', 'libpact_ffi.so')

const lines = []
lines.push('| workload | pact-mock-server-ffi | pact-core (libpact_ffi) | ratio | target |')
lines.push('|---|---:|---:|---:|---|')
for (const [workload, metric, label, better, target] of rows) {
  if (!workloads.includes(workload)) continue
  const o = median(results.ours[workload].map((r) => r[metric]))
  const r = median(results.reference[workload].map((r) => r[metric]))
  const ratio = better === 'higher' ? o / r : r / o
  lines.push(`| ${label} | ${fmt(o)} | ${fmt(r)} | ${Number.isFinite(ratio) ? fmt(ratio) + 'x better' : 'n/a'} | ${target} |`)
}
if (results.ours['throughput-one'] && results.ours['throughput-100']) {
  const one = median(results.ours['throughput-one'].map((r) => r.rps))
  const hundred = median(results.ours['throughput-100'].map((r) => r.rps))
  lines.push(`| our 100-interaction rate / our one-interaction rate | ${fmt(hundred / one)} | | | >= 0.5 |`)
}
const ours = ourBinary ? sizeOf(path.join(here, '..', ourBinary)) : NaN
const ref = sizeOf(refBinary)
lines.push(`| binary size, MB (stripped release .node vs libpact_ffi.so) | ${fmt(ours)} | ${fmt(ref)} | ${fmt(ref / ours)}x smaller | (reported) |`)

const cpu = os.cpus()[0]?.model ?? 'unknown cpu'
const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; medians of ${rounds} rounds, each workload in a fresh process, alternating which implementation runs first. Load from a separate process: wrk -t2 -c50 -d5s.`
const table = `${header}\n\n${lines.join('\n')}\n`
console.log(table)
if (args.includes('--write')) {
  const readme = path.join(here, 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const marker = /<!-- results -->[\s\S]*<!-- \/results -->/
  fs.writeFileSync(readme, text.replace(marker, `<!-- results -->\n${table}<!-- /results -->`))
}
