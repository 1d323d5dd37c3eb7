import { codeList, type CodeOf } from './define'
import { historyAction, issueAction } from './issues'
import { procedureHistoryAction } from './petitions'

// The audit log's codes in the office's words, for the screen, the CSV and the summary line alike.

export const auditEntity = codeList({
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
  month: '月报',
  issue_source: '来源',
})
export type AuditEntity = CodeOf<typeof auditEntity>

export const auditAction = codeList({
  ...issueAction.labels,
  accept: historyAction.labels.accept,
  reassign: historyAction.labels.reassign,
  reopen: historyAction.labels.reopen,
  ...procedureHistoryAction.labels,
  seed: '初始化',
  create: '新建',
  update: '修改',
  set: '设置',
  remove: '删除',
  plan: '计划',
  open: '开始',
  register: '登记',
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
  recount_due: historyAction.labels.recount_due,
  confirm_arrangement: '确认已录入全年放假安排',
  import_arrangement: '导入放假安排',
  close_month: '月结',
  reopen_month: '撤销月结',
})
export type AuditAction = CodeOf<typeof auditAction>

/** The actions a supervisor most often looks for, offered as the 审计日志 screen's filter. */
export const AUDIT_FILTER_ACTIONS = [
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
] as const satisfies readonly AuditAction[]
