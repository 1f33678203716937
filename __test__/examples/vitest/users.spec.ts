// A TypeScript consumer test: type-checked with `tsc --noEmit --strict`, run by Vitest.
import path from 'node:path'
import { describe, it, expect } from 'vitest'
import { Pact, Matchers, MockServer, type MismatchResult, type Matcher } from 'pact-mock-server-ffi'
import { TypedUserClient, type User } from './user-client'

const dir: string = process.env.PACT_DIR ?? path.resolve(__dirname, '../../../pacts')

describe('TypedUserClient', () => {
  const pact = new Pact('TypeScriptApp', 'UserService', { specification: 'V4' })

  it('returns a typed user (provider state with params)', async () => {
    const name: Matcher<string> = Matchers.string('Ada')
    pact
      .newInteraction('a request for user 42')
      .given('a user exists', { id: 42 })
      .withRequest('GET', '/users/42')
      .willRespondWith(200)
      .withResponseBody({ id: Matchers.integer(42), name })

    const user: User = await pact.executeTest(
      (server: MockServer): Promise<User> => new TypedUserClient(server.url).getUser(42),
      { dir },
    )
    expect(user.name).toBe('Ada')
  })

  it('exposes typed mismatches', async () => {
    pact.newInteraction('a request for user 1').withRequest('GET', '/users/1').willRespondWith(200)
    const error = await pact.executeTest(() => undefined, { dir }).catch((e: Error & { mismatches: MismatchResult[] }) => e)
    expect(error).toBeInstanceOf(Error)
    const [first] = (error as { mismatches: MismatchResult[] }).mismatches
    expect(first.type).toBe('missing-request')
    if (first.type === 'missing-request') expect(first.request.path).toBe('/users/1')
  })
})
