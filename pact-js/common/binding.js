// The package entry (index.js over the generated binding), which the drop-in is written over.
'use strict'

module.exports = require('../..')
