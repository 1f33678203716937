// `matchingRules(rules)` of pact-js (src/common/matchingRules): the checks of a `Rules`
// object, with pact-js's messages, and its conversion into the rule JSON of a pact file
// (`{match: type, ...}`; generator types dropped, rules without `path` ignored, as pact-js does).
'use strict'

const PARTS = ['path', 'body', 'header', 'query', 'status']

function convertMatcherToFFI(matcher) {
  const result = {}
  if (matcher['pact:matcher:type']) result.match = matcher['pact:matcher:type']
  for (const key of Object.keys(matcher)) {
    if (key !== 'pact:matcher:type' && key !== 'pact:generator:type') result[key] = matcher[key]
  }
  return result
}

function validateRules(rules) {
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw new Error('rules must be an object')
  for (const key of Object.keys(rules)) {
    if (!PARTS.includes(key)) {
      throw new Error(`Invalid part "${key}" in rules. Valid parts are: ${PARTS.join(', ')}`)
    }
    const partRules = rules[key]
    if (!partRules) continue
    const list = Array.isArray(partRules) ? partRules : [partRules]
    list.forEach((rule, index) => {
      if (!rule || typeof rule !== 'object') throw new Error(`Rule at ${key}[${index}] must be an object`)
      if (!('rules' in rule) || !Array.isArray(rule.rules)) {
        throw new Error(`Rule at ${key}[${index}] must have a "rule" property that is an array`)
      }
      if ('path' in rule && typeof rule.path !== 'string') {
        throw new Error(`Rule at ${key}[${index}] has a "path" property that is not a string`)
      }
    })
  }
}

/** The rules as `[category, path, matchers]` entries, in the order given. */
function ruleEntries(rules) {
  const entries = []
  for (const part of Object.keys(rules)) {
    const partRules = rules[part]
    if (!partRules) continue
    for (const rule of Array.isArray(partRules) ? partRules : [partRules]) {
      if (rule.path) entries.push([part, rule.path, rule.rules.map(convertMatcherToFFI)])
    }
  }
  return entries
}

/**
 * Rule entries (`[category, path, matchers]`, in the order given) in the pact-file layout the
 * binding takes: path and status rules one list, the others by path.
 */
function rulesJson(entries) {
  const json = {}
  for (const [category, rulePath, matchers] of entries) {
    if (category === 'path' || category === 'status') {
      const list = (json[category] ??= { matchers: [] })
      list.matchers.push(...structuredClone(matchers))
    } else {
      const list = ((json[category] ??= {})[rulePath] ??= { matchers: [] })
      list.matchers.push(...structuredClone(matchers))
    }
  }
  return json
}

module.exports = { validateRules, ruleEntries, rulesJson, convertMatcherToFFI }
