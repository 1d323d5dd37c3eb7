import type { ImportField, ImportFieldInfo } from '../../shared/types'
import { toHalfWidth } from '../validation/text'

// The ledger fields a sheet column can feed, with the headers offices commonly give them. The
// header lists drive the guess on the mapping screen; the first entry of each is the label.

interface FieldDef extends ImportFieldInfo {
  /** Header texts meaning this field, compared after normalizeHeader(). Exact matches win. */
  headers: readonly string[]
}

export const FIELD_DEFS: readonly FieldDef[] = [
  {
    field: 'seq',
    label: '序号',
    required: false,
    hint: '原台账的序号，记入来访登记的备注',
    headers: ['序号', '编号', '登记号', '流水号', '原编号', 'NO', 'NO.'],
  },
  {
    field: 'issueNumber',
    label: '问题编号',
    required: false,
    hint: '原台账的问题编号；本软件导出的台账据此对应“问题台账”“回访”工作表。导入后按来访月份重新编号',
    headers: ['问题编号', '台账编号', '受理编号', '案件编号'],
  },
  {
    field: 'date',
    label: '来访日期',
    required: true,
    hint: '2021年3月5日、2021.3.5、2021/3/5、2021-03-05、Excel 日期均可；决定归入哪个接待日',
    headers: ['来访日期', '接待日期', '日期', '登记日期', '来访时间', '接待时间', '受理日期', '反映日期', '反映时间', '时间'],
  },
  { field: 'time', label: '到达时间', required: false, hint: '如 09:30；没有则记为 09:00', headers: ['到达时间', '来访时刻', '登记时间'] },
  {
    field: 'kind',
    label: '接待类型',
    required: false,
    hint: '含“企业”为服务企业接待日，“群众”为服务群众接待日，“领导”为领导接待日，“上门”为上门服务',
    headers: ['接待类型', '接待日类型', '接待方式', '接待形式'],
  },
  {
    field: 'session',
    label: '接待日',
    required: false,
    hint: '接待日名称，如“2026年11月6日服务企业接待日”；也用来判断接待类型',
    headers: ['接待日', '接待日名称', '场次', '接待场次'],
  },
  { field: 'location', label: '接待地点', required: false, hint: '导入新建的接待日的地点', headers: ['接待地点', '接待场所', '接待地址'] },
  {
    field: 'visitorName',
    label: '来访人',
    required: true,
    hint: '来访人姓名',
    headers: [
      '来访人',
      '姓名',
      '反映人',
      '来访人姓名',
      '来访人员',
      '来访群众',
      '联系人',
      '投诉人',
      '举报人',
      '诉求人',
      '当事人',
      '申请人',
      '企业联系人',
      '来访者',
    ],
  },
  {
    field: 'visitorKind',
    label: '来访人类型',
    required: false,
    hint: '“企业”或“群众”；不填时有单位名称的记为企业',
    headers: ['来访人类型', '类型', '身份', '来访人身份', '人员类别'],
  },
  {
    field: 'phone',
    label: '联系电话',
    required: false,
    hint: '手机或座机，可带横线和空格',
    headers: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系手机'],
  },
  {
    field: 'idNumber',
    label: '身份证号',
    required: false,
    hint: '18 位身份证号',
    headers: ['身份证号', '身份证号码', '证件号码', '身份证'],
  },
  {
    field: 'organization',
    label: '企业（单位）名称',
    required: false,
    hint: '有名称的来访记为企业来访',
    headers: [
      '单位名称',
      '企业名称',
      '企业/单位',
      '单位',
      '企业',
      '工作单位',
      '所在单位',
      '来访单位',
      '企业(单位)名称',
      '单位(企业)名称',
      '企业单位名称',
    ],
  },
  {
    field: 'creditCode',
    label: '统一社会信用代码',
    required: false,
    hint: '18 位，校验不通过的行不能导入',
    headers: ['统一社会信用代码', '信用代码', '社会信用代码', '组织机构代码'],
  },
  {
    field: 'headcount',
    label: '人数',
    required: false,
    hint: '来访人数（人次）；不填为 1',
    headers: ['人数', '来访人数', '人次', '来访人次'],
  },
  {
    field: 'matterType',
    label: '事项类型',
    required: false,
    hint: '含“咨询”为当场答复的咨询，其余为受理问题；不映射时有答复而无办理信息的行记为咨询',
    headers: ['事项类型', '事项性质', '性质', '诉求类型', '来访性质', '咨询/问题'],
  },
  {
    field: 'category',
    label: '问题类别',
    required: false,
    hint: '按类别名称对应（大气、水、噪声……）；对应不上的记为“其他”',
    headers: ['问题类别', '类别', '问题类型', '问题分类', '分类', '所属类别', '污染类型', '事项类别', '诉求类别'],
  },
  {
    field: 'content',
    label: '反映问题',
    required: true,
    hint: '问题或咨询的内容',
    headers: [
      '反映问题',
      '问题内容',
      '诉求',
      '反映内容',
      '来访事由',
      '主要问题',
      '来访事项',
      '诉求内容',
      '问题描述',
      '反映事项',
      '咨询内容',
      '来访内容',
      '具体问题',
      '事项',
      '内容',
      '主要诉求',
    ],
  },
  {
    field: 'answer',
    label: '咨询答复',
    required: false,
    hint: '当场答复的内容（咨询）',
    headers: ['咨询答复', '答复意见', '答复', '现场答复', '答复内容', '解答情况', '当场答复'],
  },
  {
    field: 'place',
    label: '问题地点',
    required: false,
    hint: '问题发生的地点',
    headers: ['地点', '问题地点', '发生地点', '所在地', '位置', '问题发生地'],
  },
  {
    field: 'receivedBy',
    label: '接待人',
    required: false,
    hint: '按姓名对应值班人员；对应不上的留空',
    headers: ['接待人', '接待人员', '登记人', '值班人员', '接待工作人员'],
  },
  {
    field: 'status',
    label: '办理状态',
    required: false,
    hint: '已受理、已交办、办理中、已办结、已销号、已转办、不予受理等；不映射时由办结日期和回访推断',
    headers: ['状态', '办理状态', '办理进度', '是否办结', '办结情况'],
  },
  {
    field: 'department',
    label: '承办股室',
    required: false,
    hint: '按名称对应股室（可写简称）；股室列表中没有的将新增',
    headers: [
      '承办股室',
      '办理科室',
      '责任股室',
      '承办科室',
      '责任科室',
      '承办单位',
      '责任单位',
      '办理单位',
      '交办股室',
      '承办部门',
      '责任部门',
      '办理股室',
      '承办科(股)室',
    ],
  },
  {
    field: 'assignee',
    label: '承办人',
    required: false,
    hint: '按姓名对应人员；对应不上的留空',
    headers: ['承办人', '责任人', '经办人', '办理人'],
  },
  {
    field: 'leader',
    label: '包案领导',
    required: false,
    hint: '按姓名对应人员；对应不上的留空',
    headers: ['包案领导', '责任领导', '分管领导', '包案责任领导'],
  },
  {
    field: 'dueDate',
    label: '办结时限',
    required: false,
    hint: '日期；不映射时按问题类别的工作日时限计算',
    headers: ['办结时限', '时限', '要求办结日期', '办理时限', '办结期限'],
  },
  {
    field: 'result',
    label: '办理结果',
    required: false,
    hint: '有办结日期的记为已办结',
    headers: ['办理结果', '处理结果', '办理情况', '处理情况', '落实情况', '办理结果及答复情况', '处理意见'],
  },
  {
    field: 'resolvedDate',
    label: '办结日期',
    required: false,
    hint: '日期',
    headers: ['办结日期', '办结时间', '完成日期', '办理完成日期', '处理日期', '办结'],
  },
  {
    field: 'callback',
    label: '回访情况',
    required: false,
    hint: '含“不满意”“基本满意”“满意”；满意或基本满意的已办结问题记为已销号',
    headers: ['回访情况', '满意度', '回访结果', '最近回访', '群众满意度', '是否满意', '满意程度', '回访满意度'],
  },
  { field: 'callbackDate', label: '回访日期', required: false, hint: '日期；不填时按办结日期', headers: ['回访日期', '回访时间'] },
  { field: 'callbackMethod', label: '回访方式', required: false, hint: '电话、上门、短信', headers: ['回访方式'] },
  {
    field: 'callbackComment',
    label: '回访意见',
    required: false,
    hint: '回访时来访人的意见',
    headers: ['回访意见', '回访内容', '回访备注'],
  },
  { field: 'closedDate', label: '销号日期', required: false, hint: '日期；不填时按回访日期', headers: ['销号日期', '销号时间'] },
  {
    field: 'transferTo',
    label: '转办单位',
    required: false,
    hint: '有转办单位的问题记为已转办',
    headers: ['转办单位', '转交单位', '移交单位'],
  },
  {
    field: 'reason',
    label: '转办/不予受理理由',
    required: false,
    hint: '转办或不予受理的理由',
    headers: ['转办/不予受理理由', '转办理由', '不予受理理由', '理由'],
  },
  { field: 'note', label: '备注', required: false, hint: '记入来访登记的备注', headers: ['备注', '说明', '其他'] },
]

export const IMPORT_FIELDS: readonly ImportField[] = FIELD_DEFS.map((d) => d.field)

export function fieldInfo(): ImportFieldInfo[] {
  return FIELD_DEFS.map(({ field, label, required, hint }) => ({ field, label, required, hint }))
}

export function fieldLabel(field: ImportField): string {
  return FIELD_DEFS.find((d) => d.field === field)?.label ?? field
}

export function isImportField(key: string): key is ImportField {
  return IMPORT_FIELDS.some((f) => f === key)
}

/** Header text as compared: half-width, no spaces, no “*” marks or bracketed notes like “（必填）”. */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/\((必填|选填|可选|必须填写|元|人|个|家|yyyy-mm-dd|年月日)\)/gi, '')
    .toUpperCase()
}

const NORMALIZED = FIELD_DEFS.map((d) => ({ field: d.field, headers: d.headers.map(normalizeHeader) }))

/**
 * How well a header names a field: 100 for an exact match, else the length of the longest
 * known header it contains (2+ characters), else 0.
 */
export function headerScore(header: string, field: ImportField): number {
  const h = normalizeHeader(header)
  if (h === '') return 0
  const def = NORMALIZED.find((d) => d.field === field)
  if (!def) return 0
  if (def.headers.includes(h)) return 100
  let best = 0
  for (const known of def.headers) if (known.length >= 2 && h.includes(known)) best = Math.max(best, known.length)
  // A long cell is a title or a data value, not a header.
  return h.length > 16 ? 0 : best
}

/** True when the text looks like some field's header: used to find the header row. */
export function looksLikeHeader(text: string): boolean {
  return IMPORT_FIELDS.some((f) => headerScore(text, f) > 0)
}

/**
 * The guessed mapping for a header row: each field to at most one column and each column to at
 * most one field, best scores first (so 办结日期 goes to 办结日期, not to 来访日期's “日期”).
 */
export function guessFields(headers: readonly string[]): Map<number, ImportField> {
  const candidates: { column: number; field: ImportField; score: number }[] = []
  headers.forEach((header, column) => {
    for (const field of IMPORT_FIELDS) {
      const score = headerScore(header, field)
      if (score > 0) candidates.push({ column, field, score })
    }
  })
  // Ties: the field listed first wins, then the leftmost column.
  const order = (f: ImportField) => IMPORT_FIELDS.indexOf(f)
  candidates.sort((a, b) => b.score - a.score || order(a.field) - order(b.field) || a.column - b.column)
  const byColumn = new Map<number, ImportField>()
  const taken = new Set<ImportField>()
  for (const c of candidates) {
    if (byColumn.has(c.column) || taken.has(c.field)) continue
    byColumn.set(c.column, c.field)
    taken.add(c.field)
  }
  return byColumn
}
