import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { LedgerError } from '../core/errors'

// Reading a spreadsheet into plain grids: every sheet as rows of cell values, merged cells
// already spread over the cells they cover (exceljs gives a merged cell's value to each cell of
// the range). Nothing here knows about the ledger.

export type RawCell = string | number | boolean | Date | null

export interface Grid {
  name: string
  /** rows[0] is sheet row 1. Trailing empty cells may be missing. */
  rows: RawCell[][]
}

export interface Workbook {
  format: 'xlsx' | 'csv'
  encoding: string | null
  grids: Grid[]
}

const MAX_BYTES = 50 * 1024 * 1024
/** A ledger has a few dozen columns; formatting dragged to column XFD must not make 16 384. */
const MAX_COLUMNS = 256
/** Rows formatted far below the list hold nothing: stop after this many empty rows in a row. */
const MAX_EMPTY_RUN = 1000

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined
    if (result === undefined || result === null) return null
    if (typeof result === 'object' && !(result instanceof Date)) return null
    return result
  }
  // { error: '#N/A' } and anything else exceljs may grow: no usable value.
  return null
}

async function readXlsx(file: string): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.readFile(file)
  } catch (e) {
    throw new LedgerError(
      'import_unreadable_file',
      `无法读取 ${path.basename(file)}：文件已损坏或不是 Excel 工作簿（${e instanceof Error ? e.message : String(e)}）`,
    )
  }
  const grids: Grid[] = []
  for (const ws of workbook.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue
    const rows: RawCell[][] = []
    const columns = Math.min(ws.columnCount, MAX_COLUMNS)
    let emptyRun = 0
    for (let r = 1; r <= ws.rowCount && emptyRun < MAX_EMPTY_RUN; r++) {
      const row = ws.getRow(r)
      const cells: RawCell[] = []
      if (row.hasValues) for (let c = 1; c <= columns; c++) cells.push(cellValue(row.getCell(c).value))
      emptyRun = cells.some((c) => c !== null) ? 0 : emptyRun + 1
      rows.push(cells)
    }
    while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c === null)) rows.pop()
    grids.push({ name: ws.name, rows })
  }
  return { format: 'xlsx', encoding: null, grids }
}

/** True when this Node (or Electron) can decode GBK text: full-icu builds can. */
export function canDecodeGbk(): boolean {
  try {
    new TextDecoder('gb18030')
    return true
  } catch {
    return false
  }
}

/** UTF-8 with or without BOM, UTF-16 (Excel's “Unicode 文本”), or GBK as WPS and older Excel save it. */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: in a Chinese office that is GBK (GB18030 is its superset and decodes it alike).
  }
  if (!canDecodeGbk()) {
    throw new LedgerError(
      'import_encoding',
      `${fileName} 不是 UTF-8 编码（可能是 WPS 或旧版 Excel 保存的 GBK 编码 CSV），本机无法识别。请在 Excel / WPS 中“另存为”CSV UTF-8（逗号分隔）或 .xlsx 后再导入。`,
    )
  }
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Tabs separate when the first line has no comma. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === separator) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

function readCsv(file: string, bytes: Uint8Array): Workbook {
  const { text, encoding } = decodeText(bytes, path.basename(file))
  const rows: RawCell[][] = parseCsv(text).map((r) => r.map((cell) => (cell === '' ? null : cell)))
  return { format: 'csv', encoding, grids: [{ name: path.basename(file, path.extname(file)), rows }] }
}

/** Reads an .xlsx or .csv file; anything else is refused with what to do about it. */
export async function readWorkbook(file: string): Promise<Workbook> {
  const name = path.basename(file)
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    throw new LedgerError('not_found', `找不到文件：${file}`)
  }
  if (!stat.isFile()) throw new LedgerError('invalid_input', `不是文件：${file}`)
  if (stat.size > MAX_BYTES) throw new LedgerError('import_too_large', `${name} 超过 50 MB，请按年度拆分后分批导入`)
  const bytes = fs.readFileSync(file)
  const ext = path.extname(file).toLowerCase()
  // By content, not by name: an .xlsx renamed .xls, or a CSV saved as .txt, still opens.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
  if (isOle || ext === '.xls' || ext === '.et') {
    if (!isZip)
      throw new LedgerError(
        'import_format',
        `${name} 是旧版 Excel（.xls）或 WPS 表格（.et）格式，请在 Excel / WPS 中“另存为” .xlsx 工作簿后再导入`,
      )
  }
  if (isZip) return readXlsx(file)
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(file, bytes)
  throw new LedgerError('import_format', `不支持的文件类型：${name}。请选择 .xlsx 工作簿或 .csv 文件`)
}
