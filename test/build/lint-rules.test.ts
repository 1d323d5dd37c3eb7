import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** Lints a snippet as if it were the file at `file`; answers the rule ids (or messages) it breaks. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('the project lint rules', () => {
  it('refuses a renderer file that imports the ledger code', async () => {
    expect(await problems('renderer/pages/x/Probe.tsx', "import { openLedger } from '../../../db/core/open'\nvoid openLedger\n")).toContain(
      'no-restricted-imports',
    )
  })

  it('refuses a renderer file that imports a Node module or electron', async () => {
    expect(await problems('renderer/lib/probe.ts', "import fs from 'node:fs'\nvoid fs\n")).toContain('no-restricted-imports')
    expect(await problems('renderer/lib/probe.ts', "import { ipcRenderer } from 'electron'\nvoid ipcRenderer\n")).toContain(
      'no-restricted-imports',
    )
  })

  it('lets a renderer file import shared code and the contract types', async () => {
    const code =
      "import type { Api } from '../../electron/contract'\nimport { issueStatus } from '../../shared/codes/issues'\nexport type A = Api\nvoid issueStatus\n"
    expect(await problems('renderer/lib/probe.ts', code)).toEqual([])
  })

  it('refuses a shared file that imports Node, React or the database driver', async () => {
    expect(await problems('shared/probe.ts', "import { createHash } from 'node:crypto'\nvoid createHash\n")).toContain(
      'no-restricted-imports',
    )
    expect(await problems('shared/probe.ts', "import { useState } from 'react'\nvoid useState\n")).toContain('no-restricted-imports')
    expect(await problems('shared/probe.ts', "import { Kysely } from 'kysely'\nvoid Kysely\n")).toContain('no-restricted-imports')
  })

  it('refuses ledger code that imports electron', async () => {
    expect(await problems('db/core/probe.ts', "import { app } from 'electron'\nvoid app\n")).toContain('no-restricted-imports')
  })

  it('refuses any, ts-ignore and lines over 140 characters', async () => {
    expect(await problems('db/core/probe.ts', 'export const x: any = 1\n')).toContain('@typescript-eslint/no-explicit-any')
    expect(await problems('db/core/probe.ts', '// @ts-ignore\nexport const x = 1\n')).toContain('@typescript-eslint/ban-ts-comment')
    expect(await problems('db/core/probe.ts', `export const ${'x'.repeat(150)} = 1\n`)).toContain('max-len')
  })

  it('does not honour an eslint-disable comment', async () => {
    const found = await problems('db/core/probe.ts', '/* eslint-disable */\nexport const x: any = 1\n')
    expect(found).toContain('@typescript-eslint/no-explicit-any')
  })
})
