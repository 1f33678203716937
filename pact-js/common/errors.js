// The error classes of pact-js (plain subclasses of Error, whose `name` stays "Error" as in
// pact-js). pact-js has two ConfigurationError classes, the exported one and another thrown by
// the V2 Interaction DSL (so `instanceof` fails for the latter); here one class is thrown
// everywhere pact-js throws either.
'use strict'

class ConfigurationError extends Error {}
class GraphQLQueryError extends Error {}
class MatcherError extends Error {}
class VerificationError extends Error {}

module.exports = { ConfigurationError, GraphQLQueryError, MatcherError, VerificationError }
