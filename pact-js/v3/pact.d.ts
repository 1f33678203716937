import type { JsonMap } from '../common/jsonTypes'
import type { PactV3Options, Rules, V3Interaction, V3MockServer, V3Request, V3Response } from './types'

export declare class PactV3 {
  private opts
  private states
  private pact
  private interaction
  constructor(opts: PactV3Options)
  /** One interaction as an object (states, uponReceiving, withRequest, willRespondWith). */
  addInteraction(interaction: V3Interaction): PactV3
  /** A provider state of the next interaction: call it before `uponReceiving`. */
  given(providerState: string, parameters?: JsonMap): PactV3
  uponReceiving(description: string): PactV3
  withRequest(req: V3Request): PactV3
  withRequestBinaryFile(req: V3Request, contentType: string, file: string): PactV3
  withRequestMatchingRules(req: V3Request, rules: Rules): PactV3
  /** Rules of the response; `req` sets the request (as in pact-js). */
  withResponseMatchingRules(req: V3Request, rules: Rules): PactV3
  withRequestMultipartFileUpload(req: V3Request, contentType: string, file: string, mimePartName: string, boundary?: string): PactV3
  willRespondWith(res: V3Response): PactV3
  withResponseBinaryFile(res: V3Response, contentType: string, file: string): PactV3
  withResponseMultipartFileUpload(res: V3Response, contentType: string, file: string, mimePartName: string, boundary?: string): PactV3
  /**
   * Starts a mock server for every interaction added since the last test and runs `testFn`
   * with it. All matched and `testFn` resolved: merges the pact file into `dir` and resolves
   * with `testFn`'s value. Otherwise rejects (with the mismatches, or `testFn`'s error) and
   * writes nothing. The pact then starts afresh.
   */
  executeTest<T>(testFn: (mockServer: V3MockServer) => Promise<T>): Promise<T | undefined>
  private cleanup
  private setup
}
