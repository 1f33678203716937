// The pact behind one pact-js object (PactV4, PactV3, PactV2) between two executeTest (or
// verify) calls: a binding `Pact`, and the interactions added to it, each offering the calls
// pact-js makes on libpact_ffi, made on the binding instead.
//
// A few of those calls have no binding counterpart yet. What they add is pact data (V4
// comments, matching rules given as rules, the rules of a multipart body), so it is recorded
// here and put into the pact's JSON when a server is started: the binding pact is read back
// with `Pact.fromJson` (the core's own reader, which also checks the rules). Nothing about
// matching is decided here. Each use names the binding function that would replace it:
//   - comment({ key, value }), testName(), reference()  -> Interaction.setComment(key, value),
//     .testName(name), .reference(group, name, value)
//   - matchingRules(rules), withRequestMatchingRules(...) -> Interaction.withMatchingRules(part, rules)
//   - multipartBody(...) (the body rule at $.<part>)       -> Interaction.withMultipartBody(part, ...)
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const binding = require('./binding')
const { isMatcher, isStatusCodeMatcher, reify } = require('../v3/matchers')
const { ruleEntries, validateRules } = require('./rules')

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

/** A body as pact-js hands it over: a string as it is, anything else as its JSON text. */
function wireBody(body) {
  return typeof body === 'string' ? body : JSON.stringify(body)
}

/** A JSON path step for a name, as the reference writes it (`$.file`, `$['my file']`). */
function pathStep(name) {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `$.${name}` : `$['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}

const MULTIPART_HEADER_REGEX = 'multipart/form-data;(\\s*charset=[^;]*;)?\\s*boundary=.*'

class PactHandle {
  /**
   * @param {string} consumer
   * @param {string} provider
   * @param {string} specification the binding's name ('V2', 'V3', 'V4', ...)
   */
  constructor(consumer, provider, specification) {
    this.pact = new binding.Pact(consumer, provider, { specification })
    this.specification = specification
    /** index of an interaction in the pact -> what the binding cannot take yet */
    this.extras = new Map()
    this.count = 0
  }

  newInteraction(description) {
    const interaction = this.pact.newInteraction(description)
    return new HttpInteraction(this, interaction, this.count++)
  }

  extra(index) {
    let extra = this.extras.get(index)
    if (!extra) {
      extra = { comments: {}, request: { rules: [], multipart: null }, response: { rules: [], multipart: null } }
      this.extras.set(index, extra)
    }
    return extra
  }

  /** The binding pact a server is started for: this one, or a copy with the extras added. */
  forServer() {
    if (this.extras.size === 0) return this.pact
    this.pact.withSpecification('V4')
    let json
    try {
      json = this.pact.toJson()
    } finally {
      this.pact.withSpecification(this.specification)
    }
    if (json.interactions.length !== this.count) {
      throw new Error(`internal: the pact holds ${json.interactions.length} interactions, ${this.count} were added`)
    }
    for (const [index, extra] of this.extras) addExtras(json.interactions[index], extra)
    return binding.Pact.fromJson(json).withSpecification(this.specification)
  }

  /** Starts a mock server for every interaction added so far. */
  startServer(options) {
    return this.forServer().startMockServer(options)
  }
}

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
 * Adds rules (`[category, path, matchers]` entries) to the `matchingRules` of a part's JSON
 * (an HTTP request or response, a message, a part of a synchronous message).
 */
function addRules(target, entries) {
  if (entries.length === 0) return
  const matchingRules = (target.matchingRules ??= {})
  for (const [category, rulePath, matchers] of entries) {
    if (category === 'path' || category === 'status') {
      // One value only: the whole path or status (pact-js users write path '$').
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

function addExtras(interaction, extra) {
  addComments(interaction, extra.comments)
  for (const part of ['request', 'response']) {
    const { rules, multipart } = extra[part]
    if (rules.length === 0 && !multipart) continue
    const target = interaction[part]
    const entries = [...rules]
    if (multipart) {
      // libpact_ffi matches the file part by its content type, not the whole body.
      if (target.matchingRules?.body) delete target.matchingRules.body.$
      entries.unshift(['body', pathStep(multipart.partName), [{ match: 'contentType', value: multipart.contentType }]])
    }
    addRules(target, entries)
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
    const b = boundary || require('node:crypto').randomBytes(16).toString('hex')
    const filename = path.basename(file).replace(/"/g, '%22')
    const name = String(mimePartName).replace(/"/g, '%22')
    const body = Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${b}--\r\n`),
    ])
    const headerValue = `multipart/form-data; boundary=${b}`
    const header = { 'pact:matcher:type': 'regex', regex: MULTIPART_HEADER_REGEX, value: headerValue }
    if (part === 'request') {
      this.interaction.withHeader('Content-Type', header)
      this.interaction.withBody(body, headerValue)
    } else {
      this.interaction.withResponseHeader('Content-Type', header)
      this.interaction.withResponseBody(body, headerValue)
    }
    this.handle.extra(this.index)[part].multipart = { partName: String(mimePartName), contentType }
  }

  /** Rules in pact-js's `Rules` form, checked as pact-js checks them; added to the part. */
  matchingRules(part, rules) {
    validateRules(rules)
    const entries = ruleEntries(rules)
    if (entries.length > 0) this.handle.extra(this.index)[part].rules.push(...entries)
  }

  /** The response status: a number, or a matcher (a statusCode matcher keeps its rule). */
  status(status) {
    this.interaction.willRespondWith(isStatusCodeMatcher(status) ? wireValue(status) : reify(status))
  }

  pending(pending) {
    this.interaction.pending(pending)
  }

  textComment(text) {
    this.interaction.comment(text)
  }

  setComment(key, value) {
    this.handle.extra(this.index).comments[key] = value
  }

  testName(name) {
    this.handle.extra(this.index).comments.testname = name
  }

  reference(group, name, value) {
    const comments = this.handle.extra(this.index).comments
    const refs = (comments.references ??= {})
    ;(refs[group] ??= {})[name] = value
  }
}

module.exports = { PactHandle, HttpInteraction, wireValue, wireBody, isMatcher, addComments, addRules }
