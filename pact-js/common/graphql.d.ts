export declare class ConfigurationError extends Error {}
export declare class GraphQLQueryError extends Error {}
export declare enum OperationType {
  Mutation = 'Mutation',
  Query = 'Query',
}
export interface GraphQLVariables {
  [name: string]: unknown
}
/**
 * A parsed GraphQL document (a `DocumentNode` of the `graphql` package, as `gql` returns it),
 * typed structurally so that these types do not need `graphql` installed.
 */
export interface GraphQLDocument {
  readonly kind: string
  readonly loc?: unknown
}
