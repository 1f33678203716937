// The V2 interaction DSL of pact-js (src/dsl/interaction, graphql, apolloGraphql), used with
// PactV2.addInteraction: a builder that checks what it is given and produces the interaction
// object `{state, uponReceiving, withRequest, willRespondWith}`.
'use strict'

const { ConfigurationError, GraphQLQueryError } = require('../common/errors')
const { validateQuery, escapeGraphQlQuery } = require('../common/graphql')
const { OperationType } = require('../common/types')
const { isMatcher, term } = require('./matchers')

const HTTPMethods = {
  GET: 'GET',
  POST: 'POST',
  PUT: 'PUT',
  PATCH: 'PATCH',
  DELETE: 'DELETE',
  HEAD: 'HEAD',
  OPTIONS: 'OPTIONS',
  COPY: 'COPY',
  LOCK: 'LOCK',
  MKCOL: 'MKCOL',
  MOVE: 'MOVE',
  PROPFIND: 'PROPFIND',
  PROPPATCH: 'PROPPATCH',
  UNLOCK: 'UNLOCK',
  REPORT: 'REPORT',
}

const isNil = (v) => v === undefined || v === null

/** ramda `reject(isNil)` on an object: the same object without its nil-valued keys. */
function withoutNil(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) if (!isNil(v)) out[k] = v
  return out
}

function throwIfQueryObjectInvalid(query) {
  if (isMatcher(query)) return
  for (const value of Object.values(query)) {
    if (!(isMatcher(value) || Array.isArray(value) || typeof value === 'string')) {
      throw new ConfigurationError(`Query must only contain strings.`)
    }
  }
}

class Interaction {
  state = {}

  given(providerState) {
    if (providerState) this.state.providerState = providerState
    return this
  }

  uponReceiving(description) {
    if (isNil(description)) throw new ConfigurationError('You must provide a description for the interaction.')
    this.state.description = description
    return this
  }

  withRequest(requestOpts) {
    if (isNil(requestOpts.method)) throw new ConfigurationError('You must provide an HTTP method.')
    if (!Object.keys(HTTPMethods).includes(requestOpts.method.toString())) {
      throw new ConfigurationError(`You must provide a valid HTTP method: ${Object.keys(HTTPMethods).join(', ')}.`)
    }
    if (isNil(requestOpts.path)) throw new ConfigurationError('You must provide a path.')
    if (typeof requestOpts.query === 'object') throwIfQueryObjectInvalid(requestOpts.query)
    this.state.request = withoutNil(requestOpts)
    return this
  }

  willRespondWith(responseOpts) {
    if (isNil(responseOpts.status) || responseOpts.status.toString().trim().length === 0) {
      throw new ConfigurationError('You must provide a status code.')
    }
    this.state.response = withoutNil({
      body: responseOpts.body,
      headers: responseOpts.headers || undefined,
      status: responseOpts.status,
    })
    return this
  }

  json() {
    if (isNil(this.state.description)) throw new ConfigurationError('You must provide a description for the Interaction')
    if (isNil(this.state.request) || isNil(this.state?.request?.method) || isNil(this.state?.request?.path)) {
      throw new ConfigurationError('You must provide a request with at least a method and path for the Interaction')
    }
    if (isNil(this.state.response) || isNil(this.state?.response?.status)) {
      throw new ConfigurationError('You must provide a response with a status for the Interaction')
    }
    return this.state
  }
}

const interactionToInteractionObject = (interaction) => ({
  state: interaction.providerState,
  uponReceiving: interaction.description,
  withRequest: {
    method: interaction.request?.method,
    path: interaction.request?.path,
    query: interaction.request?.query,
    body: interaction.request?.body,
    headers: interaction.request?.headers,
  },
  willRespondWith: {
    status: interaction.response?.status,
    body: interaction.response?.body,
    headers: interaction.response?.headers,
  },
})

class GraphQLInteraction extends Interaction {
  operation = undefined
  variables = undefined
  query

  withOperation(operation) {
    this.operation = operation
    return this
  }

  withVariables(variables) {
    this.variables = variables
    return this
  }

  withQuery(query) {
    return this.queryOrMutation(query, 'query')
  }

  withMutation(mutation) {
    return this.queryOrMutation(mutation, 'mutation')
  }

  json() {
    super.json()
    if (isNil(this.query)) throw new ConfigurationError('You must provide a GraphQL query.')
    if (isNil(this.state.description)) throw new GraphQLQueryError('You must provide a description for the query.')
    const body = { operationName: this.operation, query: term({ generate: this.query, matcher: escapeGraphQlQuery(this.query) }), variables: this.variables }
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k]
    // lodash `extend`: what the user set on the request wins over the GraphQL defaults.
    this.state.request = Object.assign(
      { body, headers: { 'Content-Type': 'application/json' }, method: 'POST' },
      this.state.request,
    )
    return this.state
  }

  queryOrMutation(query, type) {
    if (isNil(query)) throw new ConfigurationError(`You must provide a GraphQL ${type}.`)
    try {
      validateQuery(query, type === 'query' ? OperationType.Query : OperationType.Mutation)
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      throw new GraphQLQueryError(`GraphQL ${type} is invalid: ${error.message}`)
    }
    this.query = query
    return this
  }
}

class ApolloGraphQLInteraction extends GraphQLInteraction {
  constructor() {
    super()
    this.variables = this.variables || {}
    this.operation = this.operation || null
  }
}

module.exports = { Interaction, GraphQLInteraction, ApolloGraphQLInteraction, interactionToInteractionObject, HTTPMethods }
