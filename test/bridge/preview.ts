// `npm run dev:web`: the app in a browser on a machine without the Electron binary.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startBridge } from './server'
import { commandLineKeys } from '../../tools/cli/passphrase'

async function askPassphrase(): Promise<string> {
  const keys = await commandLineKeys({ file: undefined, env: {} }, (message) => new Error(message))
  return keys.passphrase() ?? ''
}

const { values } = parseArgs({
  options: { ledger: { type: 'string', default: 'preview.sqlite' }, port: { type: 'string', default: '5199' } },
})
const ledgerFile = path.resolve(values.ledger)
// The preview has no safeStorage: its ledger's recovery passphrase is LEDGER_PASSPHRASE, asked for if unset.
const passphrase = process.env['LEDGER_PASSPHRASE'] ?? (await askPassphrase())
const bridge = await startBridge({ ledgerFile, port: Number(values.port), keys: { sealer: null, passphrase: () => passphrase } })
process.stdout.write(`浏览器预览已启动：${bridge.url}\n台账文件：${ledgerFile}\n按 Ctrl+C 结束\n`)
process.on('SIGINT', () => {
  void bridge.close().then(() => process.exit(0))
})
