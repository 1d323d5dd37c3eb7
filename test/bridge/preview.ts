// `npm run dev:web`: the app in a browser on a machine without the Electron binary.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeServer } from '../../db/core/open-server'
import { startBridge } from './server'
import { commandLineKeys } from '../../tools/cli/passphrase'
import { PG_ENV } from '../../tools/cli/server-address'

async function askPassphrase(): Promise<string> {
  const keys = await commandLineKeys({ file: undefined, env: {} }, (message) => new Error(message))
  return keys.passphrase() ?? ''
}

const { values } = parseArgs({
  options: {
    ledger: { type: 'string' },
    // A server ledger, as a desk opens it: `--pg postgres://…` or the environment variable LEDGER_PG.
    pg: { type: 'string' },
    port: { type: 'string', default: '5199' },
  },
})
const fromEnv = process.env[PG_ENV] !== undefined && process.env[PG_ENV] !== '' ? process.env[PG_ENV] : undefined
if (values.ledger !== undefined && (values.pg !== undefined || fromEnv !== undefined)) {
  process.stderr.write(`--ledger 与 --pg（或环境变量 ${PG_ENV}）只能给一个：台账要么是本地文件，要么在服务器上\n`)
  process.exit(2)
}
const server = values.pg ?? fromEnv
if (server !== undefined) {
  // The password is never printed: the server is named as host:port/database.
  const bridge = await startBridge({ server, port: Number(values.port), keys: { sealer: null, passphrase: () => null } }).catch(
    (e: unknown) => {
      process.stderr.write(`无法打开台账服务器 ${describeServer(server)}：${e instanceof Error ? e.message : String(e)}\n`)
      process.exit(1)
    },
  )
  process.stdout.write(`浏览器预览已启动：${bridge.url}\n台账服务器：${describeServer(server)}\n按 Ctrl+C 结束\n`)
  process.on('SIGINT', () => {
    void bridge.close().then(() => process.exit(0))
  })
} else {
  const ledgerFile = path.resolve(values.ledger ?? 'preview.sqlite')
  // The preview has no safeStorage: its ledger's recovery passphrase is LEDGER_PASSPHRASE, asked for if unset.
  const passphrase = process.env['LEDGER_PASSPHRASE'] ?? (await askPassphrase())
  const bridge = await startBridge({ ledgerFile, port: Number(values.port), keys: { sealer: null, passphrase: () => passphrase } })
  process.stdout.write(`浏览器预览已启动：${bridge.url}\n台账文件：${ledgerFile}\n按 Ctrl+C 结束\n`)
  process.on('SIGINT', () => {
    void bridge.close().then(() => process.exit(0))
  })
}
