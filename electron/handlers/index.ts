import { appInfo } from './app-info'
import type { Handlers } from './types'

// One handler per contract entry, same key. Annotated (not `satisfies`) so callers index it
// with the wide Handlers type.
export const handlers: Handlers = {
  'app-info': appInfo,
}
