import type { z } from 'zod'
import { LedgerError } from '../../db/core/errors'
import { maskFreeText, maskPersonalData } from '../../db/privacy/mask'
import { contract, type ContractInput, type ContractKey, type ContractParsedInput, type ContractResult } from '../contract'
import type { CallFailure, Envelope } from '../contract/define'
import { RESTORING_MESSAGE, throughGate } from './call-gate'
import { handlers } from './index'
import { describeInputError, inputIssueMessage } from './input-messages'
import { markActive, refreshOperator } from './on-duty'
import type { AppState, Handler } from './types'

// The contract seen as a mapped type: indexing it with a generic K keeps K, so the parsed input
// provably matches Handler<K>. Indexing `contract` itself widens to the union of every entry.
type InputSchemas = {
  [K in ContractKey]: { readonly input: z.ZodType<ContractParsedInput<K>, ContractInput<K>> }
}
const inputSchemas: InputSchemas = contract

function failure(code: string, message: string): { ok: false; error: CallFailure } {
  return { ok: false, error: { code, message } }
}

// Object.hasOwn, not `in`: '__proto__' or 'constructor' from a renderer must not look like calls.
export function isContractKey(channel: string): channel is ContractKey {
  return Object.hasOwn(contract, channel)
}

// Signing in or asking who is signed in must work right after an automatic sign-out.
const ANSWERED_AFTER_SIGN_OUT: readonly string[] = ['operator-select', 'app-info']

// Progress polls read only a running job's counters, never the ledger: they must answer while a
// year export's snapshot or an import's transaction holds the ledger's one connection.
const PROGRESS_POLLS: readonly string[] = ['export-progress', 'import-progress']

async function run<K extends ContractKey>(state: AppState, channel: K, rawInput: unknown): Promise<Envelope<ContractResult<K>>> {
  const ended = PROGRESS_POLLS.includes(channel) ? (markActive(state), null) : await refreshOperator(state)
  // The call was meant to be made by the person who is no longer signed in: not made for anyone else.
  if (ended !== null && !ANSWERED_AFTER_SIGN_OUT.includes(channel)) return failure('signed_out', ended)
  const parsed = await inputSchemas[channel].input.safeParseAsync(rawInput, { error: inputIssueMessage })
  if (!parsed.success) return failure('invalid_input', describeInputError(parsed.error))
  const handler: Handler<K> = handlers[channel]
  return { ok: true, data: await handler(state, parsed.data) }
}

// The calls whose purpose is a number in full (db/privacy/reveal.ts): a supervisor's audited
// reveal, and the number a callback is made to, for whoever makes it (audited as 回访).
const SHOWS_IN_FULL: ReadonlySet<ContractKey> = new Set(['visitor-reveal', 'callback-reveal-phone'])

/**
 * The one way a call from outside reaches a handler: IPC in the app, the bridge in tests. Never
 * throws. Whatever a handler answers, phone and ID numbers typed into free text leave masked.
 */
export async function dispatch(state: AppState, channel: string, rawInput: unknown): Promise<Envelope<unknown>> {
  if (!isContractKey(channel)) return failure('unknown_call', `未知的调用：${channel}`)
  try {
    const envelope = await throughGate(state, () => run(state, channel, rawInput))
    if (envelope === null) return failure('restoring', RESTORING_MESSAGE)
    return envelope.ok && !SHOWS_IN_FULL.has(channel) ? { ok: true, data: maskPersonalData(envelope.data) } : envelope
  } catch (e) {
    // A refusal may quote what was typed: masked like any answer.
    if (e instanceof LedgerError) return failure(e.code, maskFreeText(e.message))
    console.error(`[${channel}]`, e)
    return failure('internal', `内部错误：${e instanceof Error ? e.message : String(e)}`)
  }
}
