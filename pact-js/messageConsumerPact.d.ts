import type { AnyJson } from './common/jsonTypes'
import type { Message, MessageConsumer, Metadata, ProviderState } from './common/message'
import type { MessageConsumerOptions } from './common/message'

/**
 * A Message Consumer is analogous to a Provider in the HTTP Interaction model. It is the
 * receiver of an interaction, and needs to be able to handle whatever request was provided.
 */
export declare class MessageConsumerPact {
  private config
  private state
  private pact
  private message
  constructor(config: MessageConsumerOptions)
  /** Gives a state the provider should be in for this Message. */
  given(state: string | ProviderState): MessageConsumerPact
  /** A free style description of the Message. */
  expectsToReceive(description: string): MessageConsumerPact
  /** The JSON object (or primitive) to be received by the message consumer; matchers allowed. */
  withContent(content: unknown): MessageConsumerPact
  /** The text content to be received by the message consumer. */
  withTextContent(content: string, contentType: string): MessageConsumerPact
  /** The binary content to be received by the message consumer (base64 in the pact file). */
  withBinaryContent(content: Buffer, contentType: string): MessageConsumerPact
  /** Message metadata (values may be matchers). */
  withMetadata(metadata: Metadata): MessageConsumerPact
  /**
   * Hands the reified message to `handler`. When it resolves, the message is merged into the
   * pact file and the promise resolves; when it rejects, nothing is written and the promise
   * rejects with its error. The next message starts afresh either way.
   */
  verify(handler: MessageConsumer): Promise<unknown>
  private reifiedContent
  /** Returns the Message object created. */
  json(): Message
}
export declare function synchronousBodyHandler<R, B extends AnyJson | Buffer = AnyJson | Buffer>(handler: (body: B) => R): MessageConsumer
export declare function asynchronousBodyHandler<R, B extends AnyJson | Buffer = AnyJson | Buffer>(
  handler: (body: B) => Promise<R>,
): MessageConsumer
