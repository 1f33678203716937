// Shared helpers of the JS tests (not a test file: node --test only runs *.test.* files).
'use strict'
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

/** The package as users load it (the generated loader). */
const lib = require('..')

function tempDir(prefix = 'pact-test-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

function readPact(dir, consumer, provider) {
  return JSON.parse(fs.readFileSync(path.join(dir, `${consumer}-${provider}.json`), 'utf8'))
}

/** Calls fn and returns what it threw (fails when nothing was thrown). */
function thrown(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

/** Whether `port` on 127.0.0.1 can be bound right now (a stopped server freed it). */
async function portIsFree(port) {
  const server = net.createServer()
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', resolve)
    })
    return true
  } catch {
    return false
  } finally {
    server.close()
  }
}

module.exports = { lib, tempDir, readPact, thrown, portIsFree }
