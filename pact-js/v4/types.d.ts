import type { GraphQLDocument, GraphQLVariables } from '../common/graphql'
import type { V4UnconfiguredAsynchronousMessage, V4UnconfiguredSynchronousMessage } from './messageTypes'
import type { JsonMap } from '../common/jsonTypes'
import type {
  Matcher,
  Path,
  Rules,
  SpecificationVersion,
  StatusCodeMatcher,
  TemplateHeaders,
  TemplateQuery,
  V3MockServer,
  V3ProviderState,
  V3Request,
  V3Response,
} from '../v3/types'

export type V4ProviderState = V3ProviderState
export type V4MockServer = V3MockServer
export type V4Request = V3Request
export type V4Response = V3Response
export interface PactV4Options {
  /** Directory to write the pact file to (default "./pacts") */
  dir?: string
  consumer: string
  provider: string
  /** Port of the mock server (default: a random free port) */
  port?: number
  /** Specification version of the pact file (default V4) */
  spec?: SpecificationVersion
  /** Log level (of this library and its core) */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
  /** HTTPS with a self-signed certificate (default false) */
  tls?: boolean
  /** Host of the mock server (default 127.0.0.1) */
  host?: string
  /** Answer CORS pre-flight requests (default true) */
  cors?: boolean
}
export type TemplateHeaderArrayValue = string[] | Matcher<string>[]
export type Comment = string
export type CustomComment = {
  key: string
  value: string
}
export interface V4UnconfiguredInteraction {
  given(state: string, parameters?: JsonMap): V4UnconfiguredInteraction
  uponReceiving(description: string): V4UnconfiguredInteraction
  pending(pending?: boolean): V4UnconfiguredInteraction
  comment(comment: Comment | CustomComment): V4UnconfiguredInteraction
  testName(name: string): V4UnconfiguredInteraction
  reference(group: string, name: string, value: string): V4UnconfiguredInteraction
  /** Not implemented (as in pact-js): throws. */
  withCompleteRequest(request: V4Request): V4InteractionWithCompleteRequest
  withRequest(method: string, path: Path, builder?: V4RequestBuilderFunc): V4InteractionWithRequest
  /** @deprecated Pact plugins are not supported by pact-mock-server-ffi/pact-js: throws an Error saying so. */
  usingPlugin(config: PluginConfig): V4InteractionWithPlugin
}
export interface V4InteractionWithCompleteRequest {
  withCompleteResponse(response: V4Response): V4InteractionWithResponse
}
export interface V4InteractionWithRequest {
  willRespondWith(status: number | StatusCodeMatcher<number>, builder?: V4ResponseBuilderFunc): V4InteractionWithResponse
}
export type V4RequestBuilderFunc = (builder: V4RequestBuilder) => void
export interface V4RequestBuilder {
  query(query: TemplateQuery): V4RequestBuilder
  headers(headers: TemplateHeaders): V4RequestBuilder
  jsonBody(body: unknown): V4RequestBuilder
  xmlBody(body: unknown): V4RequestBuilder
  binaryFile(contentType: string, file: string): V4RequestBuilder
  multipartBody(contentType: string, filename: string, mimePartName: string, boundary?: string): V4RequestBuilder
  matchingRules(rules: Rules): V4RequestBuilder
  body(contentType: string, body: Buffer): V4RequestBuilder
}
export interface V4ResponseBuilder {
  headers(headers: TemplateHeaders): V4ResponseBuilder
  jsonBody(body: unknown): V4ResponseBuilder
  xmlBody(body: unknown): V4ResponseBuilder
  binaryFile(contentType: string, file: string): V4ResponseBuilder
  multipartBody(contentType: string, filename: string, mimePartName: string, boundary?: string): V4ResponseBuilder
  matchingRules(rules: Rules): V4ResponseBuilder
  body(contentType: string, body: Buffer): V4ResponseBuilder
}
export type V4ResponseBuilderFunc = (builder: V4ResponseBuilder) => void
export interface V4InteractionWithResponse {
  /**
   * Starts a mock server for every interaction added since the last test and runs `testFn`
   * with it. All matched and `testFn` resolved: merges the pact file into `dir` and resolves
   * with `testFn`'s value. Otherwise rejects (with the mismatches, or `testFn`'s error) and
   * writes nothing. The pact then starts afresh.
   */
  executeTest<T>(testFn: (mockServer: V4MockServer) => Promise<T>): Promise<T | undefined>
}
export type V4PluginRequestBuilderFunc = (builder: V4RequestWithPluginBuilder) => void
export type V4PluginResponseBuilderFunc = (builder: V4ResponseWithPluginBuilder) => void
export interface PluginConfig {
  plugin: string
  version: string
}
/** Plugins are not supported: the types are kept so that pact-js test files still compile. */
export interface V4InteractionWithPlugin {
  usingPlugin(config: PluginConfig): V4InteractionWithPlugin
  withRequest(method: string, path: Path, builder?: V4PluginRequestBuilderFunc): V4InteractionWithPluginRequest
}
export interface V4InteractionWithPluginRequest {
  willRespondWith(status: number | StatusCodeMatcher<number>, builder?: V4PluginResponseBuilderFunc): V4InteractionWithPluginResponse
}
export interface V4RequestWithPluginBuilder {
  query(query: TemplateQuery): V4RequestWithPluginBuilder
  headers(headers: TemplateHeaders): V4RequestWithPluginBuilder
  jsonBody(body: unknown): V4RequestWithPluginBuilder
  xmlBody(body: unknown): V4RequestWithPluginBuilder
  binaryFile(contentType: string, file: string): V4RequestWithPluginBuilder
  multipartBody(contentType: string, filename: string, mimePartName: string, boundary?: string): V4RequestWithPluginBuilder
  body(contentType: string, body: Buffer): V4RequestWithPluginBuilder
  matchingRules(rules: Rules): V4RequestWithPluginBuilder
  pluginContents(contentType: string, contents: string): V4RequestWithPluginBuilder
}
export interface V4ResponseWithPluginBuilder {
  headers(headers: TemplateHeaders): V4ResponseBuilder
  jsonBody(body: unknown): V4ResponseBuilder
  xmlBody(body: unknown): V4ResponseBuilder
  binaryFile(contentType: string, file: string): V4ResponseBuilder
  multipartBody(contentType: string, filename: string, mimePartName: string, boundary?: string): V4ResponseBuilder
  matchingRules(rules: Rules): V4ResponseBuilder
  body(contentType: string, body: Buffer): V4ResponseBuilder
  pluginContents(contentType: string, contents: string): V4ResponseBuilder
}
export interface V4InteractionWithPluginResponse {
  executeTest<T>(testFn: (mockServer: V4MockServer) => Promise<T>): Promise<T | undefined>
}
export type TestFunction<T> = (mockServer: V4MockServer) => Promise<T>

export interface V4UnconfiguredGraphQLInteraction {
  given(state: string, parameters?: JsonMap): V4UnconfiguredGraphQLInteraction
  uponReceiving(description: string): V4UnconfiguredGraphQLInteraction
  withOperation(operation: string): V4UnconfiguredGraphQLInteraction
  withVariables(variables: GraphQLVariables): V4UnconfiguredGraphQLInteraction
  withRequest(method: string, path: Path, builder?: V4GraphQLRequestBuilderFunc): V4GraphQLInteractionWithRequest
}
export interface V4GraphQLInteractionWithRequest {
  withQuery(query: string | GraphQLDocument): V4InteractionWithRequest
  withMutation(mutation: string | GraphQLDocument): V4InteractionWithRequest
}
export type V4GraphQLRequestBuilderFunc = (builder: V4GraphQLRequestBuilder) => void
export interface V4GraphQLRequestBuilder {
  query(query: TemplateQuery): V4GraphQLRequestBuilder
  headers(headers: TemplateHeaders): V4GraphQLRequestBuilder
}
export type GraphqlRequest = {
  operation?: string
  mutation?: string
  variables?: GraphQLVariables
}
export interface V4ConsumerPact {
  addInteraction(): V4UnconfiguredInteraction
  addSynchronousInteraction(description: string): V4UnconfiguredSynchronousMessage
  addAsynchronousInteraction(): V4UnconfiguredAsynchronousMessage
  addGraphQLInteraction(): V4UnconfiguredGraphQLInteraction
}
