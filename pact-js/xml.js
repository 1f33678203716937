// XmlBuilder: pact-js's builder of XML bodies (src/xml). `build()` returns the JSON text of
// the document description ({"root": element}), which the core turns into XML with matching
// rules when it is given as a body with an XML content type (`xmlBody()`, V3 `body`).
'use strict'

const { isMatcher } = require('./v3/matchers')

class XmlNode {}

class XmlText extends XmlNode {
  content
  matcher
  constructor(content, matcher) {
    super()
    this.content = content
    this.matcher = matcher
  }
}

class XmlElement extends XmlNode {
  name
  children = []
  attributes
  constructor(name) {
    super()
    this.name = name
  }

  setName(name) {
    this.name = name
    return this
  }

  setAttributes(attributes) {
    this.attributes = attributes
    return this
  }

  /** Appends an element; `arg` is its text (or a matcher) or a callback that fills it. */
  appendElement(name, attributes, arg) {
    const el = new XmlElement(name).setAttributes(attributes)
    if (arg) {
      if (typeof arg !== 'function') el.appendText(arg)
      else arg(el)
    }
    this.children.push(el)
    return this
  }

  appendText(content) {
    if (typeof content === 'object' && content['pact:matcher:type']) {
      const text = isMatcher(content) && typeof content.value === 'string' ? content.value : ''
      this.children.push(new XmlText(text, content))
    } else {
      this.children.push(new XmlText(content.toString()))
    }
    return this
  }

  /** Appends `examples` copies of an element matched by type (`options.min` / `max` unused, as in pact-js). */
  eachLike(name, attributes, cb, options = { examples: 1 }) {
    const el = new XmlElement(name).setAttributes(attributes)
    if (cb) cb(el)
    this.children.push({ 'pact:matcher:type': 'type', value: el, examples: options.examples })
    return this
  }
}

class XmlBuilder {
  root
  constructor(_version, _charset, rootElement) {
    this.root = new XmlElement(rootElement)
  }

  build(callback) {
    callback(this.root)
    // Attributes that are not an object ('' or undefined, as pact-js's examples pass them)
    // are no attributes, as libpact_ffi reads them.
    return JSON.stringify(this, (key, value) => (key === 'attributes' && (value === null || typeof value !== 'object' || Array.isArray(value)) ? undefined : value))
  }
}

module.exports = { XmlBuilder, XmlElement, XmlNode, XmlText }
