// What every PactV4 interaction builder starts with, HTTP or message: provider states,
// pending, V4 comments, test name, references (pact-js src/v4/http and src/v4/message have
// these in each unconfigured builder), and the refusal of plugins.
'use strict'

const { pluginsUnsupported } = require('../common/plugins')

class InteractionStates {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
  }

  given(state, parameters) {
    this.interaction.given(state, parameters)
    return this
  }

  pending(pending = true) {
    this.interaction.pending(pending)
    return this
  }

  comment(comment) {
    if (typeof comment === 'string') this.interaction.textComment(comment)
    else this.interaction.setComment(comment.key, comment.value)
    return this
  }

  testName(name) {
    this.interaction.testName(name)
    return this
  }

  reference(group, name, value) {
    this.interaction.reference(group, name, value)
    return this
  }

  usingPlugin(config) {
    pluginsUnsupported(config)
  }
}

module.exports = { InteractionStates }
