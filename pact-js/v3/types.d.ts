import type { JsonMap } from '../common/jsonTypes'

/** Pact specification versions, as the numbers libpact_ffi uses. */
export declare enum SpecificationVersion {
  SPECIFICATION_VERSION_V2 = 3,
  SPECIFICATION_VERSION_V3 = 4,
  SPECIFICATION_VERSION_V4 = 5,
}
/** A matcher in the "integration JSON" form. */
export interface Matcher<T> {
  'pact:matcher:type': string
  'pact:generator:type'?: string
  value?: T | Record<string, T>
}
export interface V3RegexMatcher extends Matcher<string> {
  regex: string
  example?: string
}
export interface MinLikeMatcher<T> extends Matcher<T> {
  min: number
}
export interface MaxLikeMatcher<T> extends Matcher<T> {
  max: number
}
export interface DateTimeMatcher extends Matcher<string> {
  format: string
}
export interface ArrayContainsMatcher extends Matcher<unknown[]> {
  variants: Array<unknown>
}
export interface ProviderStateInjectedValue<T> extends Matcher<T> {
  expression: string
}
export interface StatusCodeMatcher<T> extends Matcher<T> {
  status: HTTPResponseStatusClass | number[]
}
export interface RulesMatcher<T> extends Matcher<T> {
  rules: Matcher<T>[]
}
/** The status classes of `matchStatus`. */
export declare enum HTTPResponseStatusClass {
  Information = 'information',
  Success = 'success',
  Redirect = 'redirect',
  ClientError = 'clientError',
  ServerError = 'serverError',
  NonError = 'nonError',
  Error = 'error',
}
/** A part of a request or response that matching rules apply to. */
export type Part = 'path' | 'body' | 'header' | 'query' | 'status'
export type JSONPath = string
/** Matchers for one path of a part (rules without a path are ignored, as in pact-js). */
export type Rule = {
  path?: JSONPath
  rules: Matcher<unknown>[]
}
/** Matching rules by part. */
export type Rules = Partial<{ [part in Part]: Rule | Rule[] }>
export interface PactV3Options {
  /** Directory to write the pact file to (default "./pacts") */
  dir?: string
  consumer: string
  provider: string
  /** Answer CORS pre-flight requests (default true) */
  cors?: boolean
  /** Port of the mock server (default: a random free port) */
  port?: number
  /** Specification version of the pact file (default V3) */
  spec?: SpecificationVersion
  /** Log level (of this library and its core) */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
  /** HTTPS with a self-signed certificate (default false) */
  tls?: boolean
  /** Host of the mock server (default 127.0.0.1) */
  host?: string
}
export interface V3ProviderState {
  description: string
  parameters?: JsonMap
}
export declare type TemplateHeaders = {
  [header: string]: string | Matcher<string> | (Matcher<string> | string)[]
}
export type TemplateQuery = Record<
  string,
  string | Matcher<string | number | boolean> | Array<string | Matcher<string | number | boolean>>
>
export interface V3Interaction {
  states?: V3ProviderState[]
  uponReceiving: string
  withRequest: V3Request
  willRespondWith: V3Response
}
export type Path = string | Matcher<string>
export interface V3Request {
  method: string
  path: Path
  query?: TemplateQuery
  headers?: TemplateHeaders
  body?: unknown
  contentType?: string
}
export interface V3Response {
  status: number | StatusCodeMatcher<number>
  headers?: TemplateHeaders
  body?: unknown
  contentType?: string
}
/** The mock server a test function gets: `url` is `http(s)://<host>:<port>`; `id` is always "unknown". */
export interface V3MockServer {
  port: number
  url: string
  id: string
}
