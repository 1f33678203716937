// MatchersV3 (exported as `Matchers` too): pact-js's matcher functions, returning exactly the
// "integration JSON" pact-js returns (plain objects; the binding reads them wherever a value
// may hold matchers), with pact-js's defaults, example checks and error messages.
'use strict'

const formats = require('../common/formats')
const { SpecificationVersion, HTTPResponseStatusClass } = require('../common/types')

/** ramda `times`: n calls (n read as a number; n < 0 or NaN is a RangeError). */
function times(fn, n) {
  const len = Number(n)
  if (len < 0 || Number.isNaN(len)) throw new RangeError('n must be a non-negative number')
  const list = []
  for (let i = 0; i < len; i++) list.push(fn(i))
  return list
}

/** ramda `pickBy(v => !isNil(v))`. */
function withoutNil(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = v
  return out
}

function isMatcher(x) {
  return x != null && x['pact:matcher:type'] !== undefined && x.value !== undefined
}

const like = (template) => ({ 'pact:matcher:type': 'type', value: template })

/** @deprecated use eachKeyMatches or eachValueMatches */
const eachKeyLike = (keyTemplate, template) => ({
  'pact:matcher:type': 'values',
  value: { [keyTemplate]: template },
})

const eachKeyMatches = (example, matchers = like('key')) => ({
  'pact:matcher:type': 'eachKey',
  rules: Array.isArray(matchers) ? matchers : [matchers],
  value: example,
})

const eachValueMatches = (example, matchers) => ({
  'pact:matcher:type': 'eachValue',
  rules: Array.isArray(matchers) ? matchers : [matchers],
  value: example,
})

const matchStatus = (example, status) => ({ 'pact:matcher:type': 'statusCode', status, value: example })

const eachLike = (template, min = 1) => ({ min, 'pact:matcher:type': 'type', value: times(() => template, min) })

const atLeastOneLike = (template, count = 1) => ({
  min: 1,
  'pact:matcher:type': 'type',
  value: times(() => template, count),
})

const atLeastLike = (template, min, count) => {
  const elements = count || min
  if (count && count < min) {
    throw new Error(
      `atLeastLike has a minimum of ${min} but ${count} elements were requested.` +
        ` Make sure the count is greater than or equal to the min.`,
    )
  }
  return { min, 'pact:matcher:type': 'type', value: times(() => template, elements) }
}

const atMostLike = (template, max, count) => {
  const elements = count || 1
  if (count && count > max) {
    throw new Error(
      `atMostLike has a maximum of ${max} but ${count} elements where requested.` +
        ` Make sure the count is less than or equal to the max.`,
    )
  }
  return { max, 'pact:matcher:type': 'type', value: times(() => template, elements) }
}

const constrainedArrayLike = (template, min, max, count) => {
  const elements = count || min
  if (count) {
    if (count < min) {
      throw new Error(
        `constrainedArrayLike has a minimum of ${min} but ${count} elements where requested.` +
          ` Make sure the count is greater than or equal to the min.`,
      )
    } else if (count > max) {
      throw new Error(
        `constrainedArrayLike has a maximum of ${max} but ${count} elements where requested.` +
          ` Make sure the count is less than or equal to the max.`,
      )
    }
  }
  return { min, max, 'pact:matcher:type': 'type', value: times(() => template, elements) }
}

const boolean = (b = true) => ({ 'pact:matcher:type': 'type', value: b })

const integer = (int) => {
  if (Number.isInteger(int)) return { 'pact:matcher:type': 'integer', value: int }
  if (int) throw new Error(`The integer matcher was passed '${int}' which is not an integer.`)
  return { 'pact:generator:type': 'RandomInt', 'pact:matcher:type': 'integer', value: 101 }
}

const decimal = (num) => {
  if (Number.isFinite(num)) return { 'pact:matcher:type': 'decimal', value: num }
  if (num) throw new Error(`The decimal matcher was passed '${num}' which is not a number.`)
  return { 'pact:generator:type': 'RandomDecimal', 'pact:matcher:type': 'decimal', value: 12.34 }
}

function number(num) {
  if (typeof num === 'number') return { 'pact:matcher:type': 'number', value: num }
  if (num) throw new Error(`The number matcher was passed '${num}' which is not a number.`)
  return { 'pact:generator:type': 'RandomInt', 'pact:matcher:type': 'number', value: 1234 }
}

function string(str = 'some string') {
  return { 'pact:matcher:type': 'type', value: str }
}

function regex(pattern, str) {
  // The V2 term form, { generate, matcher } (pact-js's own mocha example passes it): read as
  // what it says. pact-js writes the object's JSON text as the regex and no example.
  if (pattern !== null && typeof pattern === 'object' && !(pattern instanceof RegExp) && 'matcher' in pattern) {
    return regex(pattern.matcher, str ?? pattern.generate)
  }
  return {
    'pact:matcher:type': 'regex',
    regex: pattern instanceof RegExp ? pattern.source : pattern,
    value: str,
  }
}

const validatedRegex = (pattern, defaultExample, example) => {
  const value = example || defaultExample
  if (!formats.validateExample(value, pattern)) {
    throw new Error(`Example '${value}' does not match regular expression '${pattern}'`)
  }
  return regex(pattern, value)
}

const email = (address) => validatedRegex(formats.EMAIL_FORMAT, 'hello@pact.io', address)
const ipv4Address = (ip) => validatedRegex(formats.IPV4_FORMAT, '127.0.0.13', ip)
const ipv6Address = (ip) => validatedRegex(formats.IPV6_FORMAT, '::ffff:192.0.2.128', ip)
const iso8601DateTime = (value) => validatedRegex(formats.ISO8601_DATETIME_FORMAT, '2015-08-06T16:53:10+01:00', value)
const iso8601DateTimeWithMillis = (value) =>
  validatedRegex(formats.ISO8601_DATETIME_WITH_MILLIS_FORMAT, '2015-08-06T16:53:10.123+01:00', value)
const iso8601Date = (value) => validatedRegex(formats.ISO8601_DATE_FORMAT, '2013-02-01', value)
const iso8601Time = (value) => validatedRegex(formats.ISO8601_TIME_FORMAT, 'T22:44:30.652Z', value)
const rfc1123Timestamp = (value) =>
  validatedRegex(formats.RFC1123_TIMESTAMP_FORMAT, 'Mon, 31 Oct 2016 15:21:41 -0400', value)
const hexadecimal = (value) => validatedRegex(formats.HEX_FORMAT, '3F', value)

const contentType = (contentTypeValue) => ({ 'pact:matcher:type': 'contentType', value: contentTypeValue })

const equal = (value) => ({ 'pact:matcher:type': 'equality', value })

function datetime(format, example) {
  if (!example) throw new Error(`you must provide an example datetime`)
  return withoutNil({
    'pact:generator:type': example ? undefined : 'DateTime',
    'pact:matcher:type': 'timestamp',
    format,
    value: example,
  })
}

function timestamp(format, example) {
  if (!example) throw new Error(`you must provide an example timestamp`)
  return datetime(format, example)
}

function time(format, example) {
  if (!example) throw new Error(`you must provide an example time`)
  return withoutNil({
    'pact:generator:type': example ? undefined : 'Time',
    'pact:matcher:type': 'time',
    format,
    value: example,
  })
}

function date(format, example) {
  if (!example) throw new Error(`you must provide an example date`)
  return withoutNil({
    format,
    'pact:generator:type': example ? undefined : 'Date',
    'pact:matcher:type': 'date',
    value: example,
  })
}

function includes(value) {
  return { 'pact:matcher:type': 'include', value }
}

function nullValue() {
  return { 'pact:matcher:type': 'null', value: null }
}

/**
 * The example of a RegExp path fragment of `url()`: pact-js generates one with the randexp
 * package; here the core's regex generator makes it (the binding is loaded only then).
 */
function fragmentExample(re) {
  const example = require('../common/binding').__regexValue(re.source)
  if (typeof example === 'string') return example
  throw new Error(
    `url: the path fragment ${re} has look-around or backreferences, from which no example can be generated: ` +
      `pass regex(${re}, '<an example>') instead of the bare RegExp`,
  )
}

function url2(basePath, pathFragments) {
  const regexpr = [
    '.*(',
    ...pathFragments.map((p) => {
      if (p instanceof RegExp) return `\\/${p.source}`
      if (p instanceof Object && p['pact:matcher:type'] === 'regex') return `\\/${p.regex}`
      return `\\/${p.toString()}`
    }),
  ].join('')
  const example = [
    basePath || 'http://localhost:8080',
    ...pathFragments.map((p) => {
      if (p instanceof RegExp) return `/${fragmentExample(p)}`
      if (p instanceof Object && p['pact:matcher:type'] === 'regex') return `/${p.value}`
      return `/${p.toString()}`
    }),
  ].join('')
  if (basePath == null) {
    return {
      'pact:matcher:type': 'regex',
      'pact:generator:type': 'MockServerURL',
      regex: `${regexpr})$`,
      value: example,
      example,
    }
  }
  return { 'pact:matcher:type': 'regex', regex: `${regexpr})$`, value: example }
}

function url(pathFragments) {
  return url2(null, pathFragments)
}

function arrayContaining(...variants) {
  return { 'pact:matcher:type': 'arrayContains', variants }
}

function fromProviderState(expression, exampleValue) {
  return {
    'pact:matcher:type': 'type',
    'pact:generator:type': 'ProviderState',
    expression,
    value: exampleValue,
  }
}

function uuid(example) {
  const regexStr = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
  if (example) {
    if (!example.match(new RegExp(`^${regexStr}$`))) {
      throw new Error(`regex: Example value '${example}' does not match the UUID regular expression '${regexStr}'`)
    }
    return { 'pact:matcher:type': 'regex', regex: regexStr, value: example }
  }
  return {
    'pact:matcher:type': 'regex',
    regex: regexStr,
    'pact:generator:type': 'Uuid',
    value: 'e2490de5-5bd3-43d5-b7c4-526e33f71304',
  }
}

const matcherValueOrString = (obj) => (typeof obj === 'string' ? obj : JSON.stringify(obj))

const isStatusCodeMatcher = (status) => isMatcher(status) && status['pact:matcher:type'] === 'statusCode'

/** The example content of a template: every matcher replaced by its example, recursively. */
function reify(input) {
  if (isMatcher(input)) return reify(input.value)
  if (Array.isArray(input)) return input.map(reify)
  if (typeof input === 'object') {
    if (input === null) return input
    const out = {}
    for (const propName of Object.keys(input)) out[propName] = reify(input[propName])
    return out
  }
  if (typeof input === 'number' || typeof input === 'string' || typeof input === 'boolean') return input
  throw new Error(`Unable to strip matcher from a '${typeof input}', as it is not valid in a Pact description`)
}

module.exports = {
  ...formats,
  SpecificationVersion,
  HTTPResponseStatusClass,
  isMatcher,
  like,
  eachKeyLike,
  eachKeyMatches,
  eachValueMatches,
  matchStatus,
  eachLike,
  atLeastOneLike,
  atLeastLike,
  atMostLike,
  constrainedArrayLike,
  boolean,
  integer,
  decimal,
  number,
  string,
  regex,
  email,
  ipv4Address,
  ipv6Address,
  iso8601DateTime,
  iso8601DateTimeWithMillis,
  iso8601Date,
  iso8601Time,
  rfc1123Timestamp,
  hexadecimal,
  contentType,
  equal,
  datetime,
  timestamp,
  time,
  date,
  includes,
  nullValue,
  url2,
  url,
  arrayContaining,
  fromProviderState,
  uuid,
  matcherValueOrString,
  isStatusCodeMatcher,
  reify,
  extractPayload: reify,
}
