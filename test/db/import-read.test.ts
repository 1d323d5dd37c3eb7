import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectImportFile } from '../../db/import'
import { guessFields } from '../../db/import/fields'
import { decodeText, parseCsv } from '../../db/import/read'
import { readDate, readHeadcount, readSatisfaction, readStatus } from '../../db/import/values'
import { CSV_TEXT, dateCell, encodeGbk, excelSerial, MESSY_HEADERS, writeFile, writeMessyXlsx } from '../support/import-fixtures'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
function dir(): string {
  const d = tempDir('ledger-import-')
  dirs.push(d)
  return d
}

function dateOf(cell: Parameters<typeof readDate>[0], year: number | null = null): string {
  const r = readDate(cell, year)
  if (r === null) return 'empty'
  return 'error' in r ? `error: ${r.error}` : `${r.value.date}${r.value.time ? ` ${r.value.time}` : ''}`
}

describe('reading cell values', () => {
  it('reads dates however offices type them', () => {
    expect(dateOf('2021年3月5日')).toBe('2021-03-05')
    expect(dateOf('2021.3.5')).toBe('2021-03-05')
    expect(dateOf('2021/3/5')).toBe('2021-03-05')
    expect(dateOf('2021-03-05')).toBe('2021-03-05')
    expect(dateOf('20210305')).toBe('2021-03-05')
    expect(dateOf('21.3.5')).toBe('2021-03-05')
    expect(dateOf(' ２０２１年３月５日 ')).toBe('2021-03-05')
    expect(dateOf('二〇二一年三月十五日')).toBe('2021-03-15')
    expect(dateOf('2021年3月5日 上午9:30')).toBe('2021-03-05 09:30:00')
    expect(dateOf('2021-03-05 14:05')).toBe('2021-03-05 14:05:00')
    // Without a year: the year of the sheet's title, or a reason.
    expect(dateOf('3月5日', 2023)).toBe('2023-03-05')
    expect(dateOf('3月5日')).toBe('error: 日期缺少年份：3月5日')
  })

  it('reads Excel serial numbers and date cells as the calendar day written in the sheet', () => {
    expect(excelSerial('2023-03-10')).toBe(44995)
    expect(dateOf(44995)).toBe('2023-03-10')
    expect(dateOf('44995')).toBe('2023-03-10')
    expect(dateOf(44995.375)).toBe('2023-03-10 09:00:00')
    expect(dateOf(dateCell('2024-02-29'))).toBe('2024-02-29')
    expect(dateOf(20230310)).toBe('2023-03-10')
  })

  it('refuses what is not a date, with the text as written', () => {
    expect(dateOf('2023-02-30')).toBe('error: 日期不存在：2023-02-30')
    expect(dateOf('上周五')).toBe('error: 无法识别的日期：上周五')
    expect(dateOf(12)).toBe('error: 无法识别的日期：12')
    expect(dateOf('—')).toBe('empty')
    expect(dateOf(null)).toBe('empty')
  })

  it('reads head-counts, statuses and satisfaction from the words used in ledgers', () => {
    expect(readHeadcount('３人')).toEqual({ value: 3 })
    expect(readHeadcount(0)).toEqual({ error: '人数应为 1 至 999 的整数：0' })
    expect(readHeadcount(null)).toBeNull()
    expect(readStatus('已办结')).toBe('resolved')
    expect(readStatus('未办结')).toBe('in_progress')
    expect(readStatus('已销号')).toBe('closed')
    expect(readStatus('已转办')).toBe('transferred')
    expect(readStatus('不予受理')).toBe('rejected')
    expect(readStatus('重新办理')).toBe('reopened')
    expect(readStatus('已交办')).toBe('assigned')
    expect(readStatus('否')).toBeNull()
    expect(readSatisfaction('电话回访，满意')).toBe('satisfied')
    expect(readSatisfaction('基本满意')).toBe('basically_satisfied')
    expect(readSatisfaction('不满意，仍有残留')).toBe('unsatisfied')
    expect(readSatisfaction('已回访')).toBeNull()
  })
})

describe('CSV files', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv(CSV_TEXT)
    expect(rows[0]?.[0]).toBe('序号')
    expect(rows[1]?.[6]).toBe('排污许可证变更，材料已交')
    expect(rows[2]?.[6]).toBe('夜间施工噪声，"影响休息"\r\n多行说明')
    expect(rows[2]).toHaveLength(11)
    expect(rows).toHaveLength(5)
  })

  it('decodes UTF-8 with and without BOM, UTF-16 and GBK', () => {
    const utf8 = new TextEncoder().encode('日期,姓名')
    expect(decodeText(utf8, 'a.csv')).toEqual({ text: '日期,姓名', encoding: 'utf-8' })
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'a.csv')).toEqual({ text: '日期,姓名', encoding: 'utf-8' })
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('日期,姓名', 'utf16le')])
    expect(decodeText(utf16, 'a.csv')).toEqual({ text: '日期,姓名', encoding: 'utf-16le' })
    expect(decodeText(encodeGbk('日期,姓名,统一社会信用代码'), 'a.csv')).toEqual({ text: '日期,姓名,统一社会信用代码', encoding: 'gbk' })
  })

  it('inspects a GBK CSV as WPS saves it, with the same columns as the UTF-8 one', async () => {
    const d = dir()
    const gbk = await inspectImportFile(writeFile(d, 'wps.csv', encodeGbk(CSV_TEXT)))
    const utf8 = await inspectImportFile(writeFile(d, 'utf8.csv', `\uFEFF${CSV_TEXT}`))
    expect(gbk.encoding).toBe('gbk')
    expect(utf8.encoding).toBe('utf-8')
    expect(gbk.sheets[0]?.columns).toEqual(utf8.sheets[0]?.columns)
    expect(gbk.sheets[0]?.samples[1]?.[2]).toBe('林小红')
  })

  it('refuses an old binary .xls with what to do instead', async () => {
    const d = dir()
    const file = writeFile(d, 'old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))
    await expect(inspectImportFile(file)).rejects.toThrow('请在 Excel / WPS 中“另存为” .xlsx 工作簿后再导入')
  })
})

describe('finding the header and guessing the mapping', () => {
  it('finds the header under a title row and a merged group row, and guesses every column', async () => {
    const file = await writeMessyXlsx(path.join(dir(), 'messy.xlsx'))
    const inspection = await inspectImportFile(file)
    expect(inspection.format).toBe('xlsx')
    expect(inspection.defaultSheet).toBe('2023年台账')
    const sheet = inspection.sheets.find((s) => s.name === '2023年台账')
    expect(sheet?.headerRow).toBe(3)
    expect(sheet?.titleYear).toBe(2023)
    expect(sheet?.columns.map((c) => c.header)).toEqual([...MESSY_HEADERS])
    expect(sheet?.columns.find((c) => c.header === '姓名')?.group).toBe('来访人信息')
    expect(sheet?.columns.find((c) => c.header === '办结日期')?.group).toBe('办理情况')
    expect(sheet?.mapping).toEqual({
      seq: 1,
      date: 2,
      visitorName: 3,
      phone: 4,
      organization: 5,
      creditCode: 6,
      category: 7,
      content: 8,
      answer: 9,
      department: 10,
      result: 11,
      resolvedDate: 12,
      callback: 13,
      headcount: 14,
      kind: 15,
    })
    // Blank rows and the 合计 row are not data.
    expect(sheet?.dataRows).toBe(10)
    expect(sheet?.samples[1]?.slice(1, 4)).toEqual(['2023年3月6日', '李 四', '１３９ ８８８８ ９９９９'])
    // The note sheet beside the list has no header.
    expect(inspection.sheets.find((s) => s.name === '说明')?.headerRow).toBeNull()
  })

  it('guesses from the headers offices commonly use', () => {
    const guess = (headers: string[]) => Object.fromEntries([...guessFields(headers)].map(([i, f]) => [headers[i] ?? '', f]))
    expect(
      guess([
        '序号',
        '接待日期',
        '反映人',
        '电话',
        '企业名称',
        '信用代码',
        '类别',
        '诉求',
        '责任股室',
        '处理结果',
        '办结时间',
        '满意度',
        '地点',
      ]),
    ).toEqual({
      序号: 'seq',
      接待日期: 'date',
      反映人: 'visitorName',
      电话: 'phone',
      企业名称: 'organization',
      信用代码: 'creditCode',
      类别: 'category',
      诉求: 'content',
      责任股室: 'department',
      处理结果: 'result',
      办结时间: 'resolvedDate',
      满意度: 'callback',
      地点: 'place',
    })
    // 日期 goes to the visit, 办结日期 to the resolution, whatever their order.
    expect(guess(['办结日期', '日期', '来访人姓名（必填）', '问题内容', '手机号码'])).toEqual({
      办结日期: 'resolvedDate',
      日期: 'date',
      '来访人姓名（必填）': 'visitorName',
      问题内容: 'content',
      手机号码: 'phone',
    })
  })
})
