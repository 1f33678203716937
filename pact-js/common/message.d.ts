import type { AnyJson } from './jsonTypes'
import type { Matcher } from '../v3/types'
import type { MatcherV2 } from '../v2/matchers'
import type { LogLevel, PactfileWriteMode } from '../v2/pact'

/** Metadata is a map containing message context, such as content-type, correlation IDs etc. */
export interface Metadata {
  [name: string]: string | Matcher<string> | MatcherV2<string>
}
/** Defines a state a provider must be in. */
export interface ProviderState {
  name: string
  params?: {
    [name: string]: string
  }
}
/** A Message is an asynchronous Interaction, sent via a Provider. */
export interface Message {
  providerStates?: ProviderState[]
  description?: string
  metadata?: Metadata
  contents: unknown | Buffer
}
/** The message a MessageConsumerPact handler is handed (example values, generators applied). */
export interface ConcreteMessage {
  providerStates?: ProviderState[]
  description?: string
  metadata?: Metadata
  contents: AnyJson | Buffer
}
/**
 * A Message Consumer is a function that will receive a message from a given Message Provider.
 * It is given the full Message context during verification.
 */
export type MessageConsumer = (m: ConcreteMessage) => Promise<unknown>
export interface MessageConsumerOptions {
  consumer: string
  /** Directory to write the pact file to (default "./pacts") */
  dir?: string
  provider: string
  /** Not used (as in pact-js 10+). */
  log?: string
  logLevel?: LogLevel
  /** Specification version of the pact file: 3 (default) or 4 */
  spec?: number
  /** 'overwrite': the first message written replaces the file; otherwise messages are merged into it */
  pactfileWriteMode?: PactfileWriteMode
}
