// pact-mock-server-ffi/pact-js: the consumer side of @pact-foundation/pact 17.x (names,
// signatures, options, defaults, pact files, executeTest / verify semantics) over this
// package's core, so that a pact-js consumer test runs once its import names this entry.
// Message pacts: MessageConsumerPact (V3) and PactV4's asynchronous and synchronous messages.
// Provider verification (Verifier, MessageProviderPact) and plugins are not offered.
//
// Derived from pact-js (https://github.com/pact-foundation/pact-js), MIT licence; see NOTICE.md.
'use strict'

// What a V4 HTTP test needs is loaded with this file; the rest (V2, V3, messages, GraphQL, XML)
// when first used. A test runner such as Jest loads every test file's modules afresh, so each
// module not loaded is time saved in every test file.
const MatchersV3 = require('./v3/matchers')
const { SpecificationVersion, HTTPResponseStatusClass, OperationType } = require('./common/types')
const { PactV4, Pact } = require('./v4')

/** The exports loaded when first used, each by the function that loads it. */
const lazyExports = {
  MatchersV2: () => require('./v2/matchers'),
  ConfigurationError: () => require('./common/errors').ConfigurationError,
  GraphQLQueryError: () => require('./common/errors').GraphQLQueryError,
  XmlBuilder: () => require('./xml').XmlBuilder,
  XmlElement: () => require('./xml').XmlElement,
  XmlNode: () => require('./xml').XmlNode,
  XmlText: () => require('./xml').XmlText,
  UnconfiguredGraphQLInteraction: () => require('./v4/graphql').UnconfiguredGraphQLInteraction,
  UnconfiguredSynchronousMessage: () => require('./v4/message').UnconfiguredSynchronousMessage,
  SynchronousMessageWithPlugin: () => require('./v4/message').SynchronousMessageWithPlugin,
  SynchronousMessageWithRequestBuilder: () => require('./v4/message').SynchronousMessageWithRequestBuilder,
  SynchronousMessageWithRequest: () => require('./v4/message').SynchronousMessageWithRequest,
  SynchronousMessageWithResponseBuilder: () => require('./v4/message').SynchronousMessageWithResponseBuilder,
  SynchronousMessageWithPluginContents: () => require('./v4/message').SynchronousMessageWithPluginContents,
  SynchronousMessageWithTransport: () => require('./v4/message').SynchronousMessageWithTransport,
  SynchronousMessageWithResponse: () => require('./v4/message').SynchronousMessageWithResponse,
  v4SynchronousBodyHandler: () => require('./v4/message').v4SynchronousBodyHandler,
  v4AsynchronousBodyHandler: () => require('./v4/message').v4AsynchronousBodyHandler,
  MessageConsumerPact: () => require('./messageConsumerPact').MessageConsumerPact,
  synchronousBodyHandler: () => require('./messageConsumerPact').synchronousBodyHandler,
  asynchronousBodyHandler: () => require('./messageConsumerPact').asynchronousBodyHandler,
  PactV3: () => require('./v3/pact').PactV3,
  GraphQLPactV3: () => require('./v3/graphql').GraphQLPactV3,
  PactV2: () => require('./v2/pact').PactV2,
  Interaction: () => require('./v2/interaction').Interaction,
  GraphQLInteraction: () => require('./v2/interaction').GraphQLInteraction,
  ApolloGraphQLInteraction: () => require('./v2/interaction').ApolloGraphQLInteraction,
  interactionToInteractionObject: () => require('./v2/interaction').interactionToInteractionObject,
}

module.exports = { Pact, PactV4, Matchers: MatchersV3, MatchersV3, SpecificationVersion, HTTPResponseStatusClass, OperationType }
for (const [name, load] of Object.entries(lazyExports)) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = load()
      // Loaded once: from now on a plain property.
      Object.defineProperty(module.exports, name, { value, enumerable: true, writable: true, configurable: true })
      return value
    },
  })
}

// Never run: it names every export, so that Node's ESM loader (which reads this file's text,
// not its values) offers them as named exports of `import`.
0 &&
  (module.exports = {
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
  })
