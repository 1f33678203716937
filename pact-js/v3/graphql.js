// GraphQLPactV3: PactV3 for GraphQL operations (pact-js src/v3/graphql): withQuery /
// withMutation, withOperation, withVariables and withRequest (method and path) gathered until
// willRespondWith builds the request (POST, JSON, the query matched by a whitespace-insensitive
// regex; its headers replaced by the content type alone, as pact-js does).
'use strict'

const { ConfigurationError } = require('../common/errors')
const { validateQuery, graphQLBody } = require('../common/graphql')
const { OperationType } = require('../common/types')
const { regex } = require('./matchers')
const { PactV3 } = require('./pact')

class GraphQLPactV3 extends PactV3 {
  operation = undefined
  variables = undefined
  query
  req = undefined

  withOperation(operation) {
    this.operation = operation
    return this
  }

  withVariables(variables) {
    this.variables = variables
    return this
  }

  withQuery(query) {
    this.query = validateQuery(query, OperationType.Query)
    return this
  }

  withMutation(mutation) {
    this.query = validateQuery(mutation, OperationType.Mutation)
    return this
  }

  withRequest(req) {
    this.req = req
    return this
  }

  willRespondWith(res) {
    if (!this.query) throw new ConfigurationError('You must provide a GraphQL query.')
    if (!this.req) throw new ConfigurationError('You must provide a GraphQL request.')
    this.req.contentType ||= 'application/json'
    this.req.method ||= 'POST'
    this.req = {
      ...this.req,
      body: graphQLBody(this.operation, this.query, this.variables, regex),
      headers: { 'Content-Type': this.req.contentType },
      method: this.req.method,
    }
    super.withRequest(this.req)
    super.willRespondWith(res)
    return this
  }

  addInteraction() {
    throw new ConfigurationError('Only GraphQL Queries are allowed')
  }

  withRequestBinaryFile() {
    throw new ConfigurationError('Only GraphQL Queries are allowed')
  }

  withRequestMultipartFileUpload() {
    throw new ConfigurationError('Only GraphQL Queries are allowed')
  }
}

module.exports = { GraphQLPactV3 }
