import type { z } from 'zod'
import { call, type AnyCallSpec, type ApiOf, type RawApiOf, type ResultOf } from './define'
import type { AppInfo } from './results'
import { noInput } from './schemas'

// The one list of calls between renderer and main. Keys are 'domain-verb' in kebab case; the
// renderer calls them as camelCase methods ('issue-assign' → api.issueAssign). Each entry needs a
// handler in electron/handlers/index.ts, which the type checker enforces.
// This file is imported by the renderer for its types: import only zod, ./ siblings and
// type-only db/types.ts here.

export const contract = {
  'app-info': call(noInput).returns<AppInfo>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>

export type Contract = typeof contract
export type ContractKey = keyof Contract
// Indexed access rather than InputOf<>, so generic code over K still sees zod's own types.
export type ContractInput<K extends ContractKey> = z.input<Contract[K]['input']>
export type ContractParsedInput<K extends ContractKey> = z.output<Contract[K]['input']>
export type ContractResult<K extends ContractKey> = ResultOf<Contract[K]>
export type RawApi = RawApiOf<Contract>
export type Api = ApiOf<Contract>

export type { AppInfo } from './results'
export type { Envelope, CallFailure } from './define'
