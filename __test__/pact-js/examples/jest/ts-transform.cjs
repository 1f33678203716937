// The smallest Jest transform for TypeScript: TypeScript's own transpileModule, to CommonJS
// (types are checked separately, by `tsc --strict`).
'use strict'
const ts = require('typescript')

module.exports = {
  process(source, filename) {
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    })
    return { code: outputText }
  },
}
