import { LedgerError } from '../../db/core/errors'
import type { AppState, SaveFilter } from './types'

// Main supplies the destination through state.chooseSavePath (the system save dialog in the app,
// a temp path in tests); handlers never import electron. Every check that can refuse runs before
// the dialog, so nobody picks a file only to be refused.

export const XLSX: SaveFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]
export const CSV: SaveFilter[] = [{ name: 'CSV（逗号分隔）', extensions: ['csv'] }]

export async function chooseSavePath(state: AppState, suggestedName: string, filters: SaveFilter[]): Promise<string | null> {
  if (!state.chooseSavePath) {
    throw new LedgerError('unavailable', '当前环境无法选择保存位置，请在桌面程序中导出，或使用命令行 npm run ledger -- export')
  }
  return state.chooseSavePath(suggestedName, filters)
}
