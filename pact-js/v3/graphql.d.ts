import type { GraphQLDocument, GraphQLVariables } from '../common/graphql'
import type { JsonMap } from '../common/jsonTypes'
import { PactV3 } from './pact'
import type { V3Request, V3Response } from './types'

export declare class GraphQLPactV3 extends PactV3 {
  private operation?
  private variables?
  private query
  private req?
  given(providerState: string, parameters?: JsonMap): GraphQLPactV3
  uponReceiving(description: string): GraphQLPactV3
  withOperation(operation: string): GraphQLPactV3
  withVariables(variables: GraphQLVariables): GraphQLPactV3
  /** The query (whitespace does not matter; checked when the graphql package is installed). */
  withQuery(query: string | GraphQLDocument): GraphQLPactV3
  withMutation(mutation: string | GraphQLDocument): GraphQLPactV3
  /** The method and path (the body comes from the query, operation and variables). */
  withRequest(req: V3Request): GraphQLPactV3
  willRespondWith(res: V3Response): GraphQLPactV3
  addInteraction(): GraphQLPactV3
  withRequestBinaryFile(): PactV3
  withRequestMultipartFileUpload(): PactV3
}
