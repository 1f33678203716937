// The ES module face of pact-mock-server-ffi/pact-js: the same objects as the CommonJS entry
// (one module instance, so classes and `instanceof` agree between `import` and `require`).
import pactJs from './index.js'

export const {
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
} = pactJs

export default pactJs
