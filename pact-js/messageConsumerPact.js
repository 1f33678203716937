// MessageConsumerPact: pact-js's message consumer DSL (src/messageConsumerPact), V3 message
// pacts by default (`spec: 4` for V4 asynchronous messages). One message at a time: given /
// expectsToReceive / withContent (withTextContent, withBinaryContent) / withMetadata, then
// verify(handler) hands the reified message to the handler; when it resolves, the message is
// merged into `<dir>/<consumer>-<provider>.json` (the first write of a pact replaces the file
// with pactfileWriteMode 'overwrite'); when it rejects, the message is dropped. Either way the
// next message starts afresh.
//
// Derived from pact-js (https://github.com/pact-foundation/pact-js), MIT licence; see NOTICE.md.
'use strict'

const logger = require('./common/logger')
const { ConfigurationError } = require('./common/errors')
const { specFromNumber } = require('./common/types')
const { MessageHandle, handlerContents, handlerMetadata } = require('./common/message')

const DEFAULT_PACT_DIR = './pacts'

/** What json() reports as the kind of contents set (pact-js's enum). */
const ContentType = { JSON: 0, BINARY: 1, STRING: 2 }

/** lodash's isEmpty for what these calls take: no value, '', [], {}. */
function isEmpty(value) {
  if (value === undefined || value === null) return true
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

class MessageConsumerPact {
  constructor(config) {
    this.config = config
    this.state = {}
    this.specification = specFromNumber(config.spec, 'V3')
    logger.setLogLevel(config.logLevel)
    /** Whether this pact wrote its file already (later writes merge, whatever the write mode). */
    this.written = false
    this.message = this.newMessage()
  }

  newMessage() {
    return new MessageHandle(this.config.consumer, this.config.provider, this.specification, 'async')
  }

  /**
   * Gives a state the provider should be in for this Message.
   * @param {string | { name: string, params?: object }} state
   */
  given(state) {
    if (typeof state === 'string') this.message.given(state)
    else this.message.given(state.name, state.params)
    return this
  }

  /** A free style description of the Message. */
  expectsToReceive(description) {
    if (isEmpty(description)) {
      throw new ConfigurationError('You must provide a description for the Message.')
    }
    this.message.expectsToReceive(description)
    return this
  }

  /**
   * The JSON object to be received by the message consumer: a JSON object or primitive
   * (matchers inside).
   */
  withContent(content) {
    if (isEmpty(content)) {
      throw new ConfigurationError('You must provide a valid JSON document or primitive for the Message.')
    }
    this.message.jsonContents(content)
    this.state.contentType = ContentType.JSON
    return this
  }

  /** The text content to be received by the message consumer, with its content type. */
  withTextContent(content, contentType) {
    this.message.textContents(content, contentType)
    this.state.contentType = ContentType.STRING
    return this
  }

  /** The binary content to be received by the message consumer (base64 in the pact file). */
  withBinaryContent(content, contentType) {
    this.message.binaryContents(content, contentType)
    this.state.contentType = ContentType.BINARY
    return this
  }

  /** Message metadata (values may be matchers). */
  withMetadata(metadata) {
    if (isEmpty(metadata)) {
      throw new ConfigurationError('You must provide valid metadata for the Message, or none at all')
    }
    this.message.metadata(metadata)
    return this
  }

  /**
   * Hands the message to `handler`; when it resolves, writes the message into the pact file
   * and resolves; when it rejects (or throws), drops the message and rejects with its error.
   */
  async verify(handler) {
    logger.info('Verifying message')
    const message = this.message
    try {
      if (!message.described) {
        throw new ConfigurationError('You must provide a description for the Message.')
      }
      await handler(this.reifiedContent())
      const overwrite = this.config.pactfileWriteMode === 'overwrite' && !this.written
      message.write(this.config.dir ?? DEFAULT_PACT_DIR, overwrite)
      this.written = true
    } catch (e) {
      message.discard()
      throw e
    } finally {
      this.message = this.newMessage()
      this.state = {}
    }
  }

  /** The message as pact-js hands it over: its pact file JSON, with the reified contents and metadata. */
  reifiedContent() {
    const reified = this.message.reify()
    const json = this.message.messageJson()
    return { ...json, contents: handlerContents(this.message, reified), metadata: handlerMetadata(json, reified) }
  }

  /** What kind of contents were set (`{ contentType }`, pact-js's enum), or `{}`. */
  json() {
    return this.state
  }
}

// bodyHandler takes a synchronous function and returns a wrapped function that accepts a
// Message and returns a Promise.
function synchronousBodyHandler(handler) {
  return (m) => {
    const body = m.contents
    return new Promise((resolve, reject) => {
      try {
        resolve(handler(body))
      } catch (e) {
        reject(e)
      }
    })
  }
}

// bodyHandler takes an asynchronous (promisified) function and returns a wrapped function
// that accepts a Message and returns a Promise.
function asynchronousBodyHandler(handler) {
  return (m) => handler(m.contents)
}

module.exports = { MessageConsumerPact, synchronousBodyHandler, asynchronousBodyHandler }
