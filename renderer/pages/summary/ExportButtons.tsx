import { DownOutlined, FileExcelOutlined } from '@ant-design/icons'
import { App, Button, Dropdown, Input, Modal, Progress, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { ExportResult } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'

/** A long export (a year, any period) with its progress bar, polled from export-progress. */
function useLongExport() {
  const { message } = App.useApp()
  const [running, setRunning] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ done: number; total: number }>({ done: 0, total: 0 })

  useEffect(() => {
    if (running === null) return
    const timer = setInterval(() => {
      api
        .exportProgress({})
        .then((p) => setProgress({ done: p.done, total: p.total }))
        .catch(() => undefined)
    }, 300)
    return () => clearInterval(timer)
  }, [running])

  const run = async (work: () => Promise<ExportResult | null>) => {
    try {
      const r = await work()
      if (r) message.success(`已导出 ${r.rows} 行到 ${r.file}`)
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  const runLong = async (title: string, work: () => Promise<ExportResult | null>) => {
    setProgress({ done: 0, total: 0 })
    setRunning(title)
    await run(work)
    setRunning(null)
  }
  const modal = (
    <Modal open={running !== null} title={running ?? ''} footer={null} closable={false}>
      <Progress percent={progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0} status="active" />
      <Typography.Text type="secondary">
        {progress.total > 0 ? `已写入 ${progress.done} / ${progress.total} 行` : '正在读取台账…'}
      </Typography.Text>
    </Modal>
  )
  return { run, runLong, modal }
}

/** Excel and CSV of the month or year; the year export shows its progress while it runs. */
export function ExportButtons({ month }: { month: string }) {
  const { operator } = useOperator()
  const { run, runLong, modal } = useLongExport()
  const [unmaskOpen, setUnmaskOpen] = useState(false)
  const [reason, setReason] = useState('')
  const year = Number(month.slice(0, 4))

  return (
    <>
      <Space.Compact>
        <Button icon={<FileExcelOutlined />} onClick={() => void run(() => api.exportMonth({ month }))}>
          导出本月 Excel
        </Button>
        <Dropdown
          menu={{
            items: [
              { key: 'year', label: `导出 ${year} 全年 Excel` },
              { key: 'csv', label: '导出本月问题台账 CSV' },
              { key: 'unmasked', label: '导出未脱敏 Excel（需负责人）', disabled: operator?.role !== 'supervisor' },
            ],
            onClick: ({ key }) => {
              if (key === 'year') void runLong(`正在导出 ${year} 年台账`, () => api.exportYear({ year }))
              if (key === 'csv') void run(() => api.exportIssuesCsv({ month }))
              if (key === 'unmasked') setUnmaskOpen(true)
            },
          }}
        >
          <Button icon={<DownOutlined />} aria-label="更多导出" />
        </Dropdown>
      </Space.Compact>
      {modal}
      <Modal
        open={unmaskOpen}
        title="导出未脱敏的台账"
        okText="导出"
        cancelText="取消"
        onCancel={() => setUnmaskOpen(false)}
        onOk={() => {
          setUnmaskOpen(false)
          void run(() => api.exportMonth({ month, unmasked: true, reason }))
        }}
      >
        <Typography.Paragraph>未脱敏的文件含完整的电话和身份证号，导出将记入审计日志。请填写导出原因：</Typography.Paragraph>
        <Input.TextArea aria-label="导出原因" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </>
  )
}

/** Excel of any period (masked), streamed with its progress bar. */
export function PeriodExportButton({ from, to, label }: { from: string; to: string; label: string }) {
  const { runLong, modal } = useLongExport()
  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => void runLong(`正在导出${label}台账`, () => api.exportPeriod({ from, to }))}>
        导出本期 Excel
      </Button>
      {modal}
    </>
  )
}
