import { contract } from '../contract'
import { methodName, type Envelope } from '../contract/define'
import { dispatch, isContractKey } from './dispatch'
import { handlers } from './index'
import type { AppState, Handlers } from './types'

export type Invoke = (rawInput: unknown) => Promise<Envelope<unknown>>
export type Register = (channel: string, invoke: Invoke) => void

const CHANNEL_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/

/** Wraps a transport's register so a channel registered twice stops the app at start. */
export function rejectDuplicates(register: Register): Register {
  const seen = new Set<string>()
  return (channel, invoke) => {
    if (seen.has(channel)) throw new Error(`调用 ${channel} 重复注册`)
    seen.add(channel)
    register(channel, invoke)
  }
}

/** Every contract entry needs a handler and a well-formed, unambiguous name. */
export function assertComplete(table: Partial<Handlers>): void {
  const methods = new Map<string, string>()
  for (const channel of Object.keys(contract).filter(isContractKey)) {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`调用名 ${channel} 不符合“领域-动作”的小写连字符格式`)
    const method = methodName(channel)
    const clash = methods.get(method)
    if (clash) throw new Error(`调用 ${clash} 与 ${channel} 对应同一个方法名 ${method}`)
    methods.set(method, channel)
    if (typeof table[channel] !== 'function') throw new Error(`调用 ${channel} 没有处理函数`)
  }
  for (const channel of Object.keys(table)) {
    if (!Object.hasOwn(contract, channel)) throw new Error(`处理函数 ${channel} 不在调用清单中`)
  }
}

/** Hands every contract channel to the transport (ipcMain in the app, a bridge in tests). */
export function registerAll(register: Register, state: AppState): void {
  assertComplete(handlers)
  for (const channel of Object.keys(contract)) {
    register(channel, (rawInput) => dispatch(state, channel, rawInput))
  }
}
