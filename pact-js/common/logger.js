// The messages pact-js itself logs (misuse warnings, the mismatches of a test that threw),
// at pact-js's levels: `LOG_LEVEL`, else info, changed by a pact's `logLevel` option. The
// option also sets the core's level (its own log of requests and matching).
'use strict'

const binding = require('./binding')

const LEVELS = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 }
const envLevel = String(process.env.LOG_LEVEL ?? '').toLowerCase()
let level = envLevel in LEVELS ? envLevel : 'info'

function setLogLevel(logLevel) {
  if (logLevel === undefined || logLevel === null) return
  const name = String(logLevel).toLowerCase()
  if (!(name in LEVELS)) {
    throw new Error(`Invalid log level '${logLevel}': use one of ${Object.keys(LEVELS).join(', ')}`)
  }
  level = name
  binding.setLogLevel(name)
}

function timestamp() {
  return new Date().toISOString().slice(11, 23)
}

function write(name, message) {
  if (LEVELS[name] < LEVELS[level]) return
  const line = `[${timestamp()}] ${name.toUpperCase()} (${process.pid}): pact-mock-server-ffi/pact-js: ${message}`
  if (name === 'error') console.error(line)
  else if (name === 'warn') console.warn(line)
  else console.log(line)
}

module.exports = {
  setLogLevel,
  error: (m) => write('error', m),
  warn: (m) => write('warn', m),
  info: (m) => write('info', m),
  debug: (m) => write('debug', m),
  trace: (m) => write('trace', m),
}
