import { call, type AnyCallSpec } from '../define'
import type { AppInfo } from '../results'
import { noInput } from './common'

export const appCalls = {
  'app-info': call(noInput).returns<AppInfo>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
