// The TypeScript face of the order client the example suites test (order-client.cjs), typed.
export interface Order {
  id: number
  status: 'open' | 'shipped' | 'cancelled'
  lines: Array<{ sku: string; qty: number }>
}

export class TypedOrderClient {
  constructor(private readonly baseUrl: string) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`)
    return (await res.json()) as T
  }

  getOrder(id: number): Promise<Order> {
    return this.request<Order>('GET', `/orders/${id}`)
  }

  createOrder(lines: Order['lines']): Promise<Order> {
    return this.request<Order>('POST', '/orders', { lines })
  }

  hero(episode: string): Promise<{ data: { hero: { name: string } } }> {
    return this.request('POST', '/graphql', {
      operationName: 'Hero',
      query: 'query Hero($episode: String) { hero(episode: $episode) { name } }',
      variables: { episode },
    })
  }
}
