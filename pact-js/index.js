// pact-mock-server-ffi/pact-js: the consumer side of @pact-foundation/pact 17.x (names,
// signatures, options, defaults, pact files, executeTest / verify semantics) over this
// package's core, so that a pact-js consumer test runs once its import names this entry.
// Message pacts: MessageConsumerPact (V3) and PactV4's asynchronous and synchronous messages.
// Provider verification (Verifier, MessageProviderPact) and plugins are not offered.
//
// Derived from pact-js (https://github.com/pact-foundation/pact-js), MIT licence; see NOTICE.md.
'use strict'

const MatchersV3 = require('./v3/matchers')
const MatchersV2 = require('./v2/matchers')
const { SpecificationVersion, HTTPResponseStatusClass, OperationType } = require('./common/types')
const { ConfigurationError, GraphQLQueryError } = require('./common/errors')
const { XmlBuilder, XmlElement, XmlNode, XmlText } = require('./xml')
const { PactV4, Pact } = require('./v4')
const { UnconfiguredGraphQLInteraction } = require('./v4/graphql')
const {
  UnconfiguredSynchronousMessage,
  SynchronousMessageWithPlugin,
  SynchronousMessageWithRequestBuilder,
  SynchronousMessageWithRequest,
  SynchronousMessageWithResponseBuilder,
  SynchronousMessageWithPluginContents,
  SynchronousMessageWithTransport,
  SynchronousMessageWithResponse,
  v4SynchronousBodyHandler,
  v4AsynchronousBodyHandler,
} = require('./v4/message')
const { MessageConsumerPact, synchronousBodyHandler, asynchronousBodyHandler } = require('./messageConsumerPact')
const { PactV3 } = require('./v3/pact')
const { GraphQLPactV3 } = require('./v3/graphql')
const { PactV2 } = require('./v2/pact')
const {
  Interaction,
  GraphQLInteraction,
  ApolloGraphQLInteraction,
  interactionToInteractionObject,
} = require('./v2/interaction')

const Matchers = MatchersV3

// Shorthand properties, so that Node's ESM loader sees the named exports of this CommonJS file.
module.exports = {
  Pact,
  PactV4,
  PactV3,
  PactV2,
  GraphQLPactV3,
  Matchers,
  MatchersV3,
  MatchersV2,
  SpecificationVersion,
  HTTPResponseStatusClass,
  OperationType,
  XmlBuilder,
  XmlElement,
  XmlNode,
  XmlText,
  ConfigurationError,
  GraphQLQueryError,
  Interaction,
  GraphQLInteraction,
  ApolloGraphQLInteraction,
  UnconfiguredGraphQLInteraction,
  interactionToInteractionObject,
  MessageConsumerPact,
  synchronousBodyHandler,
  asynchronousBodyHandler,
  UnconfiguredSynchronousMessage,
  SynchronousMessageWithPlugin,
  SynchronousMessageWithRequestBuilder,
  SynchronousMessageWithRequest,
  SynchronousMessageWithResponseBuilder,
  SynchronousMessageWithPluginContents,
  SynchronousMessageWithTransport,
  SynchronousMessageWithResponse,
  v4SynchronousBodyHandler,
  v4AsynchronousBodyHandler,
}
