import { ContractError } from '../../electron/contract/errors'

/** The Chinese message to show for a failed call; main already wrote it for people. */
export function errorMessage(e: unknown): string {
  if (e instanceof ContractError) return e.message
  if (e instanceof Error) return `操作失败：${e.message}`
  return `操作失败：${String(e)}`
}

/**
 * A refusal the desk answers by reading the record again: someone saved it first (stale_record), or
 * the line went during the save's last step and only the ledger knows whether it was saved.
 * What was typed stays; 刷新 shows the record as it now stands.
 */
export function needsRefresh(e: unknown): boolean {
  return e instanceof ContractError && (e.code === 'stale_record' || e.code === 'connection_lost_at_commit')
}
