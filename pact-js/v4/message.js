// PactV4 message interactions: pact-js's type-state chains (src/v4/message) over one
// MessageHandle each. Asynchronous: addAsynchronousInteraction() -> given / pending / comment /
// testName / reference -> expectsToReceive(description, builder) -> executeTest(handler).
// Synchronous: addSynchronousInteraction(description) -> given / ... -> withRequest(builder)
// -> withResponse(builder) -> executeTest(handler). No mock server: the handler is handed the
// message; when it resolves, the message is merged into the pact file in `dir`; when it throws,
// nothing is written and executeTest rejects with its error. Either way the PactV4 starts afresh.
'use strict'

const { ConfigurationError } = require('../common/errors')
const { pluginsUnsupported } = require('../common/plugins')
const { InteractionStates } = require('./states')
const { MessageHandle, bytesOf, handlerContents, handlerMetadata } = require('../common/message')

const defaultPactDir = './pacts'

/** Ramda's isEmpty, which pact-js's V4 builders use: '', [], {} (not null, not numbers). */
function isEmpty(value) {
  if (value === undefined) return true
  if (value === null) return false
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length === 0
  return false
}

function checkMetadata(metadata) {
  if (isEmpty(metadata)) {
    throw new ConfigurationError('You must provide valid metadata for the Message, or none at all')
  }
}

function checkJson(content) {
  if (isEmpty(content)) {
    throw new ConfigurationError('You must provide a valid JSON document or primitive for the Message.')
  }
}

/** What an asynchronous handler gets: `{ contents: { content }, metadata }`. */
function asynchronousMessageFor(handle) {
  const reified = handle.reify()
  return {
    contents: { content: handlerContents(handle, reified) },
    metadata: handlerMetadata(handle.messageJson(), reified),
  }
}

/** What a synchronous handler gets: the request's and every response's bytes. */
function synchronousMessageFor(handle) {
  const reified = handle.reify()
  return {
    Request: { content: bytesOf(reified.request) },
    Response: reified.responses.map((response) => ({ content: bytesOf(response) })),
  }
}

/**
 * Runs the handler with the message; resolves with its value once the message is merged into
 * the pact file, or rejects with its error (an Error) and writes nothing. Then the PactV4 starts
 * afresh.
 */
async function executeNonTransportTest(handle, opts, integrationTest, toMessage, cleanupFn) {
  let val
  let error
  try {
    val = await integrationTest(toMessage(handle))
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e))
  }
  try {
    if (error) {
      handle.discard()
      throw error
    }
    handle.write(opts.dir || defaultPactDir, false)
    return val
  } finally {
    cleanupFn()
  }
}

// Asynchronous messages.

class UnconfiguredAsynchronousMessage extends InteractionStates {
  constructor(pact, interaction, opts, cleanupFn) {
    super(pact, interaction, opts, cleanupFn)
    this.message = { requestIsBinary: false, interaction }
  }

  expectsToReceive(description, builder) {
    this.interaction.expectsToReceive(description)
    builder(new AsynchronousMessageBuilder(this.pact, this.message, this.opts))
    this.interaction.applyRules('contents')
    return new AsynchronousMessageWithContent(this.pact, this.message, this.opts, this.cleanupFn)
  }
}

class AsynchronousMessageBuilder {
  constructor(pact, message, opts) {
    this.pact = pact
    this.message = message
    this.opts = opts
  }

  withMetadata(metadata) {
    checkMetadata(metadata)
    this.message.interaction.metadata(metadata)
    return this
  }

  withContent(contentType, body) {
    this.message.interaction.binaryContents(body, contentType)
    this.message.requestIsBinary = true
    return this
  }

  withJSONContent(content) {
    checkJson(content)
    this.message.interaction.jsonContents(content)
    return this
  }

  withMatchingRules(rules) {
    this.message.interaction.matchingRules('contents', rules)
    return this
  }
}

class AsynchronousMessageWithContent {
  constructor(pact, message, opts, cleanupFn) {
    this.pact = pact
    this.message = message
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  executeTest(integrationTest) {
    return executeNonTransportTest(this.message.interaction, this.opts, integrationTest, asynchronousMessageFor, this.cleanupFn)
  }
}

// Synchronous messages.

class UnconfiguredSynchronousMessage extends InteractionStates {
  constructor(pact, interaction, opts, cleanupFn) {
    super(pact, interaction, opts, cleanupFn)
  }

  withRequest(builder) {
    builder(new SynchronousMessageWithRequestBuilder(this.pact, this.interaction, this.opts))
    this.interaction.applyRules('request')
    return new SynchronousMessageWithRequest(this.pact, this.interaction, this.opts, this.cleanupFn)
  }
}

/** Plugins are not supported: every step says so. */
class SynchronousMessageWithPlugin {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  usingPlugin(config) {
    pluginsUnsupported(config)
  }

  withPluginContents(_contents, _contentType) {
    pluginsUnsupported()
  }
}

class SynchronousMessageWithRequestBuilder {
  constructor(pact, interaction, opts) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
  }

  /** The request's bytes, kept as they are and matched by their content type. */
  withContent(contentType, body) {
    this.interaction.binaryPart('request', body, contentType)
    return this
  }

  withJSONContent(content) {
    checkJson(content)
    this.interaction.request(JSON.stringify(content), 'application/json')
    return this
  }

  withMatchingRules(rules) {
    this.interaction.matchingRules('request', rules)
    return this
  }
}

class SynchronousMessageWithRequest {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  withResponse(builder) {
    const responses = new SynchronousMessageWithResponseBuilder(this.pact, this.interaction, this.opts)
    builder(responses)
    addResponses(this.interaction, responses)
    return new SynchronousMessageWithResponse(this.pact, this.interaction, this.opts, this.cleanupFn)
  }
}

/**
 * Each withJSONContent / withContent adds a response (as in pact-js); withMetadata and
 * withMatchingRules are of every response this builder adds, whatever the order of the calls
 * (the responses are added when the builder returns).
 */
class SynchronousMessageWithResponseBuilder {
  constructor(pact, interaction, opts) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.responses = []
    this.metadata = undefined
    this.rules = []
  }

  withMetadata(metadata) {
    checkMetadata(metadata)
    this.metadata = { ...this.metadata, ...metadata }
    return this
  }

  /** Adds a response: its bytes, kept as they are and matched by their content type. */
  withContent(contentType, body) {
    this.responses.push(['bytes', body, contentType])
    return this
  }

  /** Adds a response. */
  withJSONContent(content) {
    checkJson(content)
    this.responses.push(['json', JSON.stringify(content), 'application/json'])
    return this
  }

  withMatchingRules(rules) {
    this.rules.push(...MessageHandle.ruleEntries(rules))
    return this
  }
}

/** Adds the builder's responses, each with the builder's metadata and rules. */
function addResponses(interaction, builder) {
  if (builder.responses.length === 0 && builder.metadata) {
    throw new ConfigurationError(
      'withMetadata describes the metadata of a response: add the response with withJSONContent or withContent in the same builder',
    )
  }
  for (const [kind, content, contentType] of builder.responses) {
    if (kind === 'bytes') interaction.binaryPart('response', content, contentType)
    else interaction.response(content, contentType)
    if (builder.metadata) interaction.responseMetadata(builder.metadata)
    interaction.responseRules(builder.rules)
  }
}

class SynchronousMessageWithPluginContents {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  executeTest(_integrationTest) {
    return Promise.reject(pluginError())
  }

  startTransport(_transport, _address, _config) {
    pluginsUnsupported()
  }
}

class SynchronousMessageWithTransport {
  constructor(pact, interaction, opts, port, address, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.port = port
    this.address = address
    this.cleanupFn = cleanupFn
  }

  executeTest(_integrationTest) {
    return Promise.reject(pluginError())
  }
}

function pluginError() {
  try {
    pluginsUnsupported()
  } catch (e) {
    return e
  }
}

class SynchronousMessageWithResponse {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  executeTest(integrationTest) {
    // As pact-js: the PactV4 starts afresh as soon as the test runs (and again when it ends).
    const res = executeNonTransportTest(this.interaction, this.opts, integrationTest, synchronousMessageFor, this.cleanupFn)
    this.cleanupFn()
    return res
  }
}

// The body handlers: a handler of the contents only, for executeTest.

function v4SynchronousBodyHandler(handler) {
  return (m) => {
    const body = m.contents.content
    return new Promise((resolve, reject) => {
      try {
        resolve(handler(body))
      } catch (e) {
        reject(e)
      }
    })
  }
}

function v4AsynchronousBodyHandler(handler) {
  return (m) => handler(m.contents.content)
}

module.exports = {
  UnconfiguredAsynchronousMessage,
  AsynchronousMessageBuilder,
  AsynchronousMessageWithContent,
  UnconfiguredSynchronousMessage,
  SynchronousMessageWithPlugin,
  SynchronousMessageWithRequestBuilder,
  SynchronousMessageWithRequest,
  SynchronousMessageWithResponseBuilder,
  SynchronousMessageWithPluginContents,
  SynchronousMessageWithTransport,
  SynchronousMessageWithResponse,
  v4SynchronousBodyHandler,
  v4AsynchronousBodyHandler,
  isEmpty,
}
