// The package entry: the generated binding (binding.js, the loader of the native addon) plus
// what is JavaScript by nature: `Pact.prototype.executeTest` and the `executeTest` of messages,
// the promise flow around a user's test function or message handler. The addon offers only
// synchronous operations (start a server for the test, matched, mismatches, the failure
// report, write the pact file, cleanup; reify a message, merge it into its pact file, drop it).
'use strict'

const binding = require('./binding.js')

const { Pact, MockServer, Message, SynchronousMessage } = binding

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

/**
 * Reifies the message (example values, generators applied), runs `handler` with it and then:
 * when the handler returns or resolves, merges the message into the pact file in `dir`
 * (default "./pacts") and resolves with the handler's value; when it throws or rejects, drops
 * the message (it is never written, not by a later test either) and rejects with that error.
 * Either way the message is used up: describe the next one with `pact.newMessage()`.
 */
async function executeMessageTest(handler, options = {}) {
  if (typeof handler !== 'function') {
    throw codedError('INVALID_ARGUMENT', 'executeTest needs a handler for the message: message.executeTest(async (message) => { ... })')
  }
  const { dir = './pacts', overwrite = false } = options ?? {}
  const message = this.reify()
  let value
  try {
    value = await handler(message)
  } catch (thrown) {
    this.discard()
    throw thrown
  }
  this.takeIntoPactFile(dir, overwrite)
  return value
}

/** What went wrong, in libpact_ffi's shapes (parsed here: JSON.parse keeps a `__proto__` key
 * of a request's headers as data). */
function mismatches() {
  return JSON.parse(this.mismatchesJson())
}

for (const [target, name, value] of [
  [Pact.prototype, 'executeTest', executeTest],
  [MockServer.prototype, 'mismatches', mismatches],
  [Message.prototype, 'executeTest', executeMessageTest],
  [SynchronousMessage.prototype, 'executeTest', executeMessageTest],
]) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false })
}

// Everything the binding exports, as a `require` of it: Node's ESM loader then finds the
// named exports through binding.js (its `module.exports.X = ...` lines).
module.exports = require('./binding.js')
