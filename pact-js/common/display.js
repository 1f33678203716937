// The failure text of executeTest and verify, laid out as pact-js lays it out
// (src/v3/display), from the core's mismatch objects (libpact_ffi's shapes, with the core's
// more precise `mismatch` lines).
'use strict'

/** The longest body shown in full; pact-js cuts every body at 20 characters. */
const BODY_SHOWN = 200

function displayQuery(query) {
  if (typeof query === 'string') return query
  const pairs = []
  for (const [key, values] of Object.entries(query)) {
    for (const val of Array.isArray(values) ? values : [values]) pairs.push(`${key}=${val}`)
  }
  return pairs.join('&')
}

function displayHeaders(headers, indent) {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
    .join(`\n${indent}`)
}

function displayRequest(request, indent = '') {
  const output = ['']
  output.push(`${indent}Method: ${request.method}\n${indent}Path: ${request.path}`)
  if (request.query) output.push(`${indent}Query String: ${displayQuery(request.query)}`)
  if (request.headers) output.push(`${indent}Headers:\n${indent}  ${displayHeaders(request.headers, `${indent}  `)}`)
  if (request.body) {
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body)
    output.push(
      body.length > BODY_SHOWN
        ? `${indent}Body: ${body.substring(0, BODY_SHOWN)}... (${body.length} length)`
        : `${indent}Body: ${body}`,
    )
  }
  return output.join('\n')
}

/**
 * The mismatches that fail a test. With PACT_EXPERIMENTAL_FEATURE_ALLOW_MISSING_REQUESTS set,
 * expected requests that never arrived do not (what the flag's name promises; pact-js drops
 * the request mismatches instead).
 */
function filterMissingFeatureFlag(mismatches) {
  if (process.env.PACT_EXPERIMENTAL_FEATURE_ALLOW_MISSING_REQUESTS) {
    return mismatches.filter((m) => m.type !== 'missing-request')
  }
  return mismatches
}

/** pact-js's test for a mismatch it shows with its path (a body mismatch, a plugin's). */
function isContentMismatch(m) {
  return m.diff !== undefined || (m.expected !== undefined && m.actual !== undefined && m.mismatch !== undefined && m.path !== undefined)
}

function printMismatch(m) {
  if (isContentMismatch(m)) {
    const lines = [`\t${m.path}: ${m.mismatch}\n`, m.mismatch ? '' : `\t\tExpected '${m.expected}', got: '${m.actual}${m.diff}'`]
    if (m.diff) lines.push('\t\tDiff:', `\t\t\t${m.diff}`)
    return lines.join('\n\n')
  }
  switch (m.type) {
    case 'MethodMismatch':
      return `Expected ${m.expected}, got: ${m.actual}`
    default:
      return m.mismatch
  }
}

function generateMockServerError(mismatches, indent) {
  return [
    'Mock server failed with the following mismatches:',
    ...mismatches.map((mismatch, i) => {
      if (mismatch.type === 'request-mismatch') {
        // pact-js numbers every detail 1.j; here detail j of mismatch i is i.j.
        return `\n${indent}${i}) The following request was incorrect: \n
            ${indent}${mismatch.method} ${mismatch.path}
            ${(mismatch.mismatches ?? []).map((d, j) => `\n${indent}${indent}${indent} ${i}.${j} ${printMismatch(d)}`).join('')}`
      }
      if (mismatch.type === 'request-not-found') {
        return `\n${indent}${i}) The following request was not expected: ${displayRequest(mismatch.request, `${indent}    `)}`
      }
      if (mismatch.type === 'missing-request') {
        return `\n${indent}${i}) The following request was expected but not received: ${displayRequest(mismatch.request, `${indent}    `)}`
      }
      return `Unknown mismatch: ${JSON.stringify(mismatch)}`
    }),
  ].join('\n')
}

/** The message of a failed executeTest or verify. */
function failureText(mismatches) {
  return `Test failed for the following reasons:\n\n  ${generateMockServerError(mismatches, '\t')}`
}

module.exports = { displayQuery, displayRequest, filterMissingFeatureFlag, printMismatch, generateMockServerError, failureText }
