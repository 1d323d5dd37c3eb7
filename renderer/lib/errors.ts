import { ContractError } from '../../electron/contract/errors'

/** The Chinese message to show for a failed call; main already wrote it for people. */
export function errorMessage(e: unknown): string {
  if (e instanceof ContractError) return e.message
  if (e instanceof Error) return `操作失败：${e.message}`
  return `操作失败：${String(e)}`
}
