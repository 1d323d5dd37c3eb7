import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'

// Spreadsheets the import tests read, written here with exceljs the way offices' own sheets look:
// a title row, a two-row header with merged group cells, dates typed every which way, Excel
// serial numbers and date cells, blank rows, full-width digits and spaces, phones with dashes,
// a bad credit code, a 合计 row.

/** A valid 统一社会信用代码 (also used by db/demo.ts). */
export const GOOD_CODE = '91350100M000100Y43'
/** The same with a wrong check character. */
export const BAD_CODE = '91350100M000100Y44'

/** A date cell as Excel stores it: the calendar day at UTC midnight (what exceljs reads back). */
export function dateCell(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1))
}

/** Excel's day number of a date (1900 system). */
export function excelSerial(iso: string): number {
  return Math.round((dateCell(iso).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000)
}

export const MESSY_HEADER_GROUPS = [
  '序号',
  '来访日期',
  '来访人信息',
  '',
  '',
  '统一社会信用代码',
  '问题类别',
  '反映问题',
  '答复意见',
  '办理情况',
  '',
  '',
  '回访情况',
  '人数',
  '接待类型',
] as const
export const MESSY_HEADERS = [
  '序号',
  '来访日期',
  '姓名',
  '联系电话',
  '单位名称',
  '统一社会信用代码',
  '问题类别',
  '反映问题',
  '答复意见',
  '承办股室',
  '办理结果',
  '办结日期',
  '回访情况',
  '人数',
  '接待类型',
] as const

type Cell = string | number | Date | null

/**
 * The messy ledger. Sheet rows (as Excel numbers them):
 *  1 title “2023年接待日台账”, merged across; 2–3 a two-row header with merged groups;
 *  4  date cell, enterprise with a good code, resolved and called back 满意 → 已销号
 *  5  “2023年3月6日”, name with an ideographic space, full-width phone digits, resident → 已交办 (执法大队)
 *  6  blank
 *  7  “2023.3.7”, a BAD credit code → unreadable
 *  8  Excel serial number, “废水” → 水, result without 办结日期 → 办理中
 *  9  “2023/3/15”, an answer and nothing else → 咨询
 * 10  “2023-03-15”, resolved, called back 不满意 → 重新办理
 * 11  “3月20日” (year from the title), category “xx” → 其他
 * 12  “2023-02-30” → unreadable (no such day)
 * 13  no name → unreadable
 * 14  row 4 again → duplicate
 * 15  blank
 * 16  合计
 */
export function messyRows(): Cell[][] {
  return [
    [
      1,
      dateCell('2023-03-06'),
      '张三',
      '138-1234-5678',
      '青山化工有限公司',
      GOOD_CODE,
      '大气',
      '厂区夜间有刺鼻异味',
      null,
      '大气环境股',
      '已责令整改，复查合格',
      dateCell('2023-03-20'),
      '电话回访，满意',
      2,
      '服务企业接待日',
    ],
    [
      2,
      '2023年3月6日',
      '李　四',
      '１３９ ８８８８ ９９９９',
      null,
      null,
      '噪声',
      '广场舞噪声扰民',
      null,
      '执法大队',
      null,
      null,
      null,
      '１',
      '服务群众接待日',
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    [
      3,
      '2023.3.7',
      '王五',
      '0591-8765 4321',
      '恒达建材有限公司',
      BAD_CODE,
      '固废/危废',
      '堆放废料',
      null,
      null,
      null,
      null,
      null,
      1,
      '服务企业接待日',
    ],
    [
      4,
      excelSerial('2023-03-10'),
      '赵六',
      '137 0000 1111',
      null,
      null,
      '废水',
      '小河沟黑臭',
      null,
      '水生态环境股',
      '已现场核查，正在整治',
      null,
      null,
      1,
      '群众',
    ],
    [
      5,
      '2023/3/15',
      '孙七',
      '13700002222',
      '江南印染有限公司',
      null,
      '环评审批',
      '技改项目是否需要重新环评',
      '已解释重大变动清单',
      null,
      null,
      null,
      null,
      1,
      '企业',
    ],
    [
      6,
      '2023-03-15',
      '周八',
      '13800138000',
      null,
      null,
      '固废/危废',
      '路边倾倒建筑垃圾',
      null,
      '土壤与固体废物股',
      '已清运',
      '2023-04-01',
      '不满意，仍有残留',
      1,
      '群众',
    ],
    [7, '3月20日', '吴九', '13900001234', null, null, 'xx', '其他问题反映', null, null, null, null, null, 1, '群众'],
    [8, '2023-02-30', '郑十', '13900005678', null, null, '水', '饮用水有异味', null, null, null, null, null, 1, '群众'],
    [9, '2023-03-21', null, '13900009999', null, null, '大气', '无名氏反映扬尘', null, null, null, null, null, 1, '群众'],
    [
      10,
      dateCell('2023-03-06'),
      '张三',
      '138-1234-5678',
      '青山化工有限公司',
      GOOD_CODE,
      '大气',
      '厂区夜间有刺鼻异味',
      null,
      '大气环境股',
      '已责令整改，复查合格',
      dateCell('2023-03-20'),
      '电话回访，满意',
      2,
      '服务企业接待日',
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ['合计', null, null, null, null, null, null, null, null, null, null, null, null, 12, null],
  ]
}

/** Writes the messy ledger as .xlsx: title row, merged two-row header, data from sheet row 4. */
export async function writeMessyXlsx(file: string, rows: Cell[][] = messyRows()): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('2023年台账')
  ws.addRow(['2023年接待日台账'])
  ws.mergeCells(1, 1, 1, MESSY_HEADERS.length)
  ws.addRow([...MESSY_HEADER_GROUPS])
  ws.addRow([...MESSY_HEADERS])
  // Groups over their columns; single headers merged down over both header rows.
  ws.mergeCells('C2:E2')
  ws.mergeCells('J2:L2')
  for (const col of ['A', 'B', 'F', 'G', 'H', 'I', 'M', 'N', 'O']) ws.mergeCells(`${col}2:${col}3`)
  for (const r of rows) ws.addRow(r)
  // A note sheet offices keep beside the list: must not be taken for the ledger.
  wb.addWorksheet('说明').addRow(['本表由办公室维护，每月更新'])
  await wb.xlsx.writeFile(file)
  return file
}

export function writeFile(dir: string, name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  return file
}

let gbkTable: Map<string, number[]> | null = null

/**
 * Encodes text as GBK without an encoder library: the table is built by decoding every GBK
 * two-byte code with the platform's own decoder, then read backwards.
 */
export function encodeGbk(text: string): Uint8Array {
  if (gbkTable === null) {
    const table = new Map<string, number[]>()
    const decoder = new TextDecoder('gbk')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = decoder.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail])
      }
    }
    gbkTable = table
  }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (code < 0x80) out.push(code)
    else {
      const bytes = gbkTable.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      out.push(...bytes)
    }
  }
  return new Uint8Array(out)
}

export const CSV_TEXT = [
  '序号,接待日期,反映人,手机,企业名称,类别,诉求,责任股室,处理结果,办结日期,满意度',
  '1,2022-05-08,陈志强,139-0000-1111,东方汽车零部件有限公司,排污许可,"排污许可证变更，材料已交",环境影响评价与排放管理股,已办理变更,2022-05-20,满意',
  '2,2022/5/8,林小红,13900002222,,噪声,"夜间施工噪声，""影响休息""',
  '多行说明",,,,',
  ',,,,,,,,,,',
  '3,2022年5月9日,黄磊,13900003333,,大气,油烟扰民,,,,',
].join('\r\n')
