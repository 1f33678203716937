// PactV3: pact-js's V3 consumer DSL (src/v3/pact), fluent (given -> uponReceiving ->
// withRequest -> willRespondWith) or one object per interaction (addInteraction), with the
// binary, multipart and matching-rule variants; executeTest as PactV4's.
'use strict'

const fs = require('node:fs')
const { PactHandle } = require('../common/pact')
const { specFromFfi } = require('../common/types')
const { executeTest } = require('../common/execute')
const logger = require('../common/logger')
const { isMatcher, matcherValueOrString } = require('./matchers')

function readBinaryData(file) {
  try {
    return fs.readFileSync(file)
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e))
    throw new Error(`unable to read file for binary request: ${error.message}`)
  }
}

/** ramda `equals` for what JSON.parse gives back (plain objects, arrays, primitives). */
function jsonEquals(a, b) {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEquals(a[k], b[k]))
}

/** The body's content type: the header's (its example if a matcher), else the default. */
function contentTypeFromHeaders(headers, defaultContentType) {
  let contentType = defaultContentType
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (`${k}`.toLowerCase() === 'content-type') {
      const headerValue = Array.isArray(v) ? v[0] : v
      contentType = isMatcher(headerValue) ? matcherValueOrString(headerValue.value) : matcherValueOrString(headerValue)
    }
  }
  return contentType
}

function eachValue(values, fn) {
  for (const [k, v] of Object.entries(values ?? {})) {
    if (Array.isArray(v)) v.forEach((vv, i) => fn(k, i, vv))
    else fn(k, 0, v)
  }
}

function setRequestDetails(interaction, req) {
  interaction.withRequest(req.method, req.path)
  eachValue(req.headers, (k, i, v) => interaction.requestHeader(k, i, v))
  eachValue(req.query, (k, i, v) => interaction.query(k, i, v))
}

function setResponseDetails(interaction, res) {
  interaction.status(res.status)
  eachValue(res.headers, (k, i, v) => interaction.responseHeader(k, i, v))
}

class PactV3 {
  opts
  states = []
  pact
  interaction
  constructor(opts) {
    this.opts = opts
    logger.setLogLevel(opts.logLevel)
    this.setup()
  }

  /** The current interaction; pact-js fails with a TypeError when uponReceiving was not called. */
  current(method) {
    if (!this.interaction) {
      throw new Error(`${method}: call uponReceiving(description) first, to start the interaction`)
    }
    return this.interaction
  }

  addInteraction(interaction) {
    if (interaction.uponReceiving === '') {
      throw new Error("must provide a valid interaction description via 'uponReceiving'")
    }
    for (const s of interaction.states || []) this.given(s.description, s.parameters)
    this.uponReceiving(interaction.uponReceiving)
    this.withRequest(interaction.withRequest)
    this.willRespondWith(interaction.willRespondWith)
    return this
  }

  /** A provider state of the next interaction (call it before uponReceiving). */
  given(providerState, parameters) {
    if (parameters) {
      const json = JSON.stringify(parameters)
      if (json === undefined) {
        throw new Error(
          `Invalid provider state parameter received. Parameters must not be undefined. Received: ${parameters}`,
        )
      }
      if (!jsonEquals(parameters, JSON.parse(json))) {
        throw new Error(
          `Invalid provider state parameter received. Parameters must not contain undefined values. Received: ${parameters}`,
        )
      }
    }
    this.states.push({ description: providerState, parameters })
    return this
  }

  uponReceiving(description) {
    this.interaction = this.pact.newInteraction(description)
    for (const s of this.states) this.interaction.given(s.description, s.parameters)
    return this
  }

  withRequest(req) {
    const interaction = this.current('withRequest')
    if (req.body) {
      interaction.body('request', req.body, req.contentType || contentTypeFromHeaders(req.headers, 'application/json'))
    }
    setRequestDetails(interaction, req)
    return this
  }

  withRequestBinaryFile(req, contentType, file) {
    const interaction = this.current('withRequestBinaryFile')
    interaction.binaryBody('request', readBinaryData(file), contentType)
    setRequestDetails(interaction, req)
    return this
  }

  withRequestMatchingRules(req, rules) {
    const interaction = this.current('withRequestMatchingRules')
    interaction.matchingRules('request', rules)
    setRequestDetails(interaction, req)
    return this
  }

  /** Rules of the response; `req` sets the request, as pact-js documents and does. */
  withResponseMatchingRules(req, rules) {
    const interaction = this.current('withResponseMatchingRules')
    interaction.matchingRules('response', rules)
    setRequestDetails(interaction, req)
    return this
  }

  withRequestMultipartFileUpload(req, contentType, file, mimePartName, boundary) {
    const interaction = this.current('withRequestMultipartFileUpload')
    interaction.multipartBody('request', contentType, file, mimePartName, boundary)
    setRequestDetails(interaction, req)
    return this
  }

  willRespondWith(res) {
    const interaction = this.current('willRespondWith')
    setResponseDetails(interaction, res)
    if (res.body) {
      interaction.body('response', res.body, res.contentType || contentTypeFromHeaders(res.headers, 'application/json'))
    }
    this.states = []
    return this
  }

  withResponseBinaryFile(res, contentType, file) {
    const interaction = this.current('withResponseBinaryFile')
    interaction.binaryBody('response', readBinaryData(file), contentType)
    setResponseDetails(interaction, res)
    return this
  }

  /** Sets the response body (pact-core puts it on the request). */
  withResponseMultipartFileUpload(res, contentType, file, mimePartName, boundary) {
    const interaction = this.current('withResponseMultipartFileUpload')
    interaction.multipartBody('response', contentType, file, mimePartName, boundary)
    setResponseDetails(interaction, res)
    return this
  }

  async executeTest(testFn) {
    return executeTest(this.pact, this.opts, testFn, () => this.setup())
  }

  setup() {
    this.states = []
    this.interaction = undefined
    this.pact = new PactHandle(this.opts.consumer, this.opts.provider, specFromFfi(this.opts.spec, 'V3'))
  }
}

module.exports = { PactV3, contentTypeFromHeaders, setRequestDetails, setResponseDetails }
