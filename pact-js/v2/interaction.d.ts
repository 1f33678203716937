import type { GraphQLVariables } from '../common/graphql'
import type { HTTPMethod, HTTPMethods } from '../common/request'
import type { AnyTemplate, MatcherV2 } from './matchers'

interface QueryObject {
  [name: string]: string | MatcherV2<string> | string[]
}
export type Query = string | QueryObject
export type Headers = {
  [header: string]: string | MatcherV2<string> | (MatcherV2<string> | string)[]
}
export interface RequestOptions {
  method: HTTPMethods | HTTPMethod
  path: string | MatcherV2<string>
  query?: Query
  headers?: Headers
  body?: AnyTemplate
}
export interface ResponseOptions {
  status: number
  headers?: Headers
  body?: AnyTemplate
}
export interface InteractionObject {
  state: string | undefined
  uponReceiving: string
  withRequest: RequestOptions
  willRespondWith: ResponseOptions
}
export interface InteractionState {
  providerState?: string
  description?: string
  request?: RequestOptions
  response?: ResponseOptions
}
export interface InteractionStateComplete {
  providerState?: string
  description: string
  request: RequestOptions
  response: ResponseOptions
}
/** The V2 interaction builder, for PactV2.addInteraction. */
export declare class Interaction {
  state: InteractionState
  given(providerState: string): this
  uponReceiving(description: string): this
  withRequest(requestOpts: RequestOptions): this
  willRespondWith(responseOpts: ResponseOptions): this
  json(): InteractionStateComplete
}
export declare const interactionToInteractionObject: (interaction: InteractionStateComplete) => InteractionObject
/** A V2 interaction for a GraphQL operation (POST, JSON, the query matched ignoring whitespace). */
export declare class GraphQLInteraction extends Interaction {
  protected operation?: string | null
  protected variables?: GraphQLVariables
  protected query: string
  withOperation(operation: string | null): this
  withVariables(variables: GraphQLVariables): this
  withQuery(query: string): this
  withMutation(mutation: string): this
  json(): InteractionStateComplete
  private queryOrMutation
}
/** A GraphQLInteraction with Apollo's defaults (variables {}, operationName null). */
export declare class ApolloGraphQLInteraction extends GraphQLInteraction {
  constructor()
}
export {}
