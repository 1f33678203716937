// Compile-only: pact-js consumer code over the whole consumer surface (HTTP and messages), written against
// '@pact-foundation/pact'. `tsc --strict` checks it twice: against pact-js's own types
// (tsconfig.reference.json) and with the import mapped to pact-mock-server-ffi/pact-js
// (tsconfig.drop-in.json), so whatever compiles against pact-js compiles against the drop-in.
import path from 'node:path'
import {
  ApolloGraphQLInteraction,
  type ConcreteMessage,
  ConfigurationError,
  GraphQLInteraction,
  GraphQLPactV3,
  GraphQLQueryError,
  HTTPResponseStatusClass,
  Interaction,
  type InteractionObject,
  type InterfaceToTemplate,
  type LogLevel,
  type Matcher,
  Matchers,
  MatchersV2,
  MatchersV3,
  type Message,
  type MessageConsumer,
  type MessageConsumerOptions,
  MessageConsumerPact,
  type Metadata,
  type MockService,
  OperationType,
  Pact,
  type PactOptions,
  type PactV2Options,
  type PactV3Options,
  PactV2,
  PactV3,
  PactV4,
  type PactfileWriteMode,
  type ProviderState,
  type Rules,
  SpecificationVersion,
  SynchronousMessageWithResponse,
  SynchronousMessageWithResponseBuilder,
  UnconfiguredSynchronousMessage,
  type TemplateHeaders,
  type TemplateQuery,
  type V3Interaction,
  type V3MockServer,
  type V3Request,
  type V3Response,
  type V4MessageConsumer,
  XmlBuilder,
  type XmlElement,
  asynchronousBodyHandler,
  interactionToInteractionObject,
  synchronousBodyHandler,
  v4AsynchronousBodyHandler,
  v4SynchronousBodyHandler,
} from '@pact-foundation/pact'

const { like, eachLike, integer, string, regex, uuid, datetime, matchStatus, email, reify } = MatchersV3
const dir = path.resolve(process.cwd(), 'pacts')
const level: LogLevel = 'warn'

interface User {
  id: number
  name: string
}

export async function v4(): Promise<User | undefined> {
  const options: PactOptions = { consumer: 'App', provider: 'Users', dir, logLevel: level, spec: SpecificationVersion.SPECIFICATION_VERSION_V4 }
  const pact = new Pact(options)
  const headers: TemplateHeaders = { Accept: 'application/json', 'X-List': ['a', regex('b+', 'bb')] }
  const query: TemplateQuery = { page: '1', ids: ['1', integer(2)] }
  const rules: Rules = { body: [{ path: '$.id', rules: [integer(1)] }], header: { path: 'X-List', rules: [like('a')] } }
  pact
    .addInteraction()
    .given('a user', { id: 1 })
    .uponReceiving('a user request')
    .pending()
    .comment('a comment')
    .comment({ key: 'k', value: 'v' })
    .testName('test')
    .reference('group', 'name', 'value')
    .withRequest('POST', regex('/users/\\d+', '/users/1'), (builder) => {
      builder.query(query).headers(headers).jsonBody({ name: string('Ada') }).matchingRules(rules)
    })
    .willRespondWith(matchStatus(200, HTTPResponseStatusClass.Success), (builder) => {
      builder.headers({ 'Content-Type': 'application/json' }).jsonBody(like({ id: integer(1), name: string('Ada') }))
    })
  new PactV4({ consumer: 'A', provider: 'B' })
    .addInteraction()
    .uponReceiving('xml and binary')
    .withRequest('PUT', '/x', (b) => b.xmlBody(new XmlBuilder('1.0', 'UTF-8', 'r').build((el: XmlElement) => el.appendText('t'))).body('image/png', Buffer.from([1])))
    .willRespondWith(201, (b) => b.binaryFile('image/png', 'x.png').multipartBody('text/plain', 'a.txt', 'file', 'boundary'))
  pact
    .addGraphQLInteraction()
    .given('heroes')
    .uponReceiving('a query')
    .withOperation('Hero')
    .withVariables({ id: 1 })
    .withRequest('POST', '/graphql', (b) => b.headers({ Authorization: 'Bearer x' }))
    .withQuery('query Hero { hero { name } }')
    .willRespondWith(200)
  const plugin = (): unknown =>
    pact
      .addInteraction()
      .usingPlugin({ plugin: 'protobuf', version: '0.3.0' })
      .withRequest('POST', '/p', (b) => b.pluginContents('application/protobuf', '{}'))
      .willRespondWith(200)
  void plugin
  return pact
    .addInteraction()
    .uponReceiving('get user')
    .withRequest('GET', '/users/1')
    .willRespondWith(200, (b) => b.jsonBody({ id: 1, name: 'Ada' }))
    .executeTest(async (mockServer): Promise<User> => {
      const port: number = mockServer.port
      const id: string = mockServer.id
      void port
      void id
      return (await fetch(`${mockServer.url}/users/1`)).json() as Promise<User>
    })
}

export async function v3(): Promise<void> {
  const options: PactV3Options = { consumer: 'App', provider: 'Users', dir, cors: true, port: 0, host: '127.0.0.1', tls: false }
  const pact = new PactV3(options)
  const request: V3Request = { method: 'GET', path: '/users', query: { q: 'a' }, headers: { Accept: 'application/json' } }
  const response: V3Response = { status: 200, body: eachLike({ id: integer(1), at: datetime("yyyy-MM-dd", '2024-01-01'), u: uuid() }) }
  const interaction: V3Interaction = { states: [{ description: 'users', parameters: { n: 2 } }], uponReceiving: 'users', withRequest: request, willRespondWith: response }
  pact.addInteraction(interaction)
  pact
    .given('a user', { id: 1 })
    .uponReceiving('binary')
    .withRequestBinaryFile(request, 'image/png', 'x.png')
    .withRequestMatchingRules(request, { path: { path: '$', rules: [regex('/users', '/users')] } })
    .withResponseMatchingRules(request, { body: { path: '$', rules: [like([])] } })
    .withRequestMultipartFileUpload(request, 'text/plain', 'a.txt', 'file')
    .willRespondWith(response)
    .withResponseBinaryFile(response, 'image/png', 'x.png')
    .withResponseMultipartFileUpload(response, 'text/plain', 'a.txt', 'file', 'b')
  await pact.executeTest(async (server: V3MockServer) => {
    await fetch(server.url)
  })
  const graph = new GraphQLPactV3(options)
  graph.given('s').uponReceiving('q').withQuery('{ a }').withOperation('A').withVariables({}).withRequest({ method: 'POST', path: '/g' }).willRespondWith({ status: 200 })
  const body = reify<{ id: number }>({ id: integer(1) })
  void body.id
  void email()
}

export async function v2(): Promise<void> {
  const mode: PactfileWriteMode = 'merge'
  const options: PactV2Options = { consumer: 'App', provider: 'Users', dir, spec: 2, pactfileWriteMode: mode, logLevel: 'error', cors: false, ssl: false }
  const provider = new PactV2(options)
  await provider.setup()
  const service: MockService = provider.mockService
  const obj: InteractionObject = {
    state: 'dogs',
    uponReceiving: 'dogs',
    withRequest: { method: 'GET', path: MatchersV2.term({ generate: '/dogs/1', matcher: '/dogs/\\d+' }), query: 'a=1', headers: { Accept: 'application/json' } },
    willRespondWith: { status: 200, body: MatchersV2.eachLike({ id: MatchersV2.integer(1), name: MatchersV2.somethingLike('Rex') }, { min: 2 }) },
  }
  await provider.addInteraction(obj)
  await provider.addInteraction(new Interaction().given('s').uponReceiving('i').withRequest({ method: 'GET', path: '/' }).willRespondWith({ status: 200 }))
  await provider.addInteraction(new GraphQLInteraction().uponReceiving('g').withRequest({ method: 'POST', path: '/g' }).withQuery('{ a }').withVariables({}).withOperation(null).willRespondWith({ status: 200 }))
  await provider.addInteraction(new ApolloGraphQLInteraction().uponReceiving('a').withRequest({ method: 'POST', path: '/g' }).withMutation('mutation { a }').willRespondWith({ status: 200 }))
  await fetch(service.baseUrl)
  await provider.verify()
  await provider.writePact()
  await provider.removeInteractions()
  await provider.finalize()
  const template: InterfaceToTemplate<User> = { id: MatchersV2.integer(1), name: 'Ada' }
  void template
  void interactionToInteractionObject(new Interaction().uponReceiving('x').withRequest({ method: 'GET', path: '/' }).willRespondWith({ status: 200 }).json())
}

export function errors(e: unknown): string {
  const m: Matcher<string> = Matchers.string('x')
  void m
  void OperationType.Query
  if (e instanceof ConfigurationError || e instanceof GraphQLQueryError) return e.message
  return String(e)
}

type OrderEvent = {
  id: number
  lines: { sku: string }[]
}

export async function messages(): Promise<void> {
  const handle = (event: OrderEvent): number => event.lines.length
  const options: MessageConsumerOptions = { consumer: 'Worker', provider: 'Orders', dir, spec: 3, logLevel: 'error', pactfileWriteMode: 'update' }
  const messagePact = new MessageConsumerPact(options)
  const state: ProviderState = { name: 'an order', params: { id: '1' } }
  const metadata: Metadata = { queue: regex('orders\\..*', 'orders.placed'), plain: 'v', v2: MatchersV2.term({ generate: 'a', matcher: 'a+' }) }
  const verified: unknown = await messagePact
    .given('orders exist')
    .given(state)
    .expectsToReceive('an order event')
    .withContent({ id: integer(1), lines: eachLike({ sku: string('A-1') }) })
    .withMetadata(metadata)
    .verify(synchronousBodyHandler<number, OrderEvent>(handle))
  void verified
  await messagePact.expectsToReceive('text').withTextContent('hello', 'text/plain').verify(asynchronousBodyHandler(async (body) => String(body)))
  await messagePact.expectsToReceive('binary').withBinaryContent(Buffer.from([1]), 'image/png').verify(async (m: ConcreteMessage) => {
    const contents: unknown = m.contents
    void contents
    void m.metadata
    void m.description
    void m.providerStates
  })
  const consumer: MessageConsumer = (m) => Promise.resolve(m.contents)
  void consumer
  const described: Message = messagePact.json()
  void described

  const pact = new PactV4({ consumer: 'Worker', provider: 'Orders', dir })
  const n: number | undefined = await pact
    .addAsynchronousInteraction()
    .given('an order', { id: 1 })
    .pending()
    .comment('a comment')
    .comment({ key: 'ticket', value: 'T-1' })
    .testName('the test')
    .reference('asyncapi', 'operationId', 'orderPlaced')
    .expectsToReceive('an order placed event', (builder) => {
      builder
        .withJSONContent({ id: integer(1), lines: eachLike({ sku: string('A-1') }) })
        .withMetadata({ queue: 'orders' })
        .withMatchingRules({ body: { path: '$.id', rules: [integer(1)] } })
        .withContent('application/xml', Buffer.from('<a/>'))
    })
    .executeTest(async (m) => {
      const content = m.contents.content
      void m.metadata.queue
      return Buffer.isBuffer(content) ? content.length : 0
    })
  void n
  const bodyHandler: V4MessageConsumer = v4SynchronousBodyHandler((body) => body)
  await pact.addAsynchronousInteraction().expectsToReceive('a body', (b) => b.withJSONContent({ a: 1 })).executeTest(bodyHandler)
  await pact
    .addAsynchronousInteraction()
    .expectsToReceive('another body', (b) => b.withJSONContent({ a: 1 }))
    .executeTest(v4AsynchronousBodyHandler(async (body) => body))
  const sync: UnconfiguredSynchronousMessage = pact.addSynchronousInteraction('a stock query') as UnconfiguredSynchronousMessage
  void sync
  const reply: string | undefined = await pact
    .addSynchronousInteraction('a price query')
    .given('prices', { sku: 'A-1' })
    .pending(false)
    .comment('sync')
    .testName('sync test')
    .reference('g', 'n', 'v')
    .withRequest((builder) => {
      builder.withJSONContent({ sku: string('A-1') }).withMatchingRules({ body: { path: '$.sku', rules: [like('x')] } })
      builder.withContent('application/octet-stream', Buffer.from([0]))
    })
    .withResponse((builder) => {
      builder.withJSONContent({ price: integer(3) }).withContent('text/plain', Buffer.from('3')).withMetadata({ status: 'ok' }).withMatchingRules({ body: [] })
    })
    .executeTest(async (m) => {
      const request: Buffer = m.Request.content as Buffer
      void request
      return String(m.Response[0].content)
    })
  void reply
  const executable: SynchronousMessageWithResponse | undefined = undefined
  const responseBuilder: SynchronousMessageWithResponseBuilder | undefined = undefined
  void executable
  void responseBuilder
  const plugin = (): unknown => pact.addSynchronousInteraction('p').usingPlugin({ plugin: 'protobuf', version: '0.3.0' }).withPluginContents('{}', 'application/protobuf')
  void plugin
  const asyncPlugin = (): unknown =>
    pact.addAsynchronousInteraction().usingPlugin({ plugin: 'protobuf', version: '0.3.0' }).expectsToReceive('p').withPluginContents('{}', 'application/protobuf')
  void asyncPlugin
}
