import type { GraphQLVariables } from '../common/graphql'
import type { JsonMap } from '../common/jsonTypes'
import type { Path } from '../v3/types'
import type {
  PactV4Options,
  V4ConsumerPact,
  V4GraphQLInteractionWithRequest,
  V4GraphQLRequestBuilderFunc,
  V4UnconfiguredGraphQLInteraction,
  V4UnconfiguredInteraction,
} from './types'
import type { V4UnconfiguredAsynchronousMessage, V4UnconfiguredSynchronousMessage } from './messageTypes'

/**
 * A V4 pact (also exported as `Pact`): interactions added with `addInteraction()` (or
 * `addGraphQLInteraction()`) until one of them calls `executeTest`, which serves them all
 * from one mock server; the pact then starts afresh for the next test. Messages
 * (`addAsynchronousInteraction()`, `addSynchronousInteraction()`) need no server: their
 * `executeTest` hands the message to a handler and merges it into the same pact file.
 */
export declare class PactV4 implements V4ConsumerPact {
  private opts
  private pact
  constructor(opts: PactV4Options)
  setup(): void
  addInteraction(): V4UnconfiguredInteraction
  addSynchronousInteraction(description: string): V4UnconfiguredSynchronousMessage
  addAsynchronousInteraction(): V4UnconfiguredAsynchronousMessage
  addGraphQLInteraction(): V4UnconfiguredGraphQLInteraction
}
export declare class UnconfiguredGraphQLInteraction implements V4UnconfiguredGraphQLInteraction {
  protected pact: unknown
  protected interaction: unknown
  protected opts: PactV4Options
  protected cleanupFn: () => void
  private graphQLRequest
  constructor(pact: unknown, interaction: unknown, opts: PactV4Options, cleanupFn: () => void)
  withOperation(operation: string): V4UnconfiguredGraphQLInteraction
  withVariables(variables: GraphQLVariables): V4UnconfiguredGraphQLInteraction
  uponReceiving(description: string): V4UnconfiguredGraphQLInteraction
  given(state: string, parameters?: JsonMap): V4UnconfiguredGraphQLInteraction
  withRequest(method: string, path: Path, builder?: V4GraphQLRequestBuilderFunc): V4GraphQLInteractionWithRequest
}
export * from './message'
export { PactV4 as Pact, type PactV4Options as PactOptions }
