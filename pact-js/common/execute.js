// executeTest of PactV3 and PactV4 (pact-js src/v4/http/index and src/v3/pact): one mock
// server for every interaction added since the last test, the user's test against it, then
// the verdict: the pact file merged into `dir` when everything matched and the test passed,
// nothing written otherwise; the pact always started afresh. The server is released rather
// than stopped: on a random port (pact-js's default) the next test's server takes its port
// over, so that the client's pooled keep-alive connection carries on instead of connecting
// to a new port in every test (the core stops a port no test took over within 2 s).
'use strict'

const logger = require('./logger')
// Only a failed test formats mismatches: loaded then.
const display = () => require('./display')

/** The V3MockServer / V4MockServer a test function receives. */
function mockServerFor(server, scheme, host) {
  return { port: server.port, url: `${scheme}://${host}:${server.port}`, id: 'unknown' }
}

/** Starts the server of a pact-js object's options (defaults as in pact-js). */
function startServer(handle, opts, corsDefault) {
  const scheme = opts.tls ? 'https' : 'http'
  const host = opts.host || '127.0.0.1'
  const cors = opts.cors ?? corsDefault
  // The pact's own errors (a rule the core refuses) are not start failures.
  const pact = handle.forServer()
  let server
  try {
    server = pact.startMockServerReusing({ host, port: opts.port || 0, tls: Boolean(opts.tls), cors: Boolean(cors) })
  } catch (e) {
    const error = new Error(`Failed to start mock server: ${e instanceof Error ? e.message : e}`, { cause: e })
    if (e && e.code) error.code = e.code
    throw error
  }
  return { server, mockServer: mockServerFor(server, scheme, host) }
}

/** Attaches the mismatches to an error (not to frozen ones or non-objects). */
function attach(error, mismatches) {
  try {
    if (error !== null && typeof error === 'object' && !('mismatches' in error)) error.mismatches = mismatches
  } catch {}
  return error
}

/**
 * @param handle the PactHandle with the test's interactions
 * @param opts the pact-js options (host, port, tls, cors, dir)
 * @param testFn the user's test, given the V4MockServer
 * @param reset starts the pact-js object's next pact (called in every case)
 */
async function executeTest(handle, opts, testFn, reset) {
  let started
  try {
    started = startServer(handle, opts, true)
  } catch (e) {
    reset()
    throw e
  }
  const { server, mockServer } = started
  let success = false
  try {
    let val
    let error
    try {
      val = await testFn(mockServer)
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e))
    }
    // A server that matched has no mismatches: only a failed test pays for listing them.
    const matched = server.matched()
    const mismatches = matched ? [] : server.mismatches()
    // Pact validation failed
    if (!matched && display().filterMissingFeatureFlag(mismatches).length > 0) {
      const message = display().failureText(mismatches)
      if (error) {
        // The test's own error (often the client's reaction to the mock server's 500) is
        // what it threw; the mismatches explain it.
        logger.error(message)
        throw attach(error, mismatches)
      }
      throw attach(new Error(message), mismatches)
    }
    // Pact validation passed, but the test threw (an error in the client or the test)
    if (error) throw attach(error, mismatches)
    success = true
    server.writePactFile(opts.dir || './pacts', { overwrite: false })
    return val
  } finally {
    try {
      server.release()
    } finally {
      reset(success)
    }
    // On a fixed port the next test's server comes up where this one was: let the client's
    // pooled connections to this one see the close (the core sends it before cleanup returns).
    if (opts.port) await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
  }
}

module.exports = { executeTest, startServer, mockServerFor }
