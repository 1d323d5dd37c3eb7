// `npm run dev:web`: the app in a browser on a machine without the Electron binary.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startBridge } from './server'

const { values } = parseArgs({
  options: { ledger: { type: 'string', default: 'preview.sqlite' }, port: { type: 'string', default: '5199' } },
})
const ledgerFile = path.resolve(values.ledger)
const bridge = await startBridge({ ledgerFile, port: Number(values.port) })
process.stdout.write(`浏览器预览已启动：${bridge.url}\n台账文件：${ledgerFile}\n按 Ctrl+C 结束\n`)
process.on('SIGINT', () => {
  void bridge.close().then(() => process.exit(0))
})
