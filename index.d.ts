// Types of the package entry (index.js): everything of the generated binding (binding.d.ts)
// plus what index.js adds in JavaScript.

import type {
  MismatchResult,
  MockServer,
  MockServerOptions,
  ReifiedMessage,
  ReifiedSynchronousMessage,
} from './binding'

export * from './binding'

/** Options of `executeTest`: the server's, plus where and how to write the pact file. */
export interface ExecuteTestOptions extends MockServerOptions {
  /** Directory of the pact file (default "./pacts"). */
  dir?: string
  /** Replace the pact file instead of merging into it (default false). */
  overwrite?: boolean
}

/** Options of a message's `executeTest`: where and how to write the pact file. */
export interface MessageTestOptions {
  /** Directory of the pact file (default "./pacts"). */
  dir?: string
  /** Replace the pact file instead of merging into it (default false). */
  overwrite?: boolean
}

/** What a failed `executeTest` rejects with when requests did not match. */
export interface PactMismatchError extends Error {
  code: 'PACT_MISMATCH'
  /** Every mismatch, as `MockServer.mismatches()` gives them. */
  mismatches: MismatchResult[]
}

declare module './binding' {
  interface MockServer {
    /** What went wrong, in libpact_ffi's shapes: mismatches in arrival order, then the
     * expected requests that never arrived. */
    mismatches(): MismatchResult[]
  }
  interface Pact {
    /**
     * Starts a mock server, runs `fn` with it and then: when every expected request arrived
     * and nothing else did, writes the pact file into `dir` (default "./pacts") and resolves
     * with `fn`'s value; otherwise rejects with a `PactMismatchError` listing every mismatch
     * (objects in `.mismatches`). When `fn` throws or rejects, rejects with that error
     * (mismatches attached as `.mismatches`) and writes nothing. The server is always stopped,
     * and the pact starts the next test with no interactions (as in pact-js).
     */
    executeTest<T>(fn: (server: MockServer) => T | Promise<T>, options?: ExecuteTestOptions): Promise<Awaited<T>>
  }
  interface Message {
    /**
     * Reifies the message (example values, generators applied), runs `handler` with it and
     * then: when the handler returns or resolves, merges the message into
     * `<dir>/<consumer>-<provider>.json` (default dir "./pacts") and resolves with the
     * handler's value; when it throws or rejects, drops the message (it is never written)
     * and rejects with that error. Either way the message is used up.
     */
    executeTest<T>(handler: (message: ReifiedMessage) => T | Promise<T>, options?: MessageTestOptions): Promise<Awaited<T>>
  }
  interface SynchronousMessage {
    /**
     * As `Message.executeTest`: the handler gets the request and every response, reified.
     */
    executeTest<T>(
      handler: (message: ReifiedSynchronousMessage) => T | Promise<T>,
      options?: MessageTestOptions,
    ): Promise<Awaited<T>>
  }
}
