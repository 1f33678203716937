// The runtime enums of pact-js's types (src/v3/types): the specification versions as the
// numbers libpact_ffi uses, and the status classes of `matchStatus`.
'use strict'

const SpecificationVersion = {}
for (const [name, number] of [
  ['SPECIFICATION_VERSION_V2', 3],
  ['SPECIFICATION_VERSION_V3', 4],
  ['SPECIFICATION_VERSION_V4', 5],
]) {
  // A TypeScript numeric enum: name -> number and number -> name.
  SpecificationVersion[name] = number
  SpecificationVersion[number] = name
}

const HTTPResponseStatusClass = {
  Information: 'information',
  Success: 'success',
  Redirect: 'redirect',
  ClientError: 'clientError',
  ServerError: 'serverError',
  NonError: 'nonError',
  Error: 'error',
}

const OperationType = { Mutation: 'Mutation', Query: 'Query' }

// libpact_ffi's PactSpecification ordinals (what `spec` holds for PactV3 and PactV4) and the
// plain version numbers of PactV2 and MessageConsumerPact, as the binding names them.
const FFI_SPEC = { 1: 'V1', 2: 'V1_1', 3: 'V2', 4: 'V3', 5: 'V4' }
const NUMBER_SPEC = { 2: 'V2', 3: 'V3', 4: 'V4' }

/** The binding's name of a `SpecificationVersion` (PactV3 / PactV4 `spec`). */
function specFromFfi(spec, fallback) {
  if (spec === undefined || spec === null) return fallback
  const name = FFI_SPEC[spec]
  if (!name) {
    throw new Error(
      `invalid pact specification version supplied: ${spec} (use SpecificationVersion.SPECIFICATION_VERSION_V2, _V3 or _V4, which are 3, 4 and 5)`,
    )
  }
  return name
}

/** The binding's name of a plain version number (PactV2 / MessageConsumerPact `spec`). */
function specFromNumber(spec, fallback) {
  if (!spec) return fallback
  const name = NUMBER_SPEC[spec]
  if (!name) throw new Error(`invalid pact specification version supplied: ${spec}`)
  return name
}

module.exports = { SpecificationVersion, HTTPResponseStatusClass, OperationType, specFromFfi, specFromNumber }
