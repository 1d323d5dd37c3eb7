import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, DatePicker, Flex, Result, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import type { AuditChainStatus, AuditEntry } from '../../../electron/contract/types'
import { auditFindings } from '../../../shared/audit-findings'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'
import { listWaiting } from '../../lib/listWaiting'

const PAGE_SIZE = 20

type Range = [Dayjs | null, Dayjs | null] | null

function prettyDetail(detail: string): string {
  try {
    const parsed: unknown = JSON.parse(detail)
    return JSON.stringify(parsed, null, 2)
  } catch {
    return detail
  }
}

/** One line per finding of the check, as `npm run ledger -- check` prints them. */
function FindingList({ lines }: { lines: string[] }) {
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  )
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
            options={list.data?.filters.entities ?? []}
            style={{ width: 130 }}
          />
          <Select
            aria-label="操作"
            placeholder="全部操作"
            // Dozens of actions: typed to find one, as the list grows with the ledger.
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            value={action}
            onChange={(v: string | undefined) => filtered(() => setAction(v))}
            options={list.data?.filters.actions ?? []}
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
      {exported && (
        <Alert type="success" showIcon closable onClose={() => setExported(null)} title={exported} style={{ marginBottom: 12 }} />
      )}
      {chain &&
        (chain.ok ? (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setChain(null)}
            title={`审计链完整：共 ${chain.rows} 条记录，逐条校验无误，未被改动。`}
            description={<FindingList lines={auditFindings(chain)} />}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={
              chain.brokenAt === null
                ? `审计校验发现问题（共 ${chain.rows} 条）`
                : `审计链自第 ${chain.brokenAt} 条起被篡改（共 ${chain.rows} 条）`
            }
            description={
              <>
                <FindingList lines={auditFindings(chain)} />
                台账文件曾在程序之外被改动。请保留台账文件和备份，报告负责人和信息管理人员。
              </>
            }
            style={{ marginBottom: 12 }}
          />
        ))}
      {chainError && <Alert type="error" showIcon title={chainError} style={{ marginBottom: 12 }} />}
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        {...listWaiting(list.loading, list.data !== undefined, '没有符合条件的审计记录')}
        dataSource={list.data?.rows ?? []}
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
          { title: '操作', dataIndex: 'actionLabel', width: 130 },
          { title: '对象', dataIndex: 'entityLabel', width: 130 },
          {
            title: '摘要',
            render: (_, r) => {
              const text = r.digest ? `${r.summary}；${r.digest}` : r.summary
              return <Typography.Text ellipsis={{ tooltip: text }}>{text}</Typography.Text>
            },
          },
        ]}
      />
    </>
  )
}
