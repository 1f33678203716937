// Expands the core's compact listing of mismatches (src/server/state.rs, CompactMismatches)
// into the array `MockServer.mismatches()` returns; compiled by src/node/mismatches.rs.
//   codes:  per entry, 0xffffffff for "the next of `others`", or three numbers for a request
//           that matched nothing: the id of its rest, its method's and its path's length
//   heads:  the methods and paths of those requests, back to back
//   rests:  JSON array of the distinct rests (query, headers, body) of those requests
//   others: JSON array of every other entry, in order
// After a flood of unmatched requests this is several times faster than JSON.parse of the
// same entries: the strings are sliced out of one, and a rest shared by thousands of requests
// is parsed once and then copied (each entry gets its own objects, as JSON.parse would give).
;(function expandMismatches(codes, heads, restsJson, othersJson) {
  const OTHER = 0xffffffff
  const rests = JSON.parse(restsJson)
  const restUsed = new Uint8Array(rests.length)
  const others = JSON.parse(othersJson)
  const entries = []
  let at = 0
  let nextOther = 0
  for (let i = 0; i < codes.length; ) {
    const rest = codes[i++]
    if (rest === OTHER) {
      entries.push(others[nextOther++])
      continue
    }
    const method = heads.slice(at, (at += codes[i++]))
    const path = heads.slice(at, (at += codes[i++]))
    const request = { method, path }
    const parts = restUsed[rest] ? copy(rests[rest]) : rests[rest]
    restUsed[rest] = 1
    for (const key in parts) request[key] = parts[key]
    entries.push({ type: 'request-not-found', method, path, request })
  }
  return entries

  function copy(value) {
    if (typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) return value.map(copy)
    const out = {}
    for (const key in value) {
      // A plain assignment to "__proto__" would set the prototype, not a member.
      if (key === '__proto__') Object.defineProperty(out, key, { value: copy(value[key]), enumerable: true, writable: true, configurable: true })
      else out[key] = copy(value[key])
    }
    return out
  }
})
