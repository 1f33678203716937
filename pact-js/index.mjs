// The ES module face of pact-mock-server-ffi/pact-js: the same objects as the CommonJS entry
// (one module instance, so classes and `instanceof` agree between `import` and `require`).
// Node finds the named exports of index.js from the list of them in its text.
export * from './index.js'
export { default } from './index.js'
