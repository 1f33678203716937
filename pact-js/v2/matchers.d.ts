import type { AnyJson } from '../common/jsonTypes'

export {
  EMAIL_FORMAT,
  HEX_FORMAT,
  IPV4_FORMAT,
  IPV6_FORMAT,
  ISO8601_DATE_FORMAT,
  ISO8601_DATETIME_FORMAT,
  ISO8601_DATETIME_WITH_MILLIS_FORMAT,
  ISO8601_TIME_FORMAT,
  RFC1123_TIMESTAMP_FORMAT,
  UUID_V4_FORMAT,
  validateExample,
} from '../common/formats'

export interface MatcherV2<T> {
  value?: T
  'pact:matcher:type': string
  getValue(): T
}
export interface ArrayMatcher<T> extends MatcherV2<T> {
  'pact:matcher:type': string
  min?: number
  max?: number
}
export declare function isMatcher(x: unknown): x is MatcherV2<AnyTemplate>
export type AnyTemplate = AnyJson | MatcherV2<AnyTemplate> | ArrayMatcher<AnyTemplate> | TemplateMap | ArrayTemplate
export type InterfaceToTemplate<O> = {
  [K in keyof O]: AnyTemplate
}
interface TemplateMap {
  [key: string]: AnyTemplate
}
type ArrayTemplate = Array<AnyTemplate>
export declare function eachLike<T>(template: T, opts?: { min: number }): ArrayMatcher<T[]>
export declare function somethingLike<T>(value: T): MatcherV2<T>
export interface RegexMatcher<T> extends MatcherV2<T> {
  regex: string
}
/** A string matching `matcher`, with `generate` as the example. Also exported as `regex`. */
export declare function term(opts: { generate: string; matcher: string }): RegexMatcher<string>
export declare function email(address?: string): MatcherV2<string>
export declare function uuid(id?: string): MatcherV2<string>
export declare function ipv4Address(ip?: string): MatcherV2<string>
export declare function ipv6Address(ip?: string): MatcherV2<string>
export declare function iso8601DateTime(date?: string): MatcherV2<string>
export declare function iso8601DateTimeWithMillis(date?: string): MatcherV2<string>
export declare function iso8601Date(date?: string): MatcherV2<string>
export declare function iso8601Time(time?: string): MatcherV2<string>
export declare function rfc1123Timestamp(timestamp?: string): MatcherV2<string>
export declare function hexadecimal(hex?: string): MatcherV2<string>
export declare function decimal(float?: number): MatcherV2<number>
export declare function integer(int?: number): MatcherV2<number>
export declare function boolean(value?: boolean): MatcherV2<boolean>
export declare function string(value?: string): MatcherV2<string>
export { somethingLike as like, term as regex }
export declare function extractPayload(value: AnyTemplate): AnyJson
export declare function matcherValueOrString(obj: unknown): string
