// The code under test of the pact-js style example suites: a small HTTP client of an order
// service, written the way consumer code is (fetch, no knowledge of Pact).
'use strict'

class OrderClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl
  }

  async request(method, path, { body, headers = {} } = {}) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Accept: 'application/json', ...headers },
      body,
    })
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`)
    const type = res.headers.get('content-type') ?? ''
    if (type.includes('json')) return res.json()
    return res.text()
  }

  getOrder(id) {
    return this.request('GET', `/orders/${id}`)
  }

  listOrders(status) {
    return this.request('GET', `/orders?status=${encodeURIComponent(status)}`)
  }

  createOrder(order) {
    return this.request('POST', '/orders', { body: JSON.stringify(order), headers: { 'Content-Type': 'application/json' } })
  }

  cancelOrder(id) {
    return this.request('DELETE', `/orders/${id}`)
  }

  uploadInvoice(id, csv) {
    const form = new FormData()
    form.append('invoice', new Blob([csv], { type: 'text/plain' }), 'invoice.txt')
    return this.request('POST', `/orders/${id}/invoice`, { body: form })
  }

  getOrderXml(id) {
    return this.request('GET', `/orders/${id}`, { headers: { Accept: 'application/xml' } })
  }

  graphql(query, variables, operationName) {
    return this.request('POST', '/graphql', {
      body: JSON.stringify({ operationName, query, variables }),
      headers: { 'Content-Type': 'application/json' },
    })
  }
}

module.exports = { OrderClient }
