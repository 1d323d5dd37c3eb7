import { ledgerVersion } from '../../db/core/open'
import type { AppInfo } from '../contract'
import type { AppState } from './types'

export async function appInfo(state: AppState): Promise<AppInfo> {
  const { operator } = state
  return {
    version: state.appVersion,
    ledgerFile: state.ledger.file,
    schemaVersion: ledgerVersion(state.ledger.sqlite),
    // An actor without a staff id is the system placeholder used before anyone is chosen.
    operator: operator.id === null ? null : { id: operator.id, name: operator.name, role: operator.role },
  }
}
