// npm run bench:encryption: only the encryption rows (bench/encryption.ts, and a 2 MB file on an issue) on a smaller ledger,
// for a quick look without the whole benchmark: `tsx bench/encryption-only.ts [--scale 0.1]`.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLedger } from '../db/core/open'
import { encryptForBench, measureAttachmentSealing, measureEncryption } from './encryption'
import { generateLedger } from './generate'
import { recorder, type Measuring } from './measure'

const args = process.argv.slice(2)
const scaleArg = args.indexOf('--scale')
const SCALE = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 0.1
const { record } = recorder()
const measuring: Measuring = { quick: false, runs: (n) => n, record }
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-enc-'))
const file = path.join(workDir, 'ledger.sqlite')
const plainFile = path.join(workDir, 'unencrypted.sqlite')
try {
  const ledger = await openLedger(file)
  const made = await generateLedger(ledger, { scale: SCALE })
  ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await ledger.close()
  const fileMb = fs.statSync(file).size / 1e6
  process.stdout.write(`${SCALE}× ledger, ${fileMb.toFixed(1)} MB\n`)
  fs.copyFileSync(file, plainFile)
  await (await encryptForBench(measuring, file, fileMb)).close()
  let tick = new Date(`${made.today}T09:00:00`).getTime()
  await measureEncryption(measuring, { encrypted: file, plain: plainFile }, made, () => new Date((tick += 1000)))
  await measureAttachmentSealing(measuring, { encrypted: file, plain: plainFile }, made, () => new Date((tick += 1000)))
} finally {
  fs.rmSync(workDir, { recursive: true, force: true })
}
