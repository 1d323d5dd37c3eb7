// `ledger migrate` and `ledger grant-app-role`: the owner's steps that set the ledger up on the
// server (or upgrade it) and give a desk account its rights.
import { openServerLedger } from '../../../db/core/open-server'
import { grantDeskRole } from '../../../db/core/server-roles'
import { need, serverUrl } from './common'
import { type Command } from './flags'

export const migrateCommand: Command = async (values) => {
  const url = serverUrl(values.pg)
  const server = await openServerLedger(url, { maintenance: true })
  try {
    const { rows } = await server.pool.query<{ name: string }>('select name from ledger_migration order by name desc limit 1')
    process.stdout.write(
      `台账服务器 ${server.database} 上的台账已是最新版本（${rows[0]?.name ?? ''}）。请运行 grant-app-role 为窗口账号授权。\n`,
    )
  } finally {
    await server.close()
  }
  return 0
}

export const grantAppRoleCommand: Command = async (values) => {
  const url = serverUrl(values.pg)
  const role = need(values.role, '--role')
  const server = await openServerLedger(url, { maintenance: true })
  const client = await server.pool.connect()
  try {
    await grantDeskRole(client, role, server.database)
    process.stdout.write(`已为窗口账号 ${role} 授权：台账的表可读写，审计日志等只能追加的表只可读和追加。\n`)
  } finally {
    client.release()
    await server.close()
  }
  return 0
}
