// PactV4 HTTP interactions: pact-js's type-state builder chain (src/v4/http): an unconfigured
// interaction (states, description, V4 comments), withRequest with its builder,
// willRespondWith with its builder, then executeTest for every interaction of the pact.
'use strict'

const fs = require('node:fs')
const { executeTest } = require('../common/execute')
const { InteractionStates } = require('./states')

function readBinaryData(file) {
  try {
    return fs.readFileSync(file)
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e))
    throw new Error(`unable to read file for binary payload : ${error.message}`)
  }
}

/** Sets each header value: arrays give several values (index 0, 1, ...). */
function setHeaders(interaction, part, headers) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value]
    values.forEach((v, index) => {
      if (part === 'request') interaction.requestHeader(name, index, v)
      else interaction.responseHeader(name, index, v)
    })
  }
}

function setQuery(interaction, query) {
  for (const [name, value] of Object.entries(query ?? {})) {
    const values = Array.isArray(value) ? value : [value]
    values.forEach((v, index) => interaction.query(name, index, v))
  }
}

class RequestBuilder {
  constructor(interaction) {
    this.interaction = interaction
  }

  query(query) {
    setQuery(this.interaction, query)
    return this
  }

  headers(headers) {
    setHeaders(this.interaction, 'request', headers)
    return this
  }

  jsonBody(body) {
    this.interaction.body('request', body, 'application/json')
    return this
  }

  xmlBody(body) {
    this.interaction.body('request', body, 'application/xml')
    return this
  }

  binaryFile(contentType, file) {
    this.interaction.binaryBody('request', readBinaryData(file), contentType)
    return this
  }

  multipartBody(contentType, file, mimePartName, boundary) {
    this.interaction.multipartBody('request', contentType, file, mimePartName, boundary)
    return this
  }

  matchingRules(rules) {
    this.interaction.matchingRules('request', rules)
    return this
  }

  body(contentType, body) {
    this.interaction.binaryBody('request', body, contentType)
    return this
  }
}

class ResponseBuilder {
  constructor(interaction) {
    this.interaction = interaction
  }

  /** Arrays give several values, as request headers do (pact-js writes their JSON text as one value). */
  headers(headers) {
    setHeaders(this.interaction, 'response', headers)
    return this
  }

  jsonBody(body) {
    this.interaction.body('response', body, 'application/json')
    return this
  }

  xmlBody(body) {
    this.interaction.body('response', body, 'application/xml')
    return this
  }

  binaryFile(contentType, file) {
    this.interaction.binaryBody('response', readBinaryData(file), contentType)
    return this
  }

  /** Sets the response body (pact-core puts it on the request). */
  multipartBody(contentType, file, mimePartName, boundary) {
    this.interaction.multipartBody('response', contentType, file, mimePartName, boundary)
    return this
  }

  matchingRules(rules) {
    this.interaction.matchingRules('response', rules)
    return this
  }

  body(contentType, body) {
    this.interaction.binaryBody('response', body, contentType)
    return this
  }
}

class InteractionWithResponse {
  constructor(pact, opts, cleanupFn) {
    this.pact = pact
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  async executeTest(testFn) {
    return executeTest(this.pact, this.opts, testFn, this.cleanupFn)
  }
}

class InteractionWithRequest {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  willRespondWith(status, builder) {
    this.interaction.status(status)
    if (typeof builder === 'function') builder(new ResponseBuilder(this.interaction))
    return new InteractionWithResponse(this.pact, this.opts, this.cleanupFn)
  }
}

class UnconfiguredInteraction extends InteractionStates {
  uponReceiving(description) {
    this.interaction.uponReceiving(description)
    return this
  }

  withCompleteRequest(_request) {
    throw new Error('withCompleteRequest is not implemented')
  }

  withRequest(method, path, builder) {
    this.interaction.withRequest(method, path)
    if (builder) builder(new RequestBuilder(this.interaction))
    return new InteractionWithRequest(this.pact, this.interaction, this.opts, this.cleanupFn)
  }
}

module.exports = {
  UnconfiguredInteraction,
  InteractionWithRequest,
  InteractionWithResponse,
  RequestBuilder,
  ResponseBuilder,
  readBinaryData,
  setHeaders,
  setQuery,
}
