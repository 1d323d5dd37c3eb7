// `ledger migrate-to-pg` and `ledger export-local`: the whole ledger moved from a local file onto
// the ledger server, and copied from the server back into a local file; `ledger files-to-pg`: the
// files on issues an earlier version's move left behind, carried over from the same file.
import fs from 'node:fs'
import { filesFolderOf } from '../../../db/attachments/store'
import { ledgerVersion } from '../../../db/core/open'
import { openServerLedger } from '../../../db/core/open-server'
import { latestMigration } from '../../../db/migrations'
import { carryMissingFiles } from '../../../db/move/files'
import { exportToLocal } from '../../../db/move/to-local'
import { moveToServer } from '../../../db/move/to-server'
import { commandLineKeys } from '../passphrase'
import { commandLine, context, keysFor, need, openExisting, READ_ONLY, serverUrl } from './common'
import { usage, UsageError, type Command } from './flags'

export const migrateToPgCommand: Command = async (values) => {
  const file = need(values.db, '--db')
  const url = serverUrl(values.pg)
  const local = await openExisting(file, await keysFor(values, [file], false), READ_ONLY)
  try {
    if (ledgerVersion(local.sqlite) !== latestMigration) {
      throw new UsageError(
        `台账文件的数据版本（${ledgerVersion(local.sqlite)}）不是本软件的最新版本（${latestMigration}）：请先用本软件打开一次（升级）再迁移`,
      )
    }
    const moved = await moveToServer(local, url, { actor: commandLine, now: () => new Date() })
    process.stdout.write(
      `已迁入台账服务器 ${moved.where}：${moved.tables} 张表 ${moved.rows} 条记录、附件文件 ${moved.files} 个，条数、数字、审计链（${moved.auditRows} 条）与记录状态核对一致\n`,
    )
  } finally {
    await local.close()
  }
  return 0
}

export const exportLocalCommand: Command = async (values) => {
  const url = serverUrl(values.pg)
  if (values.db !== undefined) throw new UsageError('export-local 用 --out 给出本地文件，不用 --db')
  const out = need(values.out, '--out')
  if (fs.existsSync(out)) throw new UsageError(`文件已存在：${out}（导出的本地副本不覆盖已有文件）`)
  const keys = await commandLineKeys({ file: values['passphrase-file'], env: process.env }, usage)
  const server = await openServerLedger(url, { maintenance: true })
  try {
    const made = await exportToLocal(server, out, keys, () => new Date())
    process.stdout.write(
      `已导出本地台账：${made.file}（${made.tables} 张表 ${made.rows} 条记录，审计链 ${made.auditRows} 条；条数、数字、审计链与记录状态核对一致，以恢复口令加密）\n`,
    )
    if (made.files > 0) process.stdout.write(`附件文件 ${made.files} 个在 ${filesFolderOf(made.file)}（加密），请与台账文件一起保管\n`)
    if (made.fileProblems.length > 0) {
      process.stderr.write(
        `注意：服务器上有 ${made.fileProblems.length} 个附件文件缺失或内容已被改动，副本中也没有：${made.fileProblems.slice(0, 5).join('，')}（check --pg 列出全部）\n`,
      )
    }
  } finally {
    await server.close()
  }
  return 0
}

export const filesToPgCommand: Command = async (values) => {
  const file = need(values.db, '--db')
  const url = serverUrl(values.pg)
  const local = await openExisting(file, await keysFor(values, [file], false), READ_ONLY)
  try {
    const server = await openServerLedger(url, { maintenance: true })
    try {
      const { carried, problems } = await carryMissingFiles(context(server), local)
      process.stdout.write(`已从 ${file} 补迁附件文件 ${carried} 个到台账服务器 ${server.database}\n`)
      if (problems.length === 0) {
        process.stdout.write('服务器上各附件的文件齐全且未被改动\n')
        return 0
      }
      process.stderr.write(
        `仍有 ${problems.length} 个附件的文件缺失或内容已被改动（本地文件旁也没有可用的）：${problems.slice(0, 5).join('；')}（check --pg 列出全部）\n`,
      )
      return 1
    } finally {
      await server.close()
    }
  } finally {
    await local.close()
  }
}
