// Loaded into the processes that run pact-js's own spec files (see ../pact-js-specs.test.mjs):
// with PACT_JS_SPECS_SIDE=drop-in, the spec files' imports of the consumer modules under test
// resolve to the drop-in's modules instead of pact-js's.
'use strict'

const Module = require('node:module')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..', '..')
const src = path.join(root, 'node_modules', '@pact-foundation', 'pact', 'src')
const dropIn = path.join(root, 'pact-js')

/** `<spec file's directory, relative to pact-js's src>/<import>` -> the drop-in's module. */
const modules = {
  'v3/./matchers': 'v3/matchers.js',
  'v3/../dsl/matchers': 'v2/matchers.js',
  'dsl/./matchers': 'v2/matchers.js',
  'dsl/./graphql': 'v2/interaction.js',
  'dsl/./apolloGraphql': 'v2/interaction.js',
  'dsl/./interaction': 'v2/interaction.js',
  'xml/./xmlElement': 'xml.js',
  'xml/./xmlText': 'xml.js',
  'xml/../v3/matchers': 'v3/matchers.js',
  './messageConsumerPact': 'messageConsumerPact.js',
  './v3': 'index.js',
  './v4': 'index.js',
}

if (process.env.PACT_JS_SPECS_SIDE === 'drop-in') {
  const resolve = Module._resolveFilename
  Module._resolveFilename = function (request, parent, ...rest) {
    const from = parent?.filename
    if (from?.startsWith(src) && from.endsWith('.spec.js')) {
      const dir = path.relative(src, path.dirname(from)).split(path.sep).join('/')
      const mapped = modules[dir ? `${dir}/${request}` : request]
      if (mapped) return path.join(dropIn, mapped)
    }
    return resolve.call(this, request, parent, ...rest)
  }
}
