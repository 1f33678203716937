// The code under test of the TypeScript example.
export interface User {
  id: number
  name: string
}

export class TypedUserClient {
  constructor(private readonly baseUrl: string) {}

  async getUser(id: number): Promise<User> {
    const res = await fetch(`${this.baseUrl}/users/${id}`, { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return (await res.json()) as User
  }
}
