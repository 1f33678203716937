// The pact behind one pact-js object (PactV4, PactV3, PactV2) between two executeTest (or
// verify) calls: a binding `Pact`, and the interactions added to it, each offering the calls
// pact-js makes on libpact_ffi, made on the binding instead (V4 comments, matching rules given
// as rules and multipart bodies included: Interaction.setComment, testName, reference,
// withMatchingRules, withMultipartBody).
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const binding = require('./binding')
const { isMatcher, isStatusCodeMatcher, reify } = require('../v3/matchers')
// Only matchingRules() takes rules as rules: loaded then.
const rulesModule = () => require('./rules')

/** Whether a value is integration JSON (what libpact_ffi takes out of a JSON string). */
function isMatcherObject(v) {
  return v !== null && typeof v === 'object' && ('pact:matcher:type' in v || 'pact:generator:type' in v)
}

/**
 * A path, header or query value as pact-js hands it to libpact_ffi: a string as it is, a
 * matcher as integration JSON, anything else as its JSON text (so a number 5 is "5").
 */
function wireValue(v) {
  if (typeof v === 'string' || v === undefined) return v
  if (isMatcherObject(v)) return JSON.parse(JSON.stringify(v))
  const text = JSON.stringify(v)
  return text === undefined ? String(v) : text
}

/** A value as an error message shows it. */
function describe(v) {
  return v === undefined ? 'undefined' : typeof v === 'function' ? 'a function' : JSON.stringify(v) ?? String(v)
}

/** A body as pact-js hands it over: a string as it is, anything else as its JSON text. */
function wireBody(body) {
  return typeof body === 'string' ? body : JSON.stringify(body)
}

class PactHandle {
  /**
   * @param {string} consumer
   * @param {string} provider
   * @param {string} specification the binding's name ('V2', 'V3', 'V4', ...)
   */
  constructor(consumer, provider, specification) {
    this.pact = new binding.Pact(consumer, provider, { specification })
    this.specification = specification
    this.count = 0
    /**
     * Rules given as rules, added when a server is started: pact-js gives them before the
     * values they are about (withRequestMatchingRules, then the request), and the core drops
     * a rule when the value at its place is set after it (libpact_ffi keeps it).
     */
    this.pendingRules = []
  }

  newInteraction(description) {
    const interaction = this.pact.newInteraction(description)
    return new HttpInteraction(this, interaction, this.count++)
  }

  /** The binding pact a server is started for (with the rules given as rules). */
  forServer() {
    const pending = this.pendingRules
    this.pendingRules = []
    for (const [interaction, part, json] of pending) interaction.withMatchingRules(part, json)
    return this.pact
  }

  /** Starts a mock server for every interaction added so far. */
  startServer(options) {
    return this.forServer().startMockServer(options)
  }
}

/**
 * One HTTP interaction, with the calls pact-js makes on a libpact_ffi interaction (values as
 * pact-js passes them: matchers as objects, other values as text).
 */
class HttpInteraction {
  constructor(handle, interaction, index) {
    this.handle = handle
    this.interaction = interaction
    this.index = index
  }

  uponReceiving(description) {
    this.interaction.uponReceiving(description)
  }

  given(state, parameters) {
    if (parameters) this.interaction.given(state, JSON.parse(JSON.stringify(parameters)))
    else this.interaction.given(state)
  }

  withRequest(method, requestPath) {
    // pact-js throws here too (libpact_ffi's "expected a string"), in fewer words.
    if (typeof method !== 'string') {
      throw new TypeError(`withRequest: the method must be a string such as 'GET', got ${describe(method)}`)
    }
    if (requestPath === undefined || requestPath === null) {
      throw new TypeError(`withRequest: the path must be a string such as '/orders/1' or a matcher, got ${describe(requestPath)}`)
    }
    this.interaction.withRequest(method, wireValue(requestPath))
  }

  requestHeader(name, index, value) {
    this.interaction.withHeader(String(name), wireValue(value), index)
  }

  responseHeader(name, index, value) {
    this.interaction.withResponseHeader(String(name), wireValue(value), index)
  }

  query(name, index, value) {
    this.interaction.withQueryParameter(String(name), wireValue(value), index)
  }

  /** A body given as text or as a JSON value (matchers inside), with its content type. */
  body(part, body, contentType) {
    const text = wireBody(body)
    if (part === 'request') this.interaction.withBody(text, contentType)
    else this.interaction.withResponseBody(text, contentType)
  }

  binaryBody(part, buffer, contentType) {
    if (!Buffer.isBuffer(buffer)) buffer = Buffer.from(buffer)
    if (part === 'request') this.interaction.withBody(buffer, contentType)
    else this.interaction.withResponseBody(buffer, contentType)
  }

  /**
   * A multipart/form-data body with one part, `mimePartName`, holding the file (as
   * libpact_ffi's `pactffi_with_multipart_file_v2` builds it); matched by the boundary-free
   * Content-Type header and by the part's content type.
   */
  multipartBody(part, contentType, file, mimePartName, boundary) {
    let data
    try {
      data = fs.readFileSync(file)
    } catch (e) {
      throw new Error(`unable to read file for multipart body: ${e instanceof Error ? e.message : e}`)
    }
    this.interaction.withMultipartBody(part, contentType, data, String(mimePartName), boundary || undefined, path.basename(file))
  }

  /** Rules in pact-js's `Rules` form, checked as pact-js checks them; added to the part. */
  matchingRules(part, rules) {
    const { validateRules, ruleEntries, rulesJson } = rulesModule()
    validateRules(rules)
    const json = rulesJson(ruleEntries(rules))
    if (Object.keys(json).length > 0) this.handle.pendingRules.push([this.interaction, part, json])
  }

  /**
   * The response status: a number, or a statusCode matcher, whose example is the status and
   * whose rule is keyed by "$", as pact-js hands both to libpact_ffi (withStatus, then
   * withResponseMatchingRules).
   */
  status(status) {
    this.interaction.willRespondWith(reify(status))
    if (isStatusCodeMatcher(status)) {
      const rule = { matchers: [{ match: 'statusCode', status: status.status }] }
      this.handle.pendingRules.push([this.interaction, 'response', { status: { $: rule } }])
    }
  }

  pending(pending) {
    this.interaction.pending(pending)
  }

  textComment(text) {
    this.interaction.comment(text)
  }

  setComment(key, value) {
    this.interaction.setComment(key, value)
  }

  testName(name) {
    this.interaction.testName(name)
  }

  reference(group, name, value) {
    this.interaction.reference(group, name, value)
  }
}

module.exports = { PactHandle, HttpInteraction, wireValue, wireBody, isMatcher }
