import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// `ledger --help`, a mistyped flag and the error printer run from what ledger.ts imports statically;
// each command's drivers come in only when that command is called (import() in ledger.ts).
const ROOT = path.resolve(__dirname, '../..')
const HEAVY = ['better-sqlite3-multiple-ciphers', 'pg', 'exceljs', 'kysely']

/** Every module reached from `file` through static, non-type imports and re-exports. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = fs.readFileSync(file, 'utf8')
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)) {
    const spec = m[1] ?? ''
    if (!spec.startsWith('.')) {
      seen.add(spec)
      continue
    }
    const base = path.resolve(path.dirname(file), spec)
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f))
    if (resolved === undefined) throw new Error(`cannot resolve ${spec} from ${file}`)
    staticGraph(resolved, seen)
  }
  return seen
}

describe('ledger command line start-up', () => {
  it('loads no database driver or spreadsheet writer before a command is chosen', () => {
    const graph = staticGraph(path.join(ROOT, 'tools/cli/ledger.ts'))
    expect(graph.has(path.join(ROOT, 'tools/cli/commands/flags.ts'))).toBe(true)
    expect(HEAVY.filter((p) => graph.has(p))).toEqual([])
    expect([...graph].filter((f) => f.includes(`${path.sep}commands${path.sep}`) && !f.endsWith('flags.ts'))).toEqual([])
  })

  it('finds a driver when a command module is followed, so the walk itself sees them', () => {
    const graph = staticGraph(path.join(ROOT, 'tools/cli/commands/export-files.ts'))
    expect(HEAVY.filter((p) => graph.has(p))).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'exceljs']))
  })
})
