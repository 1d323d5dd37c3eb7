import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { toolPath } from './tools'

// Reading exports back the way other programs would: exceljs for the .xlsx, a strict RFC 4180
// parser for CSV, and LibreOffice headless as a real office suite.

const run = promisify(execFile)

export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}; have ${workbook.worksheets.map((w) => w.name).join(', ')}`)
  return ws
}

/** Every row (header first) as plain cell values, 1-based cells shifted to 0-based. */
export function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = []
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: ExcelJS.CellValue[] = []
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value)
    out[rowNumber - 1] = cells
  })
  return Array.from(out, (r) => r ?? [])
}

export function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Column index (0-based) of a header, failing loudly when the header is not there. */
export function column(rows: ExcelJS.CellValue[][], header: string): number {
  const index = (rows[0] ?? []).findIndex((v) => v === header)
  if (index < 0) throw new Error(`no column ${header}`)
  return index
}

// A full mobile number, any run of 11 digits, an 18-character ID number.
export const FULL_MOBILE = /1[3-9]\d{9}/
export const ELEVEN_DIGITS = /\d{11}/
export const ID_NUMBER = /\d{17}[\dXx]/

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (ch === '"') quoted = false
      else field += ch
      i += 1
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 1
    } else if (ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
    i += 1
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/**
 * Opens .xlsx files in LibreOffice headless and saves every sheet as CSV (filter token 12 = -1:
 * all sheets, each to <file>-<sheet>.csv, LibreOffice ≥ 7.2; token 9 = true: cells as shown, so
 * dates and percentages come out formatted as a user sees them). One soffice run for all files;
 * a private profile keeps parallel test runs apart.
 */
export async function convertWithLibreOffice(files: string[], outDir: string, profileDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true })
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
  const r = await run(
    toolPath('soffice'),
    [
      `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      filter,
      '--outdir',
      outDir,
      ...files,
    ],
    {
      timeout: 120_000,
    },
  )
  return r.stdout
}

/** One sheet of a converted file, as LibreOffice wrote it. */
export function convertedSheet(outDir: string, xlsx: string, sheetName: string): string {
  const file = path.join(outDir, `${path.basename(xlsx, '.xlsx')}-${sheetName}.csv`)
  if (!fs.existsSync(file)) throw new Error(`LibreOffice wrote no ${file}; have ${fs.readdirSync(outDir).join(', ')}`)
  return fs.readFileSync(file, 'utf8')
}
