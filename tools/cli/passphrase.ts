import fs from 'node:fs'
import { looksEncrypted } from '../../db/keys/cipher'
import type { LedgerKeys } from '../../db/keys/keys'
import { PASSPHRASE_ENV } from './passphrase-argument'

// The command line has no safeStorage: it reaches a ledger's key with the recovery passphrase,
// given in one of three ways — never as an argument, which every user of the PC can read in the
// process list (and the shell keeps in its history):
//   - typed at the prompt (nothing is echoed);
//   - --passphrase-file 文件: the first line of a file (e.g. on a USB stick kept with the sheet);
//   - the environment variable LEDGER_PASSPHRASE (for scripts; visible to the same user only).

function fromFile(file: string, fail: (message: string) => Error): string {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    throw fail(`无法读取恢复口令文件 ${file}：${e instanceof Error ? e.message : String(e)}`)
  }
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? ''
  if (first === '') throw fail(`恢复口令文件 ${file} 的第一行是空的`)
  return first
}

/** Reads a line from the terminal without showing it; from a pipe, the first line. */
async function prompt(question: string): Promise<string> {
  const input = process.stdin
  process.stderr.write(question)
  if (!input.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of input) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
      if (Buffer.concat(chunks).includes(0x0a)) break
    }
    process.stderr.write('\n')
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim()
  }
  input.setRawMode(true)
  input.resume()
  input.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let typed = ''
    const done = (value: string | null) => {
      input.setRawMode(false)
      input.pause()
      input.removeListener('data', onData)
      process.stderr.write('\n')
      if (value === null) reject(new Error('已取消'))
      else resolve(value)
    }
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done(typed)
        if (ch === '\u0003') return done(null)
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('')
        else typed += ch
      }
    }
    input.on('data', onData)
  })
}

export interface PassphraseSource {
  file: string | undefined
  env: NodeJS.ProcessEnv
}

/** True when the command will need a key: an encrypted file, or a ledger it may create or encrypt. */
export function needsPassphrase(files: readonly (string | undefined)[], writes: boolean): boolean {
  return writes || files.some((f) => f !== undefined && looksEncrypted(f))
}

/** The command line's key provider: the passphrase from the file, the environment, or the prompt (asked once). */
export async function commandLineKeys(source: PassphraseSource, fail: (message: string) => Error): Promise<LedgerKeys> {
  let passphrase: string
  if (source.file !== undefined) passphrase = fromFile(source.file, fail)
  else if (source.env[PASSPHRASE_ENV] !== undefined && source.env[PASSPHRASE_ENV] !== '') passphrase = source.env[PASSPHRASE_ENV] ?? ''
  else passphrase = await prompt('恢复口令（输入时不显示）：')
  if (passphrase === '') throw fail('没有输入恢复口令')
  return { sealer: null, passphrase: () => passphrase }
}
