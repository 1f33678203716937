// PactV4 GraphQL interactions (pact-js src/v4/graphql): an HTTP interaction whose request
// body is {operationName, query, variables}, the query matched by a whitespace-insensitive
// regex; then the ordinary willRespondWith / executeTest.
'use strict'

const { regex } = require('../v3/matchers')
const { validateQuery, graphQLBody } = require('../common/graphql')
const { OperationType } = require('../common/types')
const { InteractionWithRequest, setHeaders, setQuery } = require('./http')

class GraphQLRequestBuilder {
  constructor(interaction) {
    this.interaction = interaction
  }

  query(query) {
    setQuery(this.interaction, query)
    return this
  }

  headers(headers) {
    setHeaders(this.interaction, 'request', headers)
    return this
  }
}

class GraphQLInteractionWithRequest {
  constructor(pact, interaction, opts, cleanupFn, graphQLRequest) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
    this.graphQLRequest = graphQLRequest
  }

  withQuery(query) {
    return this.setQueryDetails(query, OperationType.Query)
  }

  withMutation(mutation) {
    return this.setQueryDetails(mutation, OperationType.Mutation)
  }

  setQueryDetails(query, type) {
    const validated = validateQuery(query, type)
    const { operation, variables } = this.graphQLRequest
    this.interaction.body('request', graphQLBody(operation, validated, variables, regex), 'application/json')
    return new InteractionWithRequest(this.pact, this.interaction, this.opts, this.cleanupFn)
  }
}

class UnconfiguredGraphQLInteraction {
  constructor(pact, interaction, opts, cleanupFn) {
    this.pact = pact
    this.interaction = interaction
    this.opts = opts
    this.cleanupFn = cleanupFn
    this.graphQLRequest = {}
  }

  withOperation(operation) {
    this.graphQLRequest.operation = operation
    return this
  }

  withVariables(variables) {
    this.graphQLRequest.variables = variables
    return this
  }

  uponReceiving(description) {
    this.interaction.uponReceiving(description)
    return this
  }

  given(state, parameters) {
    this.interaction.given(state, parameters)
    return this
  }

  withRequest(method, path, builder) {
    this.interaction.withRequest(method, path)
    if (builder) builder(new GraphQLRequestBuilder(this.interaction))
    return new GraphQLInteractionWithRequest(this.pact, this.interaction, this.opts, this.cleanupFn, this.graphQLRequest)
  }
}

module.exports = { UnconfiguredGraphQLInteraction, GraphQLInteractionWithRequest, GraphQLRequestBuilder }
