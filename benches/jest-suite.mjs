// A Jest suite as a pact-js team has it: 20 test files of 10 consumer tests each (one V4 HTTP
// interaction per test, JSON bodies with like / eachLike / integer / regex, executeTest with
// fetch), run with two workers three ways, alternating, median of N rounds:
//   pact-js   the files as written, against @pact-foundation/pact
//   drop-in   the same files, the import mapped to pact-mock-server-ffi/pact-js by Jest's
//             moduleNameMapper (what a team switching with one config line does)
//   floor     the same layout with empty tests and no Pact at all: Jest's own cost
//   fetch     the same layout and the same requests with fetch, answered by a Node http server
//             (one per file, like a mock server kept across tests) and no Pact: what the test's
//             own client costs, which every library's cost above the floor includes
// and reports what each library costs above the floor, plus the time to require each library
// in a fresh process. Usage: node benches/jest-suite.mjs [--rounds N] [--write]
// (--write puts the table into benches/README.md between the jest-suite markers).
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const args = process.argv.slice(2)
const rounds = Number(args[args.indexOf('--rounds') + 1] || 0) || 3
const FILES = 20
const TESTS = 10

// Inside the repository, so that test files resolve node_modules as a project's would.
const work = path.join(root, 'target', 'jest-suite')
fs.rmSync(work, { recursive: true, force: true })
fs.mkdirSync(path.join(work, 'pact'), { recursive: true })
fs.mkdirSync(path.join(work, 'floor'), { recursive: true })
fs.mkdirSync(path.join(work, 'fetch'), { recursive: true })

function pactFile(n) {
  return `const { PactV4, MatchersV3 } = require('@pact-foundation/pact')
const { like, eachLike, integer, regex } = MatchersV3

const pact = new PactV4({ consumer: 'BenchWeb${n}', provider: 'BenchItems', dir: process.env.BENCH_PACT_DIR, logLevel: 'error' })

describe('items ${n}', () => {
  for (let t = 0; t < ${TESTS}; t++) {
    test('item ' + t, async () => {
      await pact
        .addInteraction()
        .given('items exist')
        .uponReceiving('a request for item ' + t)
        .withRequest('GET', '/items/' + t, (b) => b.headers({ Accept: 'application/json' }))
        .willRespondWith(200, (b) =>
          b.jsonBody({ id: integer(t), name: like('item ' + t), tags: eachLike(regex('[a-z]+', 'new')), price: like(9.5) }),
        )
        .executeTest(async (mockServer) => {
          const res = await fetch(mockServer.url + '/items/' + t, { headers: { Accept: 'application/json' } })
          expect(res.status).toBe(200)
          const item = await res.json()
          expect(item.id).toBe(t)
          expect(item.tags).toEqual(['new'])
        })
    })
  }
})
`
}

function floorFile(n) {
  return `describe('items ${n}', () => {
  for (let t = 0; t < ${TESTS}; t++) {
    test('item ' + t, async () => {})
  }
})
`
}

function fetchFile(n) {
  return `const http = require('node:http')

let server
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const t = Number(req.url.split('/').pop())
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ id: t, name: 'item ' + t, tags: ['new'], price: 9.5 }))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
})
afterAll(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) }))

describe('items ${n}', () => {
  for (let t = 0; t < ${TESTS}; t++) {
    test('item ' + t, async () => {
      const res = await fetch('http://127.0.0.1:' + server.address().port + '/items/' + t, { headers: { Accept: 'application/json' } })
      expect(res.status).toBe(200)
      const item = await res.json()
      expect(item.id).toBe(t)
      expect(item.tags).toEqual(['new'])
    })
  }
})
`
}

// Records which process ran each test file, so that a run shows it used two workers.
const recordWorker = path.join(work, 'record-worker.cjs')
fs.writeFileSync(recordWorker, "require('node:fs').appendFileSync(process.env.BENCH_WORKERS_FILE, process.pid + '\\n')\n")

for (let n = 0; n < FILES; n++) {
  fs.writeFileSync(path.join(work, 'pact', `items-${n}.test.cjs`), pactFile(n))
  fs.writeFileSync(path.join(work, 'floor', `items-${n}.test.cjs`), floorFile(n))
  fs.writeFileSync(path.join(work, 'fetch', `items-${n}.test.cjs`), fetchFile(n))
}
const config = (dir, mapToDropIn) => {
  const file = path.join(work, `jest.${mapToDropIn ? 'drop-in' : path.basename(dir)}.config.cjs`)
  // A user's copy of the drop-in is under node_modules, which Jest does not transform: this
  // checkout's is not, so it is excluded from transforms the same way.
  const mapper = mapToDropIn
    ? `moduleNameMapper: { '^@pact-foundation/pact$': ${JSON.stringify(path.join(root, 'pact-js', 'index.js'))} },
       transformIgnorePatterns: ['/node_modules/', ${JSON.stringify(`^${root}/(pact-js/|index\\.js$|binding\\.js$)`)}],`
    : ''
  fs.writeFileSync(
    file,
    `module.exports = { rootDir: ${JSON.stringify(dir)}, testEnvironment: 'node', testMatch: ['<rootDir>/*.test.cjs'], maxWorkers: 2, setupFiles: [${JSON.stringify(recordWorker)}], ${mapper} }\n`,
  )
  return file
}
const runs = {
  'pact-js': config(path.join(work, 'pact'), false),
  'drop-in': config(path.join(work, 'pact'), true),
  floor: config(path.join(work, 'floor'), false),
  fetch: config(path.join(work, 'fetch'), false),
}
const jest = path.join(root, 'node_modules', '.bin', 'jest')

// Every run starts with an empty Jest cache, as on CI: with the test timings of an earlier run
// in its cache Jest runs 20 or fewer fast test files in band, in one process, whatever
// maxWorkers says. (The test files are not transformed, so the cache holds nothing else that
// would matter.)
function runOnce(name) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-suite-'))
  const pactDir = path.join(scratch, 'pacts')
  const workersFile = path.join(scratch, 'workers')
  fs.mkdirSync(pactDir)
  const start = process.hrtime.bigint()
  const r = spawnSync(jest, ['--config', runs[name], '--silent', '--cacheDirectory', path.join(scratch, 'cache')], {
    cwd: root,
    env: { ...process.env, BENCH_PACT_DIR: pactDir, BENCH_WORKERS_FILE: workersFile, SCARF_ANALYTICS: 'false', PACT_DO_NOT_TRACK: 'true' },
    encoding: 'utf8',
  })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const written = fs.readdirSync(pactDir).length
  const workers = new Set(fs.readFileSync(workersFile, 'utf8').trim().split('\n')).size
  fs.rmSync(scratch, { recursive: true, force: true })
  if (r.status !== 0) throw new Error(`${name}: jest failed\n${r.stdout}\n${r.stderr}`)
  if (workers !== 2) throw new Error(`${name}: the test files ran in ${workers} process(es), expected 2 workers`)
  if ((name === 'pact-js' || name === 'drop-in') && written !== FILES) throw new Error(`${name}: ${written} pact files, expected ${FILES}`)
  return seconds
}

/** Milliseconds to require `specifier` in a fresh Node process (median of 5). */
function requireMs(specifier) {
  const times = []
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(
      process.execPath,
      ['-e', `const t = process.hrtime.bigint(); require(${JSON.stringify(specifier)}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`],
      { cwd: root, encoding: 'utf8' },
    )
    times.push(Number(out.trim()))
  }
  return median(times)
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

const results = { 'pact-js': [], 'drop-in': [], floor: [], fetch: [] }
for (let round = 0; round < rounds; round++) {
  const order = Object.keys(results)
  if (round % 2) order.reverse()
  for (const name of order) {
    const s = runOnce(name)
    results[name].push(s)
    process.stderr.write(`round ${round + 1} ${name}: ${s.toFixed(2)} s\n`)
  }
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]))
const pactJsAbove = m['pact-js'] - m.floor
const dropInAbove = m['drop-in'] - m.floor
const fetchAbove = m.fetch - m.floor
const requirePactJs = requireMs('@pact-foundation/pact')
const requireDropIn = requireMs(path.join(root, 'pact-js', 'index.js'))

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}: ${FILES} files x ${TESTS} tests, Jest with 2 workers, medians of ${rounds} rounds, alternating (\`node benches/jest-suite.mjs --rounds ${rounds}\`).`,
  '',
  '| run | wall time, s | above the floor, s |',
  '|---|---:|---:|',
  `| floor (empty tests, no Pact) | ${m.floor.toFixed(2)} | |`,
  `| @pact-foundation/pact | ${m['pact-js'].toFixed(2)} | ${pactJsAbove.toFixed(2)} |`,
  `| pact-mock-server-ffi/pact-js (moduleNameMapper) | ${m['drop-in'].toFixed(2)} | ${dropInAbove.toFixed(2)} |`,
  `| fetch only (the same requests to a Node server, no Pact) | ${m.fetch.toFixed(2)} | ${fetchAbove.toFixed(2)} |`,
  '',
  `Above the floor the drop-in costs ${(dropInAbove / pactJsAbove).toFixed(3)} of what pact-js costs (target: at most 0.1); the tests' own fetch calls alone cost ${(fetchAbove / pactJsAbove).toFixed(3)} of it.`,
  `Above the fetch-only run (each library's own cost: its modules, building, serving, verifying, writing) the drop-in costs ${(m['drop-in'] - m.fetch).toFixed(2)} s, pact-js ${(m['pact-js'] - m.fetch).toFixed(2)} s: ${((m['drop-in'] - m.fetch) / (m['pact-js'] - m.fetch)).toFixed(3)} of it.`,
  `\`require\` in a fresh process: @pact-foundation/pact ${requirePactJs.toFixed(0)} ms, the drop-in ${requireDropIn.toFixed(1)} ms (with the addon).`,
]
const table = lines.join('\n')
process.stdout.write(`${table}\n`)
if (args.includes('--write')) {
  const readme = path.join(here, 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const start = '<!-- jest-suite -->'
  const end = '<!-- /jest-suite -->'
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  const block = `${start}\n${table}\n${end}`
  fs.writeFileSync(readme, a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end.length) : `${text.trimEnd()}\n\n## Jest suite\n\n${block}\n`)
}
if (!process.env.KEEP_JEST_SUITE) fs.rmSync(work, { recursive: true, force: true })
