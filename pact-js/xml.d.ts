import type { Matcher } from './v3/types'

export declare class XmlNode {}
export declare class XmlText extends XmlNode {
  content: string
  matcher?: Matcher<string> | undefined
  constructor(content: string, matcher?: Matcher<string> | undefined)
}
export type XmlAttributes = Map<string, string>
export type XmlCallback = (n: XmlElement) => void
interface EachLikeOptions {
  min?: number
  max?: number
  examples?: number
}
export declare class XmlElement extends XmlNode {
  name: string
  children: XmlNode[]
  attributes?: XmlAttributes
  constructor(name: string)
  setName(name: string): XmlElement
  setAttributes(attributes: XmlAttributes): XmlElement
  /**
   * Appends an element with the given name and attributes; `arg` is its text content (a
   * string or a matcher) or a callback that fills it in.
   */
  appendElement(name: string, attributes: XmlAttributes, arg?: string | XmlCallback | Matcher<string>): XmlElement
  appendText(content: string | Matcher<string>): XmlElement
  /** Appends `options.examples` (default 1) copies of an element matched by type. */
  eachLike(name: string, attributes: XmlAttributes, cb?: XmlCallback, options?: EachLikeOptions): XmlElement
}
export declare class XmlBuilder {
  private root
  constructor(_version: string, _charset: string, rootElement: string)
  /** The document description as JSON text, for `xmlBody()` or a V3 body with an XML content type. */
  build(callback: (doc: XmlElement) => void): string
}
export {}
