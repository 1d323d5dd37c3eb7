import { FolderOpenOutlined, ImportOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Input, Modal, Progress, Select, Space, Table, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import type { ImportBatchSummary, ImportField, ImportInspection, ImportReport, SessionKind } from '../../../../electron/contract/types'
import { api } from '../../../api'
import { errorMessage } from '../../../lib/errors'
import { SESSION_KIND } from '../../../lib/labels'
import { useOperator } from '../../../lib/operator'
import { useQuery } from '../../../lib/useQuery'
import { BatchList } from './ImportBatchList'
import { ReportView } from './ImportReportView'
import { mappedColumns, toMapping } from './mapping'
// 设置 → 导入: bring in the office's existing Excel / CSV ledger. Choose the file (main's open
// dialog), check the guessed column for each ledger field, dry-run, then import in one go with a
// progress bar; past imports are listed and can be undone as a whole.

const KINDS: readonly SessionKind[] = ['enterprise', 'public', 'leader', 'field']

/** The whole 导入 screen, self-contained: it only needs window.api and the operator. */
export function ImportPanel() {
  const { message, modal } = App.useApp()
  const { operator } = useOperator()
  const isSupervisor = operator?.role === 'supervisor' && operator.id !== null
  const [inspection, setInspection] = useState<ImportInspection | null>(null)
  const [sheetName, setSheetName] = useState<string | null>(null)
  const [columns, setColumns] = useState<Map<ImportField, number>>(new Map())
  const [defaultKind, setDefaultKind] = useState<SessionKind | undefined>(undefined)
  const [location, setLocation] = useState('')
  const [skipBad, setSkipBad] = useState(false)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [summary, setSummary] = useState<ImportBatchSummary | null>(null)
  const [busy, setBusy] = useState<'choose' | 'dry-run' | 'run' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState({ done: 0, total: 0 })
  const [allFields, setAllFields] = useState(false)
  const batches = useQuery(() => api.importBatches({}), [])

  const sheet = useMemo(() => inspection?.sheets.find((s) => s.name === sheetName) ?? null, [inspection, sheetName])

  // The progress bar: polled while a dry run or an import runs in main.
  useEffect(() => {
    if (busy !== 'dry-run' && busy !== 'run') return
    const timer = setInterval(() => {
      api
        .importProgress({})
        .then((p) => setProgress({ done: p.done, total: p.total }))
        .catch(() => undefined)
    }, 300)
    return () => clearInterval(timer)
  }, [busy])

  const chooseSheet = (insp: ImportInspection, name: string) => {
    setSheetName(name)
    setColumns(mappedColumns(insp.sheets.find((s) => s.name === name)?.mapping ?? {}, insp.fields))
    setReport(null)
    setSummary(null)
  }

  const choose = async () => {
    setBusy('choose')
    setError(null)
    try {
      const picked = await api.importChooseFile({})
      if (picked === null) return
      const insp = await api.importInspect({ file: picked.file })
      setInspection(insp)
      chooseSheet(insp, insp.defaultSheet)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const request = () => {
    if (!inspection || !sheet) return null
    return {
      file: inspection.file,
      sheet: sheet.name,
      mapping: toMapping(columns),
      defaultKind,
      location: location.trim() === '' ? undefined : location.trim(),
    }
  }

  const dryRun = async () => {
    const input = request()
    if (!input) return
    setBusy('dry-run')
    setError(null)
    setProgress({ done: 0, total: 0 })
    setSummary(null)
    try {
      setReport(await api.importDryRun(input))
    } catch (e) {
      setReport(null)
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const run = async () => {
    const input = request()
    if (!input) return
    setBusy('run')
    setError(null)
    setProgress({ done: 0, total: 0 })
    try {
      const done = await api.importRun({ ...input, skipBad })
      setSummary(done)
      setReport(null)
      message.success(`已导入 ${done.counts.imported} 行（导入批次 ${done.batchId}）`)
      batches.reload()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const undo = async (batchId: number) => {
    try {
      const r = await api.importUndo({ batchId })
      message.success(`已撤销导入批次 ${r.batchId}：作废来访登记 ${r.visits} 条`)
      batches.reload()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  const setColumn = (field: ImportField, column: number | null) => {
    const next = new Map(columns)
    // One column feeds one field: choosing it here takes it from the field that had it.
    for (const [f, c] of next) if (c === column) next.delete(f)
    if (column === null) next.delete(field)
    else next.set(field, column)
    setColumns(next)
    setReport(null)
  }

  const missing = inspection?.fields.filter((f) => f.required && !columns.has(f.field)).map((f) => f.label) ?? []
  const unreadableRows = report ? new Set(report.unreadable.map((u) => u.row)).size : 0
  const canRun = report !== null && isSupervisor && (unreadableRows === 0 || skipBad) && report.counts.imported > 0
  const columnOptions = (sheet?.columns ?? []).map((c) => ({
    value: c.index,
    label: `${c.letter} 列 · ${c.group ? `${c.group} / ` : ''}${c.header}`,
  }))

  return (
    <>
      <Card size="small" title="导入原有台账（Excel / CSV）" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          选择办公室原来使用的 Excel（.xlsx）或 CSV
          台账，核对每个台账字段对应表格中的哪一列，先“试导入”查看将导入的内容、重复的行和无法读取的行，确认后一次导入。整批导入可以整批撤销。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button
            icon={<FolderOpenOutlined />}
            onClick={() => void choose()}
            loading={busy === 'choose'}
            disabled={busy !== null && busy !== 'choose'}
          >
            选择文件
          </Button>
          {inspection && (
            <Typography.Text>
              {inspection.fileName}
              {inspection.format === 'csv' && inspection.encoding
                ? `（CSV，${inspection.encoding === 'gbk' ? 'GBK' : inspection.encoding.toUpperCase()} 编码）`
                : ''}
            </Typography.Text>
          )}
          {inspection && inspection.sheets.length > 1 && (
            <Select
              aria-label="工作表"
              style={{ minWidth: 200 }}
              value={sheetName ?? undefined}
              onChange={(name: string) => chooseSheet(inspection, name)}
              options={inspection.sheets.map((s) => ({
                value: s.name,
                label: `工作表：${s.name}${s.headerRow === null ? '（找不到表头）' : ''}`,
              }))}
            />
          )}
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {sheet && sheet.headerRow === null && (
          <Alert type="warning" showIcon title={`工作表“${sheet.name}”中找不到表头行，请选择其他工作表`} />
        )}
        {sheet && sheet.headerRow !== null && inspection && (
          <>
            <Typography.Paragraph>
              表头在第 {sheet.headerRow} 行，数据 {sheet.dataRows} 行
              {sheet.titleYear ? `；标题中的年份 ${sheet.titleYear} 用于没有年份的日期` : ''}。
              {sheet.linked.length > 0 && ` 将按问题编号从工作表“${sheet.linked.join('”“')}”补充办理情况和回访记录。`}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="field"
              pagination={false}
              style={{ marginBottom: 12 }}
              dataSource={allFields ? inspection.fields : inspection.fields.filter((f) => f.required || columns.has(f.field))}
              footer={() => (
                <Button type="link" size="small" onClick={() => setAllFields(!allFields)}>
                  {allFields ? '只显示已对应的字段' : `显示全部 ${inspection.fields.length} 个台账字段（为未识别的列选择字段）`}
                </Button>
              )}
              columns={[
                {
                  title: '台账字段',
                  width: 170,
                  render: (_v, f) => (
                    <span>
                      {f.label}
                      {f.required && <Typography.Text type="danger"> *</Typography.Text>}
                    </span>
                  ),
                },
                {
                  title: '表格中的列',
                  width: 280,
                  render: (_v, f) => (
                    <Select
                      aria-label={`${f.label}对应的列`}
                      allowClear
                      placeholder="不导入"
                      style={{ width: '100%' }}
                      value={columns.get(f.field)}
                      onChange={(v: number | undefined) => setColumn(f.field, v ?? null)}
                      options={columnOptions}
                    />
                  ),
                },
                {
                  title: '示例',
                  render: (_v, f) => {
                    const col = columns.get(f.field)
                    const position = sheet.columns.findIndex((c) => c.index === col)
                    const samples = position < 0 ? [] : sheet.samples.map((row) => row[position] ?? '').filter((v) => v !== '')
                    return <Typography.Text type="secondary">{samples.slice(0, 3).join(' ｜ ')}</Typography.Text>
                  },
                },
                { title: '说明', dataIndex: 'hint', render: (hint: string) => <Typography.Text type="secondary">{hint}</Typography.Text> },
              ]}
            />
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                aria-label="默认接待类型"
                allowClear
                placeholder="未注明接待类型的行：自动"
                style={{ width: 260 }}
                value={defaultKind}
                onChange={(v: SessionKind | undefined) => {
                  setDefaultKind(v)
                  setReport(null)
                }}
                options={KINDS.map((k) => ({ value: k, label: `未注明的按${SESSION_KIND[k]}` }))}
              />
              <Input
                aria-label="接待地点"
                placeholder="新建接待日的地点（表格中没有时）"
                style={{ width: 280 }}
                maxLength={60}
                value={location}
                onChange={(e) => {
                  setLocation(e.target.value)
                  setReport(null)
                }}
              />
              <Checkbox checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)}>
                跳过无法读取的行
              </Checkbox>
            </Space>
            {missing.length > 0 && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`请为“${missing.join('”“')}”选择表格中的列`} />
            )}
            <Space style={{ marginBottom: 12 }}>
              <Button
                onClick={() => void dryRun()}
                loading={busy === 'dry-run'}
                disabled={missing.length > 0 || (busy !== null && busy !== 'dry-run')}
              >
                试导入
              </Button>
              <Button
                type="primary"
                icon={<ImportOutlined />}
                loading={busy === 'run'}
                disabled={!canRun || busy !== null}
                onClick={() =>
                  modal.confirm({
                    title: '确认导入',
                    content: `将导入 ${report?.counts.imported ?? 0} 行${skipBad && unreadableRows > 0 ? `，跳过无法读取的 ${unreadableRows} 行` : ''}。导入一次完成，之后可整批撤销。`,
                    okText: '导入',
                    cancelText: '取消',
                    onOk: () => run(),
                  })
                }
              >
                导入
              </Button>
              {!isSupervisor && <Typography.Text type="secondary">导入和撤销须由负责人登录后操作</Typography.Text>}
              {report && unreadableRows > 0 && !skipBad && (
                <Typography.Text type="warning">有 {unreadableRows} 行无法读取：请修正表格，或勾选“跳过无法读取的行”</Typography.Text>
              )}
            </Space>
            {report && <ReportView report={report} done={false} />}
            {summary && (
              <>
                <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`已导入（导入批次 ${summary.batchId}）`} />
                <ReportView report={summary} done />
              </>
            )}
          </>
        )}
        <Modal
          open={busy === 'dry-run' || busy === 'run'}
          title={busy === 'run' ? '正在导入' : '正在试导入'}
          footer={null}
          closable={false}
        >
          <Progress percent={progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0} status="active" />
          <Typography.Text type="secondary">
            {progress.total > 0 ? `已处理 ${progress.done} / ${progress.total} 行` : '正在读取表格…'}
          </Typography.Text>
        </Modal>
      </Card>
      <Card size="small" title="导入记录">
        {batches.error && <Alert type="error" showIcon title={batches.error} style={{ marginBottom: 12 }} />}
        <BatchList batches={batches.data ?? []} onUndo={undo} canUndo={isSupervisor} />
      </Card>
    </>
  )
}
