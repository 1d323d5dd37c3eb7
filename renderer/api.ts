import type { Api, CallFailure, Envelope, RawApi } from '../electron/contract'
import { ContractError } from '../electron/contract/errors'

function isFailure(value: unknown): value is CallFailure {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  return value.ok === true ? 'data' in value : 'error' in value && isFailure(value.error)
}

/** Fired when main answers that the person on duty was signed out (idle, or deactivated): lib/operator.tsx listens. */
export const SIGNED_OUT_EVENT = 'ledger:signed-out'

function unwrap(response: unknown): unknown {
  if (!isEnvelope(response)) throw new ContractError('bad_response', '程序内部通信异常：收到无法识别的回复')
  if (response.ok) return response.data
  if (response.error.code === 'signed_out') window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: response.error.message }))
  throw new ContractError(response.error.code, response.error.message)
}

function forwarder(raw: object, name: string): ((input: unknown) => Promise<unknown>) | undefined {
  const method: unknown = Object.hasOwn(raw, name) ? Reflect.get(raw, name) : undefined
  if (typeof method !== 'function') return undefined
  return async (input) => {
    inFlight += 1
    try {
      const response: unknown = await Reflect.apply(method, raw, [input])
      return unwrap(response)
    } finally {
      inFlight -= 1
      lastAnswerAt = performance.now()
    }
  }
}

let inFlight = 0
let lastAnswerAt = 0

/** Resolves once no call has been waiting on main for `ms` (checked every `ms`): the screen on show has what it asked for. */
export function whenQuiet(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (inFlight === 0 && performance.now() - lastAnswerAt >= ms) resolve()
      else window.setTimeout(check, ms)
    }
    window.setTimeout(check, ms)
  })
}

// The overload states the typed promise; the implementation only forwards by name, so the
// contract (through preload) decides which methods exist. window.api is read at call time
// because a test bridge may install it after this module loads.
function unwrappedApi(source: () => RawApi): Api
function unwrappedApi(source: () => object): object {
  return new Proxy(
    {},
    {
      // Unknown names stay undefined, so the object is never mistaken for a promise (`then`).
      get: (_target, name) => (typeof name === 'string' ? forwarder(source(), name) : undefined),
    },
  )
}

/** Typed calls into main; a refused or failed call throws ContractError with a Chinese message. */
export const api: Api = unwrappedApi(() => window.api)
