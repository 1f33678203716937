// Pact plugins (gRPC, protobuf, CSV, ...) run as separate plugin processes that libpact_ffi
// drives; this core has no plugin host, so `usingPlugin` says so instead of half working.
'use strict'

function pluginsUnsupported(config) {
  const name = config && typeof config === 'object' && config.plugin ? ` ('${config.plugin}'${config.version ? ` ${config.version}` : ''})` : ''
  throw new Error(
    `usingPlugin${name}: Pact plugins are not supported by pact-mock-server-ffi/pact-js. ` +
      'Describe the interaction without a plugin (HTTP with jsonBody/xmlBody/body, or a message ' +
      'with its content), or run this test with @pact-foundation/pact, which hosts plugins.',
  )
}

module.exports = { pluginsUnsupported }
