// Run as a child process: the app's own way of opening its ledger (electron/main/open-ledger.ts,
// which needs no Electron), held until stdin ends, as the app holds it while its window is open.
import { openChosenLedger } from '../../electron/main/open-ledger'
import { testKeys } from './keys'

const [file = ''] = process.argv.slice(2)
let open = true
process.stdin.on('end', () => (open = false))
process.stdin.resume()
try {
  const opened = await openChosenLedger({ file, isDefault: false }, async () => false, { keys: testKeys() })
  process.stdout.write('ready\n')
  while (open) await new Promise((resolve) => setTimeout(resolve, 20))
  await opened.ledger.close()
  opened.hold.release()
  process.stdout.write('closed\n')
} catch (e) {
  process.stdout.write(`refused ${e instanceof Error ? e.message.replaceAll('\n', ' ') : String(e)}\n`)
}
