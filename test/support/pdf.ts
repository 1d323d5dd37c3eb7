import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ARTIFACTS } from './browser'
import { toolPath } from './tools'

export interface PdfReadBack {
  file: string
  pages: number
  text: string
  /** Text of each page, split on form feeds as pdftotext writes them. */
  pageTexts: string[]
  pngs: string[]
}

/** Prints the page with Chromium's print engine (Electron's), reads it back, and renders PNGs to look at. */
export async function printToPdf(page: Page, name: string): Promise<PdfReadBack> {
  const file = path.join(ARTIFACTS, `${name}.pdf`)
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true })
  const text = execFileSync(toolPath('pdftotext'), ['-layout', file, '-'], { encoding: 'utf8' })
  const info = execFileSync(toolPath('pdfinfo'), [file], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0)
  execFileSync(toolPath('pdftoppm'), ['-png', '-r', '60', file, path.join(ARTIFACTS, name)])
  const pngs = Array.from({ length: pages }, (_, i) =>
    path.join(ARTIFACTS, `${name}-${String(i + 1).padStart(pages >= 10 ? 2 : 1, '0')}.png`),
  )
  return { file, pages, text, pageTexts: text.split('\f').filter((t) => t.trim() !== ''), pngs }
}
