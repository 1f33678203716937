// GraphQL queries as pact-js handles them (src/common/graphQL): checked, and matched by a
// regex that ignores whitespace. The `graphql` package is an optional peer: loaded the first
// time a query is checked, never at require time; without it, string queries are used
// unchecked (a parsed document needs it to be printed, but whoever parsed it has it).
'use strict'

const { ConfigurationError, GraphQLQueryError } = require('./errors')

let graphqlModule

/** The user's `graphql` package, or null when it is not installed. */
function loadGraphQL() {
  if (graphqlModule === undefined) {
    try {
      graphqlModule = require('graphql')
    } catch (e) {
      if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes("'graphql'")) graphqlModule = null
      else throw e
    }
  }
  return graphqlModule
}

/**
 * Checks a query (a string or a parsed document) and returns its text. `type` is
 * 'Query' or 'Mutation', as in pact-js's messages.
 */
function validateQuery(query, type) {
  if (!query) throw new ConfigurationError(`You must provide a GraphQL ${type}.`)
  if (typeof query !== 'string') {
    if (query?.kind === 'Document') {
      const graphql = loadGraphQL()
      if (!graphql) {
        throw new ConfigurationError(
          'A parsed GraphQL document needs the graphql package to be printed: install graphql, or pass the query as a string.',
        )
      }
      return graphql.print(query)
    }
    throw new ConfigurationError('You must provide a either a string or parsed GraphQL.')
  }
  const graphql = loadGraphQL()
  if (graphql) {
    try {
      // What graphql-tag (which pact-js calls) does with a string.
      const parsed = graphql.parse(query, { allowLegacyFragmentVariables: true, experimentalFragmentVariables: true })
      if (!parsed || parsed.kind !== 'Document') throw new Error('Not a valid GraphQL document.')
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      throw new GraphQLQueryError(`GraphQL ${type} is invalid: ${error.message}`)
    }
  }
  return query
}

const escapeSpace = (s) => s.replace(/\s+/g, '\\s*')
const escapeRegexChars = (s) => s.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&')
const escapeGraphQlQuery = (s) => escapeSpace(escapeRegexChars(s))

/** The request body of a GraphQL operation; undefined fields left out (null kept). */
function graphQLBody(operation, query, variables, regex) {
  const body = { operationName: operation, query: regex(escapeGraphQlQuery(query), query), variables }
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k]
  return body
}

module.exports = { validateQuery, escapeSpace, escapeRegexChars, escapeGraphQlQuery, graphQLBody, loadGraphQL }
