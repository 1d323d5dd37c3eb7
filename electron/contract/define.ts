import type { z } from 'zod'

// Never assigned at runtime: the symbol only carries the result type from the contract to
// preload, renderer and handlers, so the wire format stays the plain input schema.
declare const resultType: unique symbol

/** One call across the process boundary: its input schema and (type-only) its result. */
export interface CallSpec<I extends z.ZodType, R> {
  readonly input: I
  readonly [resultType]?: R
}

export type AnyCallSpec = CallSpec<z.ZodType, unknown>

/**
 * Declares one contract entry: `call(schema).returns<Session[]>()`.
 * Curried because TypeScript cannot infer the schema while the result type is written out.
 */
export function call<I extends z.ZodType>(input: I): { returns<R>(): CallSpec<I, R> } {
  return { returns: () => ({ input }) }
}

/** What the renderer sends (before zod defaults and transforms). */
export type InputOf<S> = S extends CallSpec<infer I, unknown> ? z.input<I> : never
export type ResultOf<S> = S extends CallSpec<z.ZodType, infer R> ? R : never

export interface CallFailure {
  code: string
  message: string
}

/** What crosses IPC: errors travel as data because Electron strips custom Error fields. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: CallFailure }

/** 'issue-assign' → 'issueAssign'. */
export type MethodName<K extends string> = K extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<MethodName<Tail>>}` : K

export function methodName<K extends string>(channel: K): MethodName<K>
export function methodName(channel: string): string {
  return channel.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
}

/** What preload exposes as window.api: every failure comes back as an envelope. */
export type RawApiOf<C> = {
  [K in keyof C & string as MethodName<K>]: (input: InputOf<C[K]>) => Promise<Envelope<ResultOf<C[K]>>>
}

/** What renderer code calls: failures are thrown as ContractError. */
export type ApiOf<C> = {
  [K in keyof C & string as MethodName<K>]: (input: InputOf<C[K]>) => Promise<ResultOf<C[K]>>
}
