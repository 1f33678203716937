import type { AnyJson } from '../common/jsonTypes'
import type {
  ArrayContainsMatcher,
  DateTimeMatcher,
  HTTPResponseStatusClass,
  Matcher,
  MaxLikeMatcher,
  MinLikeMatcher,
  ProviderStateInjectedValue,
  RulesMatcher,
  StatusCodeMatcher,
  V3RegexMatcher,
} from './types'

export * from './types'
export * from '../common/formats'

export declare function isMatcher(x: unknown): x is Matcher<unknown>
/** Value must match the given template by type. */
export declare const like: <T>(template: T) => Matcher<T>
/** @deprecated use eachKeyMatches or eachValueMatches */
export declare const eachKeyLike: <T>(keyTemplate: string, template: T) => Matcher<T>
/** Object whose keys must match the given matchers (values are not checked). */
export declare const eachKeyMatches: (
  example: Record<string, unknown>,
  matchers?: Matcher<string> | Matcher<string>[],
) => RulesMatcher<unknown>
/** Object whose values must match the given matchers (keys are not checked). */
export declare const eachValueMatches: <T>(example: Record<string, T>, matchers: Matcher<T> | Matcher<T>[]) => RulesMatcher<T>
/** A status code of a class (e.g. 2xx) or of a list. */
export declare const matchStatus: (example: number, status: HTTPResponseStatusClass | number[]) => StatusCodeMatcher<number>
/** Array whose every element matches the template, with at least `min` (default 1). */
export declare const eachLike: <T>(template: T, min?: number) => MinLikeMatcher<T[]>
export declare const atLeastOneLike: <T>(template: T, count?: number) => MinLikeMatcher<T[]>
export declare const atLeastLike: <T>(template: T, min: number, count?: number) => MinLikeMatcher<T[]>
export declare const atMostLike: <T>(template: T, max: number, count?: number) => MaxLikeMatcher<T[]>
export declare const constrainedArrayLike: <T>(
  template: T,
  min: number,
  max: number,
  count?: number,
) => MinLikeMatcher<T[]> & MaxLikeMatcher<T[]>
export declare const boolean: (b?: boolean) => Matcher<boolean>
/** An integer; without an example a random one is generated. */
export declare const integer: (int?: number) => Matcher<number>
/** A decimal; without an example a random one is generated. */
export declare const decimal: (num?: number) => Matcher<number>
/** A number; without an example a random integer is generated. */
export declare function number(num?: number): Matcher<number>
export declare function string(str?: string): Matcher<string>
export declare function regex(pattern: RegExp | string, str: string): V3RegexMatcher
export declare const email: (address?: string) => V3RegexMatcher
export declare const ipv4Address: (ip?: string) => V3RegexMatcher
export declare const ipv6Address: (ip?: string) => V3RegexMatcher
export declare const iso8601DateTime: (value?: string) => V3RegexMatcher
export declare const iso8601DateTimeWithMillis: (value?: string) => V3RegexMatcher
export declare const iso8601Date: (value?: string) => V3RegexMatcher
export declare const iso8601Time: (value?: string) => V3RegexMatcher
export declare const rfc1123Timestamp: (value?: string) => V3RegexMatcher
export declare const hexadecimal: (value?: string) => V3RegexMatcher
/** The content type of a (multipart or binary) body. */
export declare const contentType: (contentTypeValue: string) => Matcher<string>
/** Exactly the example (resets cascading matchers). */
export declare const equal: <T>(value: T) => Matcher<T>
/** A date-time in a Java SimpleDateFormat format (the example is required). */
export declare function datetime(format: string, example: string): DateTimeMatcher
export declare function timestamp(format: string, example: string): DateTimeMatcher
export declare function time(format: string, example: string): DateTimeMatcher
export declare function date(format: string, example: string): DateTimeMatcher
export declare function includes(value: string): Matcher<string>
export declare function nullValue(): Matcher<null>
/**
 * A URL of a base and path fragments (strings, regex matchers, or RegExps that stand for
 * one text: give a RegExp pattern with `regex(pattern, example)`). A null base: the mock
 * server's own URL.
 */
export declare function url2(basePath: string | null, pathFragments: Array<string | V3RegexMatcher | RegExp>): V3RegexMatcher
export declare function url(pathFragments: Array<string | V3RegexMatcher | RegExp>): V3RegexMatcher
export declare function arrayContaining(...variants: unknown[]): ArrayContainsMatcher
/** A value the provider fills in from its provider state. */
export declare function fromProviderState<V>(expression: string, exampleValue: V): ProviderStateInjectedValue<V>
/** A UUID; without an example a random one is generated. */
export declare function uuid(example?: string): V3RegexMatcher
export declare const matcherValueOrString: (obj: unknown) => string
export declare const isStatusCodeMatcher: (status: number | StatusCodeMatcher<number>) => status is StatusCodeMatcher<number>
/** The example content of a template: every matcher replaced by its example, recursively. */
export declare function reify<T extends AnyJson = AnyJson>(input: unknown): T
export { reify as extractPayload }
