import { Interaction, type InteractionObject } from './interaction'

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error'
export type PactfileWriteMode = 'overwrite' | 'update' | 'merge'
export interface Pacticipant {
  name: string
}
export interface PactDetails {
  consumer?: Pacticipant
  provider?: Pacticipant
  pactfile_write_mode: PactfileWriteMode
}
export interface MockService {
  pactDetails: PactDetails
  baseUrl: string
}
export interface PactV2Options {
  consumer: string
  provider: string
  port?: number
  host?: string
  ssl?: boolean
  /** Not used (as in pact-js 10+). */
  sslcert?: string
  /** Not used (as in pact-js 10+). */
  sslkey?: string
  dir?: string
  /** Not used (as in pact-js 10+). */
  log?: string
  logLevel?: LogLevel
  spec?: number
  cors?: boolean
  /** Not used (as in pact-js 10+). */
  timeout?: number
  pactfileWriteMode?: PactfileWriteMode
}
export interface MandatoryPactV2Options {
  port: number
  host: string
  ssl: boolean
}
export type PactV2OptionsComplete = PactV2Options & MandatoryPactV2Options

/**
 * The V2 lifecycle (what jest-pact's `pactWith` drives): `setup()`, then per test
 * `addInteraction()` (as often as needed) and `verify()`, then `finalize()`.
 */
export declare class PactV2 {
  static defaults: PactV2Options
  static createOptionsWithDefaults(opts: PactV2Options): PactV2OptionsComplete
  mockService: MockService
  opts: PactV2OptionsComplete
  private mockServerStartedPort?
  private pact
  private interaction
  private finalized
  constructor(config: PactV2Options)
  /** Picks the port (a free one unless `port` is given) and sets `mockService.baseUrl`. */
  setup(): Promise<PactV2OptionsComplete>
  /** Adds an interaction; the mock server then serves every interaction added since the last verify. */
  addInteraction(interactionObj: InteractionObject | Interaction): Promise<string>
  /** Checks the interactions added since the last verify, writes the pact file, starts afresh. */
  verify(): Promise<string>
  finalize(): Promise<void>
  writePact(): Promise<string>
  /** @deprecated not needed since pact-js 10 (a no-op) */
  removeInteractions(): Promise<string>
  private startMockServer
  private reset
}
