// The audit log's codes in the office's words, for the screen, the CSV and the summary line
// alike: the renderer receives the words with each row and never keeps its own copy.

export const AUDIT_ENTITY_LABEL: Record<string, string> = {
  ledger: '台账',
  settings: '设置',
  department: '股室',
  category: '问题类别',
  holiday_override: '节假日',
  staff: '人员',
  session: '接待日',
  visit: '来访登记',
  visitor: '来访人',
  organization: '企业',
  issue: '问题',
  import_batch: '导入批次',
  appointment: '预约',
}

const ACTION_LABEL: Record<string, string> = {
  seed: '初始化',
  create: '新建',
  update: '修改',
  set: '设置',
  remove: '删除',
  plan: '计划',
  open: '开始',
  register: '登记',
  accept: '受理',
  assign: '交办',
  reassign: '重新交办',
  progress: '记录进展',
  supervise: '督办',
  extend: '延期',
  resolve: '办结',
  callback: '回访',
  reopen: '回访不满意，重新办理',
  transfer: '转办',
  reject: '不予受理',
  sign_in: '登录',
  sign_out: '退出',
  sign_in_failed: 'PIN 错误，登录未成功',
  set_pin: '设置 PIN',
  clear_pin: '清除 PIN',
  reveal: '查看完整个人信息',
  void: '作废',
  restore: '从备份恢复',
  set_backup_folder: '更改备份文件夹',
  export_unmasked: '导出未脱敏的',
  export_audit: '导出审计日志',
  import: '导入',
  undo_import: '撤销',
  edit_text: '修改内容',
  merge: '合并',
  merged_into: '并入',
  register_contact: '登记联系',
  book: '预约',
  arrive: '到场',
  cancel: '取消',
  set_booking_limits: '设置预约名额',
}

/** The actions a supervisor most often looks for, offered as the screen's filter. */
const FILTER_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'set_pin',
  'clear_pin',
  'reveal',
  'void',
  'export_unmasked',
  'restore',
  'set_backup_folder',
  'register',
  'create',
  'update',
  'assign',
  'resolve',
  'close',
  'merge',
  'import',
] as const

export function auditActionLabel(action: string, entity: string): string {
  // 'close' means 销号 for an issue and 结束 for a reception day.
  if (action === 'close') return entity === 'issue' ? '销号' : '结束'
  return ACTION_LABEL[action] ?? action
}

export function auditEntityLabel(entity: string, entityId: number | null): string {
  return `${AUDIT_ENTITY_LABEL[entity] ?? entity}${entityId === null ? '' : ` #${entityId}`}`
}

export interface LabeledCode {
  value: string
  label: string
}

/** What the screen offers to filter by, worded. */
export function auditFilterOptions(): { entities: LabeledCode[]; actions: LabeledCode[] } {
  return {
    entities: Object.entries(AUDIT_ENTITY_LABEL).map(([value, label]) => ({ value, label })),
    actions: FILTER_ACTIONS.map((value) => ({ value, label: value === 'close' ? '销号 / 结束' : auditActionLabel(value, '') })),
  }
}

/** The detail fields worth a glance beside the summary, in this order; the rest stay in the JSON. */
const DIGEST: readonly (readonly [string, string])[] = [
  ['name', '姓名'],
  ['visitorName', '来访人'],
  ['title', '名称'],
  ['field', '字段'],
  ['issues', '问题'],
  ['reason', '原因'],
  ['after', '改为'],
]

const FIELD_WORD: Record<string, string> = { phone: '联系电话', idNumber: '身份证号' }

/** A one-line reading of a row's JSON detail, e.g. “姓名：王晓丽；原因：登记重复”. */
export function auditDigest(detail: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return ''
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ''
  const parts: string[] = []
  for (const [key, label] of DIGEST) {
    const value: unknown = Reflect.get(parsed, key)
    if (typeof value === 'string' && value !== '') parts.push(`${label}：${key === 'field' ? (FIELD_WORD[value] ?? value) : value}`)
    else if (typeof value === 'number') parts.push(`${label}：${value}`)
    else if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string'))
      parts.push(`${label}：${value.join('、')}`)
  }
  return parts.join('；')
}
