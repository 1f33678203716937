// One message of a pact-js message test (PactV4 addAsynchronousInteraction /
// addSynchronousInteraction, MessageConsumerPact): a binding `Pact` of its own holding one
// binding `Message` or `SynchronousMessage`, with the calls pact-js makes on libpact_ffi made on
// the binding instead (comments, test names and references with setComment / testName /
// reference, rules given as rules with withMatchingRules / withRequestMatchingRules /
// withResponseMatchingRules), what the handler is handed in pact-js's shapes, and the write
// (merged into the pact file by the core, or dropped when the handler failed).
//
// A message has a pact of its own so that it never mixes with the HTTP interactions a PactV4
// serves, and is written by the test that handled it (the core merges it into the file, next
// to the interactions already there).
//
// Nothing here edits pact JSON: the core builds the message and writes (merges) it.
//
// Two things differ from the binding's own API, to write what pact-js writes:
//   - Bytes of a text type (withContent('text/plain', buffer), withBinaryContent) are handed to
//     the core as their text, as libpact_ffi reads them; the handler still gets a Buffer. (A
//     Buffer given to the binding stays binary, `contentTypeHint: BINARY`, so that its own
//     handler gets the Buffer back.) A synchronous part given so gets the contentType rule
//     libpact_ffi gives bytes, with withRequestMatchingRules / withResponseMatchingRules.
//   - Rules given as rules are pact-js's `Rules`: their body part is the message's body rules;
//     the parts of HTTP interactions (path, header, query, status), which libpact_ffi writes on
//     a message where no verifier reads them, are left out with a warning.
'use strict'

const binding = require('./binding')
const logger = require('./logger')
const { ruleEntries, rulesJson, validateRules } = require('./rules')

/**
 * The body entries (`[part, path, matchers]`) of pact-js's rules. The other parts pact-js lets
 * through (path, header, query, status) are of HTTP interactions: libpact_ffi writes them on the
 * message, where no verifier reads them; they are left out, with a warning.
 */
function bodyEntries(entries) {
  return entries.filter(([part, rulePath]) => {
    if (part === 'body') return true
    logger.warn(
      `withMatchingRules: a message has no ${part} rules (that part of pact-js's Rules is of HTTP interactions, and no verifier reads it on a message): the rule at '${rulePath}' is not written`,
    )
    return false
  })
}

/** Body rule entries as the binding's message rules (`{ body: { path: { matchers } } }`), or undefined. */
function messageRulesJson(entries) {
  return entries.length === 0 ? undefined : rulesJson(entries)
}

/** The rule libpact_ffi gives the bytes of a synchronous message's part: matched by content type. */
function contentTypeRule(contentType) {
  return { body: { $: { matchers: [{ match: 'contentType', value: contentType }] } } }
}

/** The description a message has until expectsToReceive names it (never written). */
const UNNAMED = 'a message not described yet (expectsToReceive)'

const UTF8 = new TextDecoder('utf-8', { fatal: true })

function baseType(contentType) {
  return String(contentType ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
}

/** JSON content types, as the core tells them (application/json, +json, vnd...json). */
function isJsonType(contentType) {
  const base = baseType(contentType)
  return /^application\/.*json/.test(base) || base.endsWith('+json')
}

/** Content types libpact_ffi stores as text (text/*, XML, JSON, form-urlencoded). */
function isTextType(contentType) {
  const base = baseType(contentType)
  return (
    base.startsWith('text/') ||
    base.endsWith('/xml') ||
    base.endsWith('+xml') ||
    isJsonType(base) ||
    base === 'application/x-www-form-urlencoded'
  )
}

function utf8(buffer) {
  try {
    return UTF8.decode(buffer)
  } catch {
    return undefined
  }
}

/** A value as libpact_ffi gets it from pact-js (JSON text, parsed again): no functions, no undefined. */
function asJson(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

class MessageHandle {
  /**
   * @param {string} consumer
   * @param {string} provider
   * @param {string} specification the binding's name ('V3', 'V4')
   * @param {'async' | 'sync'} kind
   * @param {string} [description]
   */
  constructor(consumer, provider, specification, kind, description) {
    this.pact = new binding.Pact(consumer, provider, { specification })
    this.described = Boolean(description)
    const name = description || UNNAMED
    this.message = kind === 'sync' ? this.pact.newSynchronousMessage(name) : this.pact.newMessage(name)
    /** The contents were given as a Buffer: the handler gets a Buffer. */
    this.binary = false
    /**
     * Rules given as rules (binding JSON) of the contents (an asynchronous message) and of the
     * request, added when the builder that gave them returns (applyRules): pact-js may give them
     * before the contents, and the core replaces the body rules when the contents are set
     * (libpact_ffi keeps them).
     */
    this.pendingRules = { contents: [], request: [] }
    this.done = false
  }

  given(state, parameters) {
    if (parameters) this.message.given(state, asJson(parameters))
    else this.message.given(state)
  }

  expectsToReceive(description) {
    this.message.expectsToReceive(description)
    this.described = true
  }

  /** JSON contents (matchers inside), as pact-js sends them: their JSON text. */
  jsonContents(content) {
    this.message.withContents(JSON.stringify(content), 'application/json')
  }

  /** Text contents with their content type (JSON and XmlBuilder documents are read as such). */
  textContents(content, contentType) {
    this.message.withContents(content, contentType)
  }

  /**
   * Contents given as bytes (`pactffi_message_with_binary_contents`): bytes of a textual
   * content type (JSON, XML, text) are the contents in that type, as libpact_ffi reads them
   * (a JSON or XmlBuilder document keeps its matchers); other bytes are binary.
   */
  binaryContents(content, contentType) {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const text = isTextType(contentType) ? utf8(buffer) : undefined
    this.message.withContents(text === undefined ? buffer : text, contentType)
    this.binary = true
  }

  /** Metadata values as pact-js sends them (each value's JSON, matchers included). */
  metadata(metadata) {
    this.message.withMetadata(asJson(metadata))
  }

  /** The request of a synchronous message (text, JSON text, or bytes). */
  request(content, contentType) {
    this.message.withRequest(content, contentType)
  }

  /** Adds a response to a synchronous message (text, JSON text, or bytes). */
  response(content, contentType) {
    this.message.withResponse(content, contentType)
  }

  /**
   * The request's or a new response's bytes (`pactffi_with_binary_file`): the bytes as they
   * are, matched by their content type (a `contentType` rule). Bytes of a textual content type
   * are written as text, as libpact_ffi writes them.
   */
  binaryPart(part, content, contentType) {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const text = isTextType(contentType) ? utf8(buffer) : undefined
    if (part === 'request') this.request(text === undefined ? buffer : text, contentType)
    else this.response(text === undefined ? buffer : text, contentType)
    // The core adds this rule to bytes given as a Buffer; text is given here.
    if (text !== undefined) {
      if (part === 'request') this.message.withRequestMatchingRules(contentTypeRule(contentType))
      else this.message.withResponseMatchingRules(contentTypeRule(contentType))
    }
  }

  responseMetadata(metadata) {
    this.message.withResponseMetadata(asJson(metadata))
  }

  pending(pending) {
    this.message.pending(pending)
  }

  textComment(text) {
    this.message.comment(text)
  }

  setComment(key, value) {
    this.message.setComment(key, value)
  }

  testName(name) {
    this.message.testName(name)
  }

  reference(group, name, value) {
    this.message.reference(group, name, value)
  }

  /**
   * Checks rules in pact-js's `Rules` form as pact-js checks them; their body entries (the
   * others are left out, see bodyEntries).
   */
  static ruleEntries(rules) {
    validateRules(rules)
    return bodyEntries(ruleEntries(rules))
  }

  /**
   * Rules in pact-js's `Rules` form of the contents (an asynchronous message) or of the
   * request, checked as pact-js checks them; added by applyRules.
   */
  matchingRules(part, rules) {
    const json = messageRulesJson(MessageHandle.ruleEntries(rules))
    if (json) this.pendingRules[part].push(json)
  }

  /** Adds the rules given for the contents or the request (once they are set). */
  applyRules(part) {
    const pending = this.pendingRules[part]
    this.pendingRules[part] = []
    for (const json of pending) {
      if (part === 'request') this.message.withRequestMatchingRules(json)
      else this.message.withMatchingRules(json)
    }
  }

  /** Adds rule entries (MessageHandle.ruleEntries) to the last response added. */
  responseRules(entries) {
    const json = messageRulesJson(entries)
    if (json) this.message.withResponseMatchingRules(json)
  }

  /** The message's JSON as it would be written: a V3 message, or a V4 interaction. */
  messageJson() {
    const json = this.pact.toJson()
    return (json.messages ?? json.interactions)[0]
  }

  reify() {
    return this.message.reify()
  }

  /** Merges the message into `<dir>/<consumer>-<provider>.json` (replaces the file with overwrite). */
  write(dir, overwrite) {
    this.done = true
    this.message.takeIntoPactFile(dir, overwrite)
  }

  /** Drops the message: it is never written. */
  discard() {
    if (this.done) return
    this.done = true
    this.message.discard()
  }
}

/** The bytes of a reified message part, as libpact_ffi hands them over (JSON as its text). */
function bytesOf(part) {
  const { contents, contentType } = part
  if (contents === null || contents === undefined) return Buffer.alloc(0)
  if (Buffer.isBuffer(contents)) return contents
  if (typeof contents === 'string' && !isJsonType(contentType)) return Buffer.from(contents)
  return Buffer.from(JSON.stringify(contents))
}

/**
 * The metadata a handler gets: the message's metadata keys as the pact file has them, with
 * the reified values (generators applied); `contentType` only where the file has it.
 */
function handlerMetadata(json, reified) {
  const metadata = {}
  for (const [key, value] of Object.entries(json.metadata ?? {})) {
    metadata[key] = Object.prototype.hasOwnProperty.call(reified.metadata, key) ? reified.metadata[key] : value
  }
  return metadata
}

/** The contents a handler gets: a Buffer when they were given as one, else the JSON value or text. */
function handlerContents(handle, reified) {
  const contents = reified.contents ?? null
  if (handle.binary && contents !== null && !Buffer.isBuffer(contents)) return bytesOf(reified)
  return contents
}

module.exports = { MessageHandle, bytesOf, handlerMetadata, handlerContents, isTextType, isJsonType }
