// PactV4 (also exported as Pact): pact-js's V4 consumer DSL (src/v4). Every interaction added
// since the last executeTest is served by the one mock server executeTest starts; after it the
// pact starts afresh, so the same PactV4 object serves the next test. Message interactions
// (addAsynchronousInteraction, addSynchronousInteraction) need no server: each executeTest
// hands its message to the handler and merges it into the same pact file.
'use strict'

const { PactHandle } = require('../common/pact')
const { specFromFfi } = require('../common/types')
const logger = require('../common/logger')
const { UnconfiguredInteraction } = require('./http')

// Loaded by the first test that uses them (see ../index.js).
const messages = () => ({ ...require('../common/message'), ...require('./message') })
const graphql = () => require('./graphql')

class PactV4 {
  opts
  pact
  constructor(opts) {
    this.opts = opts
    logger.setLogLevel(opts.logLevel)
    this.setup()
  }

  setup() {
    this.pact = new PactHandle(this.opts.consumer, this.opts.provider, specFromFfi(this.opts.spec, 'V4'))
  }

  addInteraction() {
    return new UnconfiguredInteraction(this.pact, this.pact.newInteraction(''), this.opts, () => this.setup())
  }

  addSynchronousInteraction(description) {
    const { MessageHandle, UnconfiguredSynchronousMessage } = messages()
    const message = new MessageHandle(this.opts.consumer, this.opts.provider, this.pact.specification, 'sync', description)
    return new UnconfiguredSynchronousMessage(this.pact, message, this.opts, () => this.setup())
  }

  addAsynchronousInteraction() {
    const { MessageHandle, UnconfiguredAsynchronousMessage } = messages()
    const message = new MessageHandle(this.opts.consumer, this.opts.provider, this.pact.specification, 'async')
    return new UnconfiguredAsynchronousMessage(this.pact, message, this.opts, () => this.setup())
  }

  addGraphQLInteraction() {
    const { UnconfiguredGraphQLInteraction } = graphql()
    return new UnconfiguredGraphQLInteraction(this.pact, this.pact.newInteraction(''), this.opts, () => this.setup())
  }
}

module.exports = { PactV4, Pact: PactV4 }
