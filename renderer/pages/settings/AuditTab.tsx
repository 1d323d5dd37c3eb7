import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, DatePicker, Flex, Result, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import type { AuditChainStatus, AuditEntry } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'

// Screen wording for the audit log's codes (db/audit-log.ts words the summary line itself).
const ENTITY_LABEL: Record<string, string> = {
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
  appointment: '预约',
  import_batch: '导入批次',
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
  reopen: '重新办理',
  transfer: '转办',
  reject: '不予受理',
  sign_in: '登录',
  sign_out: '退出',
  sign_in_failed: 'PIN 错误',
  set_pin: '设置 PIN',
  clear_pin: '清除 PIN',
  reveal: '查看完整号码',
  void: '作废',
  restore: '从备份恢复',
  set_backup_folder: '更改备份文件夹',
  export_unmasked: '导出未脱敏',
  import: '导入',
  undo_import: '撤销导入',
  edit_text: '修改内容',
  merge: '合并',
  merged_into: '并入',
  register_contact: '登记联系',
  book: '预约',
  arrive: '到场',
  cancel: '取消',
  set_booking_limits: '设置预约名额',
}

function actionLabel(action: string, entity: string): string {
  // 'close' is 销号 for an issue and 结束 for a reception day.
  if (action === 'close') return entity === 'issue' ? '销号' : '结束'
  return ACTION_LABEL[action] ?? action
}

/** The actions a supervisor most often looks for, offered as a filter. */
const FILTER_ACTIONS = ['sign_in', 'sign_in_failed', 'set_pin', 'clear_pin', 'reveal', 'void', 'export_unmasked', 'restore', 'set_backup_folder', 'register', 'create', 'update', 'assign', 'resolve', 'close', 'merge', 'import']

const PAGE_SIZE = 20

type Range = [Dayjs | null, Dayjs | null] | null

/** The detail fields worth a glance in the table, in this order; the rest are in the expanded row. */
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

function digest(detail: string): string {
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
    else if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string')) parts.push(`${label}：${value.join('、')}`)
  }
  return parts.join('；')
}

function prettyDetail(detail: string): string {
  try {
    const parsed: unknown = JSON.parse(detail)
    return JSON.stringify(parsed, null, 2)
  } catch {
    return detail
  }
}

/** 审计日志: who did what and when, newest first, for a 负责人; and the hash chain's check. */
export function AuditTab() {
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  if (!supervisor) {
    return (
      <Result
        status="403"
        title="审计日志须由负责人登录后查看"
        subTitle="请在右上角“值班人员”中选择负责人本人并输入 PIN。审计日志记录每一次登记、修改、作废、查看完整号码和登录，只有负责人可以查看。"
      />
    )
  }
  return <AuditLog key={operator.id} />
}

function AuditLog() {
  const [page, setPage] = useState(1)
  const [range, setRange] = useState<Range>(null)
  const [entity, setEntity] = useState<string | undefined>(undefined)
  const [action, setAction] = useState<string | undefined>(undefined)
  const from = range?.[0]?.format('YYYY-MM-DD')
  const to = range?.[1]?.format('YYYY-MM-DD')
  const list = useQuery(
    () =>
      api.auditList({
        page,
        pageSize: PAGE_SIZE,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(entity ? { entity } : {}),
        ...(action ? { action } : {}),
      }),
    [page, from, to, entity, action],
  )
  const [chain, setChain] = useState<AuditChainStatus | null>(null)
  const [chainError, setChainError] = useState<string | null>(null)
  const [verifying, setVerifying] = useState(false)

  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<string | null>(null)
  const exportCsv = async () => {
    setExporting(true)
    setChainError(null)
    try {
      const r = await api.auditExport({ ...(from ? { from } : {}), ...(to ? { to } : {}) })
      if (r) setExported(`已导出 ${r.rows} 条审计记录到 ${r.file}（本次导出本身也已记入审计日志）`)
    } catch (e) {
      setChainError(errorMessage(e))
    } finally {
      setExporting(false)
    }
  }

  const verify = async () => {
    setVerifying(true)
    setChain(null)
    setChainError(null)
    try {
      setChain(await api.auditVerify({}))
    } catch (e) {
      setChainError(errorMessage(e))
    } finally {
      setVerifying(false)
    }
  }

  const filtered = (apply: () => void) => {
    apply()
    setPage(1)
  }

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="日期范围"
            value={range}
            onChange={(v) => filtered(() => setRange(v))}
            placeholder={['开始日期', '结束日期']}
            allowEmpty={[true, true]}
            style={{ width: 250 }}
          />
          <Select
            aria-label="对象"
            placeholder="全部对象"
            allowClear
            value={entity}
            onChange={(v: string | undefined) => filtered(() => setEntity(v))}
            options={Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }))}
            style={{ width: 130 }}
          />
          <Select
            aria-label="操作"
            placeholder="全部操作"
            allowClear
            value={action}
            onChange={(v: string | undefined) => filtered(() => setAction(v))}
            options={FILTER_ACTIONS.map((value) => ({ value, label: value === 'close' ? '销号 / 结束' : (ACTION_LABEL[value] ?? value) }))}
            style={{ width: 160 }}
          />
        </Space>
        <Space>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
            校验审计链
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
            导出 CSV
          </Button>
        </Space>
      </Flex>
      {exported && <Alert type="success" showIcon closable onClose={() => setExported(null)} title={exported} style={{ marginBottom: 12 }} />}
      {chain &&
        (chain.brokenAt === null ? (
          <Alert type="success" showIcon closable onClose={() => setChain(null)} title={`审计链完整：共 ${chain.rows} 条记录，逐条校验无误，未被改动。`} style={{ marginBottom: 12 }} />
        ) : (
          <Alert
            type="error"
            showIcon
            title={`审计链自第 ${chain.brokenAt} 条起被篡改（共 ${chain.rows} 条）`}
            description="该条及其后的记录与原始记录不一致，台账文件曾在程序之外被改动。请保留台账文件和备份，报告负责人和信息管理人员。"
            style={{ marginBottom: 12 }}
          />
        ))}
      {chainError && <Alert type="error" showIcon title={chainError} style={{ marginBottom: 12 }} />}
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: '没有符合条件的审计记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          size: 'small',
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
        expandable={{
          expandRowByClick: false,
          rowExpandable: (r) => r.detail !== '' && r.detail !== '{}' && r.detail !== 'null',
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{prettyDetail(r.detail)}</pre>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 70 },
          { title: '时间', dataIndex: 'at', width: 160 },
          { title: '操作人', dataIndex: 'actorName', width: 100 },
          { title: '操作', dataIndex: 'action', width: 130, render: (_, r) => actionLabel(r.action, r.entity) },
          {
            title: '对象',
            width: 130,
            render: (_, r) => `${ENTITY_LABEL[r.entity] ?? r.entity}${r.entityId === null ? '' : ` #${r.entityId}`}`,
          },
          {
            title: '摘要',
            render: (_, r) => {
              const more = digest(r.detail)
              const text = more ? `${r.summary}；${more}` : r.summary
              return <Typography.Text ellipsis={{ tooltip: text }}>{text}</Typography.Text>
            },
          },
        ]}
      />
    </>
  )
}
