// The package entry: the generated binding (binding.js, the loader of the native addon) plus
// what is JavaScript by nature: `Pact.prototype.executeTest`, the promise flow around a
// user's test function. The addon offers only synchronous operations (start a server for the
// test, matched, mismatches, the failure report, write the pact file, cleanup).
'use strict'

const binding = require('./binding.js')

const {
  init,
  setLogLevel,
  Pact,
  Interaction,
  MockServer,
  Matchers,
  createMockServer,
  createMockServerForPact,
  mockServerMatched,
  mockServerMismatches,
  cleanupMockServer,
  writePactFile,
} = binding

/** An `Error` with a stable `code`, as the addon throws them. */
function codedError(code, message) {
  const error = new Error(message)
  error.code = code
  return error
}

/**
 * Starts a mock server for the interactions defined so far, runs `fn` with it and then: when
 * every expected request arrived and nothing else did, writes the pact file into `dir`
 * (default "./pacts") and resolves with `fn`'s value; otherwise rejects with an Error listing
 * every mismatch (objects in `.mismatches`). When `fn` throws or rejects, rejects with that
 * error (mismatches attached) and writes nothing. The server is always stopped, and the pact
 * starts the next test with no interactions (as in pact-js).
 */
async function executeTest(fn, options = {}) {
  if (typeof fn !== 'function') {
    throw codedError('INVALID_ARGUMENT', 'executeTest needs a test function: pact.executeTest(async (server) => { ... })')
  }
  const { dir = './pacts', overwrite = false, ...serverOptions } = options ?? {}
  const server = this.startTestServer(serverOptions)
  try {
    let value
    try {
      value = await fn(server)
    } catch (thrown) {
      if (thrown !== null && (typeof thrown === 'object' || typeof thrown === 'function')) {
        // A frozen error cannot take the property; the original error matters more.
        try {
          thrown.mismatches = server.mismatches()
        } catch {}
      }
      throw thrown
    }
    if (!server.matched()) {
      const error = codedError('PACT_MISMATCH', server.failureReport())
      error.mismatches = server.mismatches()
      throw error
    }
    server.writePactFile(dir, { overwrite })
    return value
  } finally {
    server.cleanup()
  }
}


/** What went wrong, in libpact_ffi's shapes (parsed here: JSON.parse keeps a `__proto__` key
 * of a request's headers as data). */
function mismatches() {
  return JSON.parse(this.mismatchesJson())
}

for (const [target, name, value] of [
  [Pact.prototype, 'executeTest', executeTest],
  [MockServer.prototype, 'mismatches', mismatches],
]) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false })
}

// Shorthand properties, so that Node's ESM loader sees the named exports of this CommonJS file.
module.exports = {
  init,
  setLogLevel,
  Pact,
  Interaction,
  MockServer,
  Matchers,
  createMockServer,
  createMockServerForPact,
  mockServerMatched,
  mockServerMismatches,
  cleanupMockServer,
  writePactFile,
}
