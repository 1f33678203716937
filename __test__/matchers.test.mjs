// Every Matchers function returns the JSON pact-js MatchersV3 returns for the same call.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import helpers from './helpers.cjs'

const { Matchers: M } = helpers.lib
const mt = 'pact:matcher:type'
const gt = 'pact:generator:type'
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

test('type matchers and arrays', () => {
  assert.deepEqual(M.like({ a: 1 }), { [mt]: 'type', value: { a: 1 } })
  assert.deepEqual(M.eachLike('x'), { [mt]: 'type', min: 1, value: ['x'] })
  assert.deepEqual(M.eachLike('x', 3), { [mt]: 'type', min: 3, value: ['x', 'x', 'x'] })
  assert.deepEqual(M.atLeastOneLike(1, 2), { [mt]: 'type', min: 1, value: [1, 1] })
  assert.deepEqual(M.atLeastLike(1, 2), { [mt]: 'type', min: 2, value: [1, 1] })
  assert.deepEqual(M.atLeastLike(1, 2, 3), { [mt]: 'type', min: 2, value: [1, 1, 1] })
  assert.deepEqual(M.atMostLike(1, 3), { [mt]: 'type', max: 3, value: [1] })
  assert.deepEqual(M.atMostLike(1, 3, 2), { [mt]: 'type', max: 3, value: [1, 1] })
  assert.deepEqual(M.constrainedArrayLike('a', 1, 3), { [mt]: 'type', min: 1, max: 3, value: ['a'] })
  assert.deepEqual(M.constrainedArrayLike('a', 1, 3, 2), { [mt]: 'type', min: 1, max: 3, value: ['a', 'a'] })
})

test('array size errors are thrown as pact-js throws them', () => {
  for (const call of [() => M.atLeastLike(1, 3, 2), () => M.atMostLike(1, 2, 3), () => M.constrainedArrayLike(1, 2, 4, 5)]) {
    const e = helpers.thrown(call)
    assert.equal(e.code, 'INVALID_ARGUMENT')
    assert.ok(e.message.length > 10, e.message)
  }
})

test('numbers, booleans, strings', () => {
  assert.deepEqual(M.integer(42), { [mt]: 'integer', value: 42 })
  assert.deepEqual(M.integer(), { [gt]: 'RandomInt', [mt]: 'integer', value: 101 })
  assert.equal(helpers.thrown(() => M.integer(1.5)).code, 'INVALID_ARGUMENT')
  assert.deepEqual(M.decimal(1.25), { [mt]: 'decimal', value: 1.25 })
  assert.deepEqual(M.decimal(), { [gt]: 'RandomDecimal', [mt]: 'decimal', value: 12.34 })
  assert.deepEqual(M.number(7), { [mt]: 'number', value: 7 })
  assert.deepEqual(M.number(), { [gt]: 'RandomInt', [mt]: 'number', value: 1234 })
  assert.deepEqual(M.boolean(), { [mt]: 'type', value: true })
  assert.deepEqual(M.boolean(false), { [mt]: 'type', value: false })
  assert.deepEqual(M.string(), { [mt]: 'type', value: 'some string' })
  assert.deepEqual(M.string('Ada'), { [mt]: 'type', value: 'Ada' })
})

test('regex from a string or a RegExp, equality, includes, null', () => {
  assert.deepEqual(M.regex('\\d+', '12'), { [mt]: 'regex', regex: '\\d+', value: '12' })
  assert.deepEqual(M.regex(/\d+/, '12'), { [mt]: 'regex', regex: '\\d+', value: '12' })
  assert.deepEqual(M.equal({ a: 1 }), { [mt]: 'equality', value: { a: 1 } })
  assert.deepEqual(M.includes('bar'), { [mt]: 'include', value: 'bar' })
  assert.deepEqual(M.nullValue(), { [mt]: 'null', value: null })
})

test('dates and times with an example', () => {
  assert.deepEqual(M.datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-01-02T03:04:05'), {
    [mt]: 'timestamp',
    format: "yyyy-MM-dd'T'HH:mm:ss",
    value: '2024-01-02T03:04:05',
  })
  assert.deepEqual(M.timestamp('yyyy-MM-dd HH:mm', '2024-01-02 03:04'), { [mt]: 'timestamp', format: 'yyyy-MM-dd HH:mm', value: '2024-01-02 03:04' })
  assert.deepEqual(M.date('yyyy-MM-dd', '2024-01-02'), { [mt]: 'date', format: 'yyyy-MM-dd', value: '2024-01-02' })
  assert.deepEqual(M.time('HH:mm', '03:04'), { [mt]: 'time', format: 'HH:mm', value: '03:04' })
})

test('dates without an example get a generated one and a generator', () => {
  const d = M.date('yyyy-MM-dd')
  assert.equal(d[mt], 'date')
  assert.equal(d[gt], 'Date')
  assert.match(d.value, /^\d{4}-\d{2}-\d{2}$/)
})

test('uuid with and without example', () => {
  assert.deepEqual(M.uuid('e2490de5-5bd3-43d5-b7c4-526e33f71304'), {
    [mt]: 'regex',
    regex: UUID,
    value: 'e2490de5-5bd3-43d5-b7c4-526e33f71304',
  })
  const generated = M.uuid()
  assert.equal(generated[gt], 'Uuid')
  assert.equal(generated.regex, UUID)
  assert.equal(helpers.thrown(() => M.uuid('not-a-uuid')).code, 'INVALID_ARGUMENT')
})

test('url: with the mock server URL generator or a fixed base', () => {
  const u = M.url(['users', M.regex('\\d+', '42')])
  assert.equal(u[mt], 'regex')
  assert.equal(u[gt], 'MockServerURL')
  assert.equal(u.regex, '.*(\\/users\\/\\d+)$')
  assert.equal(u.value, 'http://localhost:8080/users/42')
  assert.equal(u.example, u.value)
  const fixed = M.url('https://api.example.test', ['users'])
  assert.equal(fixed[gt], undefined)
  assert.equal(fixed.value, 'https://api.example.test/users')
})

test('arrayContaining, eachKeyMatches, eachValueMatches, notEmpty', () => {
  assert.deepEqual(M.arrayContaining(M.like(1), 'a'), { [mt]: 'arrayContains', variants: [{ [mt]: 'type', value: 1 }, 'a'] })
  assert.deepEqual(M.eachKeyMatches({ a: 1 }, M.regex('[a-z]+', 'a')), {
    [mt]: 'eachKey',
    rules: [{ [mt]: 'regex', regex: '[a-z]+', value: 'a' }],
    value: { a: 1 },
  })
  assert.deepEqual(M.eachKeyMatches({ a: 1 }), { [mt]: 'eachKey', rules: [{ [mt]: 'type', value: 'key' }], value: { a: 1 } })
  assert.deepEqual(M.eachValueMatches({ a: 1 }, [M.integer(1)]), {
    [mt]: 'eachValue',
    rules: [{ [mt]: 'integer', value: 1 }],
    value: { a: 1 },
  })
  assert.deepEqual(M.notEmpty('x'), { [mt]: 'notEmpty', value: 'x' })
})

test('semver, contentType, statusCode, fromProviderState', () => {
  assert.deepEqual(M.semver('1.2.3'), { [mt]: 'semver', value: '1.2.3' })
  assert.equal(helpers.thrown(() => M.semver('one')).code, 'INVALID_ARGUMENT')
  assert.deepEqual(M.contentType('image/png'), { [mt]: 'contentType', value: 'image/png' })
  assert.deepEqual(M.statusCode(201, 'success'), { [mt]: 'statusCode', status: 'success', value: 201 })
  assert.deepEqual(M.statusCode('success', 201), { [mt]: 'statusCode', status: 'success', value: 201 })
  assert.deepEqual(M.statusCode([200, 204]), { [mt]: 'statusCode', status: [200, 204], value: 200 })
  assert.equal(helpers.thrown(() => M.statusCode('success', 404)).code, 'INVALID_ARGUMENT')
  assert.deepEqual(M.fromProviderState('${id}', 42), { [mt]: 'type', [gt]: 'ProviderState', expression: '${id}', value: 42 })
})

test('matchers nest inside bodies', () => {
  const body = M.eachLike({ id: M.integer(1), tags: M.atLeastOneLike(M.string('t')) })
  assert.deepEqual(body.value[0].tags, { [mt]: 'type', min: 1, value: [{ [mt]: 'type', value: 't' }] })
})
