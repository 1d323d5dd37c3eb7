import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Without a key provider openLedger opens only an unencrypted file (the tests of files from
// before encryption rely on that). Every program that opens the desk's ledger — the app's main
// process, the command line, the browser preview, the benchmark, and db/ itself when it reopens a
// restored ledger — must pass one, so none of them can write an unencrypted ledger.

const root = path.resolve(import.meta.dirname, '../..')
const PROGRAMS = ['electron', 'tools', 'test/bridge', 'bench', 'db']

/** The benchmark's unencrypted files, on purpose: generated fast and then encrypted as an upgrade would, and the encryption rows' floor. */
const UNENCRYPTED_ON_PURPOSE = new Set([
  'bench/run.ts: openLedger(file)',
  'bench/server.ts: openLedger(file)',
  'bench/encryption-only.ts: openLedger(file)',
  'bench/encryption.ts: openLedger(files.plain)',
])

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(rel)
    return /\.(ts|tsx|mts)$/.test(e.name) ? [rel] : []
  })
}

/** The argument text of every `openLedger(…)` call in a source file. */
function openLedgerCalls(text: string): string[] {
  const calls: string[] = []
  for (let at = text.indexOf('openLedger('); at >= 0; at = text.indexOf('openLedger(', at + 1)) {
    // A definition, not a call.
    if (/function\s+$/.test(text.slice(Math.max(0, at - 20), at))) continue
    let depth = 0
    let end = at + 'openLedger'.length
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++
      else if (text[end] === ')' && --depth === 0) break
    }
    calls.push(text.slice(at, end + 1))
  }
  return calls
}

describe('opening the desk’s ledger', () => {
  it('passes a key provider everywhere a program opens it', () => {
    const bare: string[] = []
    let seen = 0
    for (const file of PROGRAMS.flatMap(sourceFiles)) {
      for (const call of openLedgerCalls(fs.readFileSync(path.join(root, file), 'utf8'))) {
        seen++
        const where = `${file}: ${call.replace(/\s+/g, ' ')}`
        if (!/\bkeys\b/.test(call) && !UNENCRYPTED_ON_PURPOSE.has(where)) bare.push(where)
      }
    }
    expect(seen).toBeGreaterThan(10)
    expect(bare).toEqual([])
  })
})
