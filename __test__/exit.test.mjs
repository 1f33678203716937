// A script that ends with mock servers still running exits by itself.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function runScript(source, deadlineMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', source], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`still running after ${deadlineMs} ms:\n${out}`))
    }, deadlineMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, out })
    })
  })
}

test('the process exits with servers left running', async () => {
  const script = `
    const { Pact } = require('.')
    const pact = new Pact('a', 'b')
    pact.newInteraction('x').withRequest('GET', '/x').willRespondWith(200)
    const servers = [pact.startMockServer(), pact.startMockServer()]
    fetch(servers[0].url + '/x').then((r) => console.log('status', r.status))
  `
  const { code, out } = await runScript(script, 10000)
  assert.equal(code, 0, out)
  assert.match(out, /status 200/)
})

test('the process exits while an executeTest server is up and a port-keyed one too', async () => {
  const script = `
    const lib = require('.')
    const pact = new lib.Pact('a', 'b')
    lib.createMockServerForPact(pact, 0)
    pact.executeTest(() => new Promise(() => {})).catch(() => {})
  `
  const { code, out } = await runScript(script, 10000)
  assert.equal(code, 0, out)
})
