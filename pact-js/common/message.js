// One message of a pact-js message test (PactV4 addAsynchronousInteraction /
// addSynchronousInteraction, MessageConsumerPact): a binding `Pact` of its own holding one
// binding `Message` or `SynchronousMessage`, with the calls pact-js makes on libpact_ffi made on
// the binding instead, what the handler is handed in pact-js's shapes, and the write (merged
// into the pact file, or dropped when the handler failed).
//
// A message has a pact of its own so that it never mixes with the HTTP interactions a PactV4
// serves, and is written by the test that handled it (the core merges it into the file, next
// to the interactions already there).
//
// A few pact-js calls have no counterpart on the binding's messages yet (its HTTP interactions
// have them). What they add is pact data, recorded here and put into the message's JSON when it is
// written: the pact is read back with `Pact.fromJson` (the core's reader, which checks the
// rules) and written through the core's pact file writer. Each names what would replace it:
//   - comment({ key, value }), testName(), reference()   -> setComment / testName / reference
//     on Message and SynchronousMessage, as on Interaction
//   - withMatchingRules(rules)                            -> withMatchingRules(part, rules) on them
//   - the contentType rule of a synchronous part given as bytes of a text type, which the
//     drop-in gives the core as text (as libpact_ffi writes such bytes) -> a binding call for
//     bytes written as text, or the core writing Buffers of text types as text (as it does
//     for HTTP bodies); for bytes given as a Buffer the core adds this rule itself.
'use strict'

const binding = require('./binding')
const { ruleEntries, validateRules } = require('./rules')

/** Adds V4 comments (`{ key: value }`, `references` merged by group) to an interaction's JSON. */
function addComments(interaction, extraComments) {
  if (Object.keys(extraComments).length === 0) return
  const comments = (interaction.comments ??= {})
  for (const [key, value] of Object.entries(extraComments)) {
    if (key === 'references') {
      const refs = (comments.references ??= {})
      for (const [group, names] of Object.entries(value)) Object.assign((refs[group] ??= {}), names)
    } else {
      comments[key] = value
    }
  }
}

/**
 * Adds rules (`[category, path, matchers]` entries) to the `matchingRules` of a message's or
 * a message part's JSON, after those already at the same paths (path and status rules are one
 * list, as libpact_ffi writes them).
 */
function addRules(target, entries) {
  if (entries.length === 0) return
  const matchingRules = (target.matchingRules ??= {})
  for (const [category, rulePath, matchers] of entries) {
    if (category === 'path' || category === 'status') {
      const list = (matchingRules[category] ??= { combine: 'AND', matchers: [] })
      list.matchers.push(...structuredClone(matchers))
    } else {
      const paths = (matchingRules[category] ??= {})
      const list = (paths[rulePath] ??= { combine: 'AND', matchers: [] })
      list.matchers.push(...structuredClone(matchers))
    }
  }
  for (const [category, value] of Object.entries(matchingRules)) {
    if (value && typeof value === 'object' && Object.keys(value).length === 0) delete matchingRules[category]
  }
  if (Object.keys(matchingRules).length === 0) delete target.matchingRules
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
    this.specification = specification
    this.kind = kind
    this.described = Boolean(description)
    const name = description || UNNAMED
    this.message = kind === 'sync' ? this.pact.newSynchronousMessage(name) : this.pact.newMessage(name)
    /** The contents were given as a Buffer: the handler gets a Buffer. */
    this.binary = false
    this.comments = {}
    /** Rules given as rules: of the message (contents), of the request, of each response. */
    this.rules = { contents: [], request: [], responses: [] }
    /** The contentType rule of a request given as bytes of a text type (replaced with the request). */
    this.requestTypeRule = undefined
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
    if (this.requestTypeRule) this.rules.request = this.rules.request.filter((rule) => rule !== this.requestTypeRule)
    this.requestTypeRule = undefined
  }

  /** Adds a response to a synchronous message (text, JSON text, or bytes). */
  response(content, contentType) {
    this.message.withResponse(content, contentType)
    this.rules.responses.push([])
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
    if (text !== undefined) {
      // The core adds this rule to bytes given as a Buffer; text is given here.
      const rule = ['body', '$', [{ match: 'contentType', value: contentType }]]
      if (part === 'request') {
        this.rules.request.push(rule)
        this.requestTypeRule = rule
      } else {
        this.rules.responses[this.rules.responses.length - 1].push(rule)
      }
    }
  }

  /** The number of responses added so far. */
  get responseCount() {
    return this.rules.responses.length
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
    this.comments[key] = value
  }

  testName(name) {
    this.comments.testname = name
  }

  reference(group, name, value) {
    const refs = (this.comments.references ??= {})
    ;(refs[group] ??= {})[name] = value
  }

  /** Checks rules in pact-js's `Rules` form as pact-js checks them; their entries. */
  static ruleEntries(rules) {
    validateRules(rules)
    return ruleEntries(rules)
  }

  /** Rules of the contents (an asynchronous message) or of the request. */
  matchingRules(part, rules) {
    this.rules[part].push(...MessageHandle.ruleEntries(rules))
  }

  /** Rule entries of the response at `index`. */
  responseRules(index, entries) {
    this.rules.responses[index].push(...entries)
  }

  hasExtras() {
    const { contents, request, responses } = this.rules
    return Object.keys(this.comments).length > 0 || contents.length > 0 || request.length > 0 || responses.some((r) => r.length > 0)
  }

  /** The pact of this message as it would be written (the extras added). */
  pactJson() {
    const json = this.pact.toJson()
    if (!this.hasExtras()) return json
    if (json.messages) {
      // V3: no comments; rules on the message.
      addRules(json.messages[0], this.rules.contents)
      return json
    }
    const interaction = json.interactions[0]
    addComments(interaction, this.comments)
    if (this.kind === 'sync') {
      addRules(interaction.request, this.rules.request)
      interaction.response.forEach((response, index) => addRules(response, this.rules.responses[index] ?? []))
    } else {
      addRules(interaction, this.rules.contents)
    }
    return json
  }

  /** The message's JSON as it would be written: a V3 message, or a V4 interaction. */
  messageJson() {
    const json = this.pactJson()
    return (json.messages ?? json.interactions)[0]
  }

  reify() {
    return this.message.reify()
  }

  /** Merges the message into `<dir>/<consumer>-<provider>.json` (replaces the file with overwrite). */
  write(dir, overwrite) {
    this.done = true
    if (!this.hasExtras()) {
      this.message.takeIntoPactFile(dir, overwrite)
      return
    }
    const pact = binding.Pact.fromJson(this.pactJson()).withSpecification(this.specification)
    this.message.discard()
    // The core's pact file writer, through a server that serves nothing (messages have none).
    const server = pact.startMockServer({ port: 0 })
    try {
      server.writePactFile(dir, { overwrite })
    } finally {
      server.cleanup()
    }
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
