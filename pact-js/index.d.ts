// Types of pact-mock-server-ffi/pact-js: the consumer-side types of @pact-foundation/pact
// 17.x, in the structure of pact-js's declaration files (MIT licence, see NOTICE.md), so that
// a consumer test that compiles against pact-js compiles against this entry.
// Message pacts: MessageConsumerPact and PactV4's message interactions.
// Not offered: Verifier, MessageProviderPact (provider side) and plugins (`usingPlugin` throws).

import * as MatchersStar from './v2/matchers'

/** The V2 matchers (`term`, `somethingLike`, `eachLike(t, { min })`, ...). */
export declare const MatchersV2: typeof MatchersStar
export type { InterfaceToTemplate } from './v2/matchers'

export * from './v2/interaction'
export type {
  LogLevel,
  PactfileWriteMode,
  Pacticipant,
  PactDetails,
  MockService,
  PactV2Options,
  MandatoryPactV2Options,
  PactV2OptionsComplete,
} from './v2/pact'
export { PactV2 } from './v2/pact'

export type { ConcreteMessage, Message, MessageConsumer, MessageConsumerOptions, Metadata, ProviderState } from './common/message'
export { MessageConsumerPact, asynchronousBodyHandler, synchronousBodyHandler } from './messageConsumerPact'
export * from './xml'
export { ConfigurationError, GraphQLQueryError, OperationType } from './common/graphql'
export { GraphQLPactV3 } from './v3/graphql'
export * as MatchersV3 from './v3/matchers'
export { PactV3 } from './v3/pact'
export * from './v3/types'
/** The V3 matchers (an alias of MatchersV3). */
export * as Matchers from './v3/matchers'

export * from './v4'
