// PactV2: pact-js's V2 lifecycle (src/httpPact), which jest-pact's `pactWith` drives:
// setup() picks the port (mockService.baseUrl), addInteraction() adds an interaction and
// (re)starts the mock server with every interaction added since the last verify(), verify()
// checks them and merges the pact file (overwrites it with pactfileWriteMode 'overwrite'),
// finalize() ends the run.
'use strict'

const path = require('node:path')
const binding = require('../common/binding')
const logger = require('../common/logger')
const { ConfigurationError, VerificationError } = require('../common/errors')
const { failureText } = require('../common/display')
const { PactHandle } = require('../common/pact')
const { specFromNumber } = require('../common/types')
const { contentTypeFromHeaders } = require('../v3/pact')
const { Interaction, interactionToInteractionObject } = require('./interaction')
const { isMatcher } = require('./matchers')

const logErrorNoMockServer = () => {
  logger.error(
    "The pact mock service doesn't appear to be running\n" +
      '  - Please check the logs above to ensure that there are no pact service startup failures\n' +
      '  - Please check that pact lifecycle methods are called in the correct order (setup() needs to be called before this method)\n' +
      '  - Please check that your test code waits for the promises returned from lifecycle methods to complete before calling the next one\n' +
      "  - To learn more about what is happening during your pact run, try setting logLevel: 'DEBUG'",
  )
}

/**
 * Resolves after the event loop has polled for I/O once (two check phases apart), so that
 * the client sockets of a stopped server have seen it close.
 */
function afterPendingIo() {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
}

function red(text) {
  const color = process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : process.stderr.isTTY && !process.env.NO_COLOR
  return color ? `\x1b[31m${text}\x1b[39m` : text
}

function eachValue(values, fn) {
  for (const [k, v] of Object.entries(values ?? {})) {
    if (Array.isArray(v)) v.forEach((vv, i) => fn(k, i, vv))
    else fn(k, 0, v)
  }
}

/** A V2 query: an object of values (or lists of them), or a query string. */
function setQuery(interaction, query) {
  if (query === undefined || query === null) return
  if (typeof query === 'string') {
    const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
    const seen = new Map()
    for (const [name, value] of params) {
      const index = seen.get(name) ?? 0
      seen.set(name, index + 1)
      interaction.query(name, index, value)
    }
    return
  }
  if (isMatcher(query)) {
    throw new ConfigurationError(
      'A matcher for the whole query string is not supported: give the query as an object with a matcher per parameter, e.g. query: { id: term({ generate: "1", matcher: "\\\\d+" }) }',
    )
  }
  eachValue(query, (k, i, v) => interaction.query(k, i, v))
}

function setRequestDetails(interaction, req) {
  if (req?.method && req?.path) interaction.withRequest(req.method, req.path)
  if (req.body) interaction.body('request', req.body, contentTypeFromHeaders(req.headers, 'application/json'))
  eachValue(req.headers, (k, i, v) => interaction.requestHeader(k, i, v))
  setQuery(interaction, req.query)
}

function setResponseDetails(interaction, res) {
  interaction.status(res.status)
  if (res.body) interaction.body('response', res.body, contentTypeFromHeaders(res.headers, 'application/json'))
  eachValue(res.headers, (k, i, v) => interaction.responseHeader(k, i, v))
}

class PactV2 {
  static defaults = {
    consumer: '',
    cors: false,
    dir: path.resolve(process.cwd(), 'pacts'),
    host: '127.0.0.1',
    log: path.resolve(process.cwd(), 'logs', 'pact.log'),
    logLevel: 'info',
    pactfileWriteMode: 'merge',
    provider: '',
    spec: 2,
    ssl: false,
    port: 0,
  }

  static createOptionsWithDefaults(opts) {
    return { ...PactV2.defaults, ...opts }
  }

  mockService
  opts
  mockServerStartedPort
  pact
  finalized = false
  /** The running mock server, if an interaction was added since the last verify. */
  server

  constructor(config) {
    this.opts = PactV2.createOptionsWithDefaults(config)
    if (this.opts.pactfileWriteMode === 'overwrite') {
      logger.warn(
        "WARNING: the behaviour of pactfileWriteMode 'overwrite' has changed since version 9.x.x. See the type definition or the MIGRATION.md guide for details.",
      )
    }
    if (!this.opts.consumer) throw new ConfigurationError('You must specify a Consumer for this pact.')
    if (!this.opts.provider) throw new ConfigurationError('You must specify a Provider for this pact.')
    // Only a level given sets the core's (pact-js sets 'info' when none is).
    logger.setLogLevel(config.logLevel)
    this.reset()
  }

  /** Picks the port (a free one unless `port` is given and free) and sets `mockService`. */
  async setup() {
    const { host } = this.opts
    const probe = new binding.Pact(this.opts.consumer, this.opts.provider)
    let server
    try {
      server = probe.startMockServer({ host, port: this.opts.port > 0 ? this.opts.port : 0 })
    } catch (e) {
      if (this.opts.port > 0) {
        throw new Error(`Port ${this.opts.port} is unavailable on address ${host}: ${e instanceof Error ? e.message : e}`)
      }
      throw e
    }
    if (!(this.opts.port > 0)) {
      logger.debug(`free port discovered: ${server.port}`)
      this.opts.port = server.port
    }
    server.cleanup()
    this.mockService = {
      baseUrl: `${this.opts.ssl ? 'https' : 'http'}://${host}:${this.opts.port}`,
      pactDetails: {
        pactfile_write_mode: this.opts.pactfileWriteMode || 'merge',
        consumer: { name: this.opts.consumer },
        provider: { name: this.opts.provider },
      },
    }
    return this.opts
  }

  /** Adds an interaction (an object or an `Interaction`) to the mock server on the port. */
  addInteraction(interactionObj) {
    if (!this.mockService) {
      logErrorNoMockServer()
      return Promise.reject(new Error("The pact mock service wasn't configured when addInteraction was called"))
    }
    const interaction =
      interactionObj instanceof Interaction ? interactionToInteractionObject(interactionObj.json()) : interactionObj
    const built = this.pact.newInteraction('')
    built.uponReceiving(interaction.uponReceiving)
    if (interaction.state) built.given(interaction.state)
    setRequestDetails(built, interaction.withRequest)
    setResponseDetails(built, interaction.willRespondWith)
    if (!this.server) {
      this.startMockServer()
      return Promise.resolve('')
    }
    // The server on the port restarts with one interaction more: let the client's pooled
    // connections to the old one see it close first (else the next request may take one).
    this.stopServer()
    return afterPendingIo().then(() => {
      this.startMockServer()
      return ''
    })
  }

  /**
   * Checks that every interaction added since the last verify was exercised and nothing
   * else arrived; then writes the pact file and starts afresh. With no interaction added
   * there is nothing to check.
   */
  async verify() {
    if (!this.mockService) {
      logErrorNoMockServer()
      throw new Error("The pact mock service wasn't running when verify was called")
    }
    const server = this.server
    if (!server) return ''
    if (!server.matched()) {
      const mismatches = server.mismatches()
      console.error('')
      console.error(red('Pact verification failed!'))
      console.error(red(failureText(mismatches)))
      this.reset()
      await afterPendingIo()
      const error = new VerificationError('Pact verification failed - expected interactions did not match actual.')
      error.mismatches = mismatches
      throw error
    }
    try {
      await this.writePact()
    } finally {
      this.reset()
    }
    // The next test's server takes the same port: let pooled client connections to this one
    // see it close before then.
    await afterPendingIo()
    return ''
  }

  finalize() {
    if (this.finalized) {
      logger.warn(
        'finalize() has already been called, this is probably a logic error in your test setup. ' +
          'In the future this will be an error.',
      )
    }
    this.finalized = true
    this.stopServer()
    return Promise.resolve()
  }

  /** Writes the interactions added since the last verify into the pact file. */
  writePact() {
    if (!this.mockService) {
      logErrorNoMockServer()
      return Promise.reject(new Error("The pact mock service wasn't running when writePact was called"))
    }
    if (this.server) {
      this.server.writePactFile(this.opts.dir || './pacts', { overwrite: this.opts.pactfileWriteMode === 'overwrite' })
    }
    return Promise.resolve('')
  }

  removeInteractions() {
    logger.info(
      'removeInteractions() is no longer required to be called, but has been kept for compatibility with upgrade from 9.x.x. You should remove any use of this method.',
    )
    return Promise.resolve('')
  }

  startMockServer() {
    this.stopServer()
    logger.debug(
      `Setting up Pact mock server with Consumer "${this.opts.consumer}" and Provider "${this.opts.provider}" using mock service on Port: "${this.opts.port}"`,
    )
    this.server = this.pact.startServer({
      host: this.opts.host,
      port: this.opts.port,
      tls: Boolean(this.opts.ssl),
      cors: Boolean(this.opts.cors),
    })
    this.mockServerStartedPort = this.server.port
    logger.debug(`mock service started on port: ${this.server.port}`)
  }

  stopServer() {
    if (this.server) {
      if (!this.server.cleanup()) logger.warn('Unable to cleanup the Pact mock server. ')
      this.server = undefined
      this.mockServerStartedPort = undefined
    }
  }

  reset() {
    this.pact = new PactHandle(this.opts.consumer, this.opts.provider, specFromNumber(this.opts.spec, 'V2'))
    this.stopServer()
  }
}

module.exports = { PactV2, setRequestDetails, setResponseDetails }
