// Runs one workload against one implementation in this process and prints one JSON line.
// Usage: node --expose-gc benches/workload.mjs <ours|reference> <workload>
// The orchestrator (run.mjs) runs each pair in a fresh process so memory numbers are clean.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { load, loadSuite, newAgent, request } from './impls.mjs'

const [implName, workload] = process.argv.slice(2)
const impl = load(implName)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pact-bench-${implName}-`))
const mt = 'pact:matcher:type'

const rssMB = () => {
  globalThis.gc?.()
  return process.memoryUsage.rss() / 1024 / 1024
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function userInteraction(n) {
  return {
    description: `a request for user ${n}`,
    state: `user ${n} exists`,
    method: 'GET',
    path: `/users/${n}`,
    headers: { Accept: 'application/json' },
    status: 200,
    responseBody: {
      id: { [mt]: 'integer', value: n },
      name: { [mt]: 'type', value: 'Mary Smith' },
      email: { [mt]: 'regex', regex: '^[^@]+@[^@]+\\.[a-z]+$', value: 'mary@example.com' },
      active: { [mt]: 'type', value: true },
      roles: { [mt]: 'type', min: 1, value: [{ name: { [mt]: 'type', value: 'admin' }, since: { [mt]: 'integer', value: 2019 } }] },
      address: { street: { [mt]: 'type', value: '1 Main Street' }, city: { [mt]: 'type', value: 'Springfield' }, zip: { [mt]: 'regex', regex: '\\d{5}', value: '12345' } },
    },
  }
}

function kilobyteBody() {
  const items = []
  for (let i = 0; i < 12; i++) items.push({ id: i, name: `item number ${i}`, price: 10.5 + i, tags: ['a', 'b'] })
  return { page: 1, total: 12, items }
}

function wrk(port, urlPath, { seconds = 5, headers = {}, luaBody } = {}) {
  const args = ['-t2', '-c50', `-d${seconds}s`, '--latency']
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`)
  if (luaBody !== undefined) {
    const script = path.join(tmp, 'post.lua')
    fs.writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(luaBody)}\n`)
    args.push('-s', script)
  }
  args.push(`http://127.0.0.1:${port}${urlPath}`)
  const out = execFileSync('wrk', args, { encoding: 'utf8' })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  return rps
}

async function lifecycle() {
  const interactions = [1, 2, 3, 4, 5].map(userInteraction)
  const times = []
  for (let t = 0; t < 110; t++) {
    const start = process.hrtime.bigint()
    const server = impl.start('bench-consumer', 'bench-provider', interactions)
    const agent = newAgent()
    for (let n = 1; n <= 5; n++) {
      const res = await request(server.port, { agent, path: `/users/${n}`, headers: { Accept: 'application/json' } })
      if (res.status !== 200) throw new Error(`lifecycle: status ${res.status}: ${res.body}`)
    }
    if (!server.matched()) throw new Error('lifecycle: not matched')
    server.write(tmp)
    // The client closes first, so TIME_WAIT lands on its ports, not on ports bind(0) hands
    // out (see scale_client.c).
    agent.destroy()
    server.cleanup()
    if (t >= 10) times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return { msPerTest: median(times) }
}

async function throughput(kind) {
  let interactions
  let urlPath
  let headers = {}
  let luaBody
  if (kind === 'one' || kind === 'nomatch') {
    interactions = [{ description: 'list items', method: 'GET', path: '/items', query: { page: '1' }, headers: { Accept: 'application/json' }, status: 200, responseHeaders: { 'Cache-Control': 'no-cache' }, responseBody: kilobyteBody() }]
    urlPath = kind === 'one' ? '/items?page=1' : '/nothing/here'
    headers = { Accept: 'application/json' }
  } else if (kind === 'hundred') {
    interactions = []
    for (let n = 0; n < 100; n++) interactions.push({ description: `get item ${n}`, method: 'GET', path: `/items/${n}`, query: { page: '1' }, headers: { Accept: 'application/json' }, status: 200, responseBody: kilobyteBody() })
    urlPath = '/items/99?page=1'
    headers = { Accept: 'application/json' }
  } else if (kind === 'body100k') {
    const element = { id: 1, name: 'a product name', description: 'a description of some length that makes each element about two hundred bytes long, like real data', price: 12.5, tags: ['x', 'y', 'z'], stock: 3, sku: 'SKU-000001' }
    const actualItems = []
    for (let i = 0; i < 500; i++) actualItems.push({ ...element, id: i })
    interactions = [{ description: 'post a big order', method: 'POST', path: '/orders', status: 201, requestBody: { items: { [mt]: 'type', min: 1, value: [element] } }, responseBody: { ok: true } }]
    urlPath = '/orders'
    luaBody = JSON.stringify({ items: actualItems })
  }
  const server = impl.start('bench-consumer', 'bench-provider', interactions)
  // Warm up and check the request does what the workload says.
  const check = await request(server.port, { method: luaBody ? 'POST' : 'GET', path: urlPath, headers, body: luaBody })
  const expectStatus = kind === 'nomatch' ? 500 : kind === 'body100k' ? 201 : 200
  if (check.status !== expectStatus) throw new Error(`${kind}: expected ${expectStatus}, got ${check.status}: ${check.body.slice(0, 300)}`)
  const rssBefore = rssMB()
  const rps = wrk(server.port, urlPath, { headers, luaBody })
  const rssAfter = rssMB()
  server.cleanup()
  return { rps, rssGrowthMB: rssAfter - rssBefore, bodyBytes: luaBody?.length }
}

/**
 * The scale workload's load generator (benches/scale_client.c), built and started before the
 * clock starts; `get` hands it the ports and resolves with the statuses it read.
 */
function startClient() {
  const binary = path.join(tmp, 'scale_client')
  execFileSync('cc', ['-O2', '-o', binary, path.join(path.dirname(fileURLToPath(import.meta.url)), 'scale_client.c')])
  const child = spawn(binary, { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  const exited = new Promise((resolve) => child.on('close', resolve))
  return {
    /** One GET to each port (64 at a time); resolves with the statuses in port order. */
    get: async (ports, urlPath) => {
      child.stdin.end(`${urlPath} ${ports.join(' ')}\n`)
      await exited
      return out.trim().split('\n').map(Number)
    },
  }
}

async function scale() {
  const client = startClient()
  const rssBefore = rssMB()
  const start = process.hrtime.bigint()
  const servers = []
  for (let n = 0; n < 500; n++) servers.push(impl.start(`scale-consumer-${n}`, 'scale-provider', [{ description: 'ping', method: 'GET', path: '/ping', status: 200, responseBody: { ok: true } }]))
  const statuses = await client.get(servers.map((s) => s.port), '/ping')
  const rssPeak = rssMB()
  const failed = statuses.filter((s) => s !== 200)
  if (failed.length) throw new Error(`scale: ${failed.length} requests failed, e.g. ${failed[0]}`)
  for (const s of servers) {
    if (!s.matched()) throw new Error('scale: not matched')
    s.cleanup()
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  return { ms, rssGrowthMB: rssPeak - rssBefore }
}

async function leak() {
  const one = [{ description: 'ping', method: 'GET', path: '/ping', status: 200, responseBody: { ok: true } }]
  let notMatched = 0
  const run = async (n) => {
    for (let t = 0; t < n; t++) {
      const s = impl.start('leak-consumer', 'leak-provider', one)
      const agent = newAgent()
      await request(s.port, { agent, path: '/ping' })
      if (!s.matched()) notMatched++
      agent.destroy()
      s.cleanup()
    }
  }
  await run(200)
  const before = rssMB()
  await run(3000)
  return { rssGrowthMB: rssMB() - before, notMatched }
}

/**
 * A test suite through executeTest: a Pact object per file of 10 tests, the same 10
 * descriptions in every file (a suite re-run, so the pact file stays at 10 interactions), one
 * request per test; RSS growth over 3000 tests after 500 warm-up tests. `dirPerTest`: each
 * test writes into a directory of its own, else all into one.
 */
async function suite(dirPerTest) {
  const newPact = loadSuite(implName)
  const body = { id: 1, name: 'an item', price: 12.5, tags: ['a', 'b'] }
  let tests = 0
  let test
  const run = async (n) => {
    for (let t = 0; t < n; t++, tests++) {
      const dir = path.join(tmp, dirPerTest ? `pacts-${tests}` : 'pacts')
      if (tests % 10 === 0) test = newPact('suite-consumer', 'suite-provider', dir)
      await test(`get item (test ${tests % 10})`, body, dir, async (port) => {
        const agent = newAgent()
        try {
          const res = await request(port, { agent, path: '/items/1' })
          if (res.status !== 200) throw new Error(`suite: status ${res.status}: ${res.body}`)
        } finally {
          agent.destroy() // the client closes before the server, as in lifecycle
        }
      })
    }
  }
  await run(500)
  const before = rssMB()
  await run(3000)
  const rssGrowthMB = rssMB() - before
  const pactFile = path.join(tmp, dirPerTest ? `pacts-${tests - 1}` : 'pacts', 'suite-consumer-suite-provider.json')
  return { rssGrowthMB, interactions: JSON.parse(fs.readFileSync(pactFile, 'utf8')).interactions.length }
}

async function mismatches30k() {
  const server = impl.start('miss-consumer', 'miss-provider', [{ description: 'ping', method: 'GET', path: '/ping', status: 200 }])
  let sent = 0
  const worker = async () => {
    while (sent < 30000) {
      sent++
      await request(server.port, { path: `/miss/${sent}` })
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
  const start = process.hrtime.bigint()
  const result = server.mismatches()
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const count = (typeof result === 'string' ? JSON.parse(result) : result).length
  server.cleanup()
  return { ms, entries: count }
}

const workloads = {
  lifecycle,
  'throughput-one': () => throughput('one'),
  'throughput-100': () => throughput('hundred'),
  nomatch: () => throughput('nomatch'),
  body100k: () => throughput('body100k'),
  scale,
  leak,
  mismatches30k,
  suite: () => suite(false),
  'suite-dirs': () => suite(true),
}

try {
  const result = await workloads[workload]()
  console.log(JSON.stringify({ impl: implName, workload, ...result }))
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
process.exit(0)
