// MatchersV2: pact-js's V2 matchers (src/dsl/matchers). Same JSON as V3 matchers plus a
// `getValue()` function (which JSON.stringify drops), with pact-js's defaults and checks.
'use strict'

const formats = require('../common/formats')
const { MatcherError } = require('../common/errors')

const isNil = (v) => v === undefined || v === null

function isMatcher(x) {
  return x != null && x.getValue !== undefined
}

function times(fn, n) {
  const list = []
  for (let i = 0; i < Number(n); i++) list.push(fn(i))
  return list
}

function eachLike(template, opts) {
  if (template === undefined) {
    throw new MatcherError('Error creating a Pact eachLike. Please provide a content argument')
  }
  if (opts && (isNil(opts.min) || opts.min < 1)) {
    throw new MatcherError('Error creating a Pact eachLike. Please provide opts.min that is > 0')
  }
  // lodash isEmpty: an object with no own enumerable keys.
  const min = opts && Object.keys(opts).length > 0 ? opts.min : 1
  return {
    value: times(() => template, min),
    getValue: () => times(() => template, min),
    'pact:matcher:type': 'type',
    min,
  }
}

function somethingLike(value) {
  if (isNil(value) || typeof value === 'function') {
    throw new MatcherError('Error creating a Pact somethingLike Match. Value cannot be a function or undefined')
  }
  return { value, getValue: () => value, 'pact:matcher:type': 'type' }
}

function term(opts) {
  const { generate, matcher } = opts
  if (isNil(generate) || isNil(matcher)) {
    throw new MatcherError(`Error creating a Pact Term.
      Please provide an object containing "generate" and "matcher" properties`)
  }
  if (!formats.validateExample(generate, matcher)) {
    throw new MatcherError(`Example '${generate}' does not match provided regular expression '${matcher}'`)
  }
  return { getValue: () => generate, value: generate, regex: matcher, 'pact:matcher:type': 'regex' }
}

const email = (address) => term({ generate: address || 'hello@pact.io', matcher: formats.EMAIL_FORMAT })
const uuid = (id) => term({ generate: id || 'ce118b6e-d8e1-11e7-9296-cec278b6b50a', matcher: formats.UUID_V4_FORMAT })
const ipv4Address = (ip) => term({ generate: ip || '127.0.0.13', matcher: formats.IPV4_FORMAT })
const ipv6Address = (ip) => term({ generate: ip || '::ffff:192.0.2.128', matcher: formats.IPV6_FORMAT })
const iso8601DateTime = (date) =>
  term({ generate: date || '2015-08-06T16:53:10+01:00', matcher: formats.ISO8601_DATETIME_FORMAT })
const iso8601DateTimeWithMillis = (date) =>
  term({ generate: date || '2015-08-06T16:53:10.123+01:00', matcher: formats.ISO8601_DATETIME_WITH_MILLIS_FORMAT })
const iso8601Date = (date) => term({ generate: date || '2013-02-01', matcher: formats.ISO8601_DATE_FORMAT })
const iso8601Time = (time) => term({ generate: time || 'T22:44:30.652Z', matcher: formats.ISO8601_TIME_FORMAT })
const rfc1123Timestamp = (timestamp) =>
  term({ generate: timestamp || 'Mon, 31 Oct 2016 15:21:41 -0400', matcher: formats.RFC1123_TIMESTAMP_FORMAT })
const hexadecimal = (hex) => term({ generate: hex || '3F', matcher: formats.HEX_FORMAT })
const decimal = (float) => somethingLike(isNil(float) ? 13.01 : float)
const integer = (int) => somethingLike(isNil(int) ? 13 : int)
const boolean = (value = true) => somethingLike(value)
const string = (value = 'iloveorange') => somethingLike(value)

/** The example content of a template (V2 matchers only: those with `getValue`). */
function extractPayload(value) {
  if (isMatcher(value)) return extractPayload(value.getValue())
  if (Array.isArray(value)) return value.map(extractPayload)
  if (value !== null && typeof value === 'object') {
    const out = {}
    for (const propName of Object.keys(value)) out[propName] = extractPayload(value[propName])
    return out
  }
  return value
}

function matcherValueOrString(obj) {
  return typeof obj === 'string' ? obj : JSON.stringify(obj)
}

module.exports = {
  ...formats,
  isMatcher,
  eachLike,
  somethingLike,
  like: somethingLike,
  term,
  regex: term,
  email,
  uuid,
  ipv4Address,
  ipv6Address,
  iso8601DateTime,
  iso8601DateTimeWithMillis,
  iso8601Date,
  iso8601Time,
  rfc1123Timestamp,
  hexadecimal,
  decimal,
  integer,
  boolean,
  string,
  extractPayload,
  matcherValueOrString,
}
