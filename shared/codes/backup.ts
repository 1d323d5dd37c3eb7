import { codeList, type CodeOf } from './define'

export const backupKind = codeList({
  daily: '每日自动备份',
  manual: '手动备份',
  'pre-migration': '升级前自动备份',
  'pre-restore': '恢复前保留的台账',
  damaged: '损坏的台账（保留备查）',
})
export type BackupKind = CodeOf<typeof backupKind>
