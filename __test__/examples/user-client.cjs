// The code under test in the example consumer tests: a tiny HTTP client as users write them.
'use strict'

class UserClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl
  }

  async getUser(id) {
    const res = await fetch(`${this.baseUrl}/users/${id}`, { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return res.json()
  }

  async createUser(user) {
    const res = await fetch(`${this.baseUrl}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(user),
    })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return res.json()
  }

  async listUsers(role) {
    const res = await fetch(`${this.baseUrl}/users?role=${encodeURIComponent(role)}`, { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return res.json()
  }
}

module.exports = { UserClient }
