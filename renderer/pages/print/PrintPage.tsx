import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Empty, Spin } from 'antd'
import { useState } from 'react'
import { ContractError } from '../../../electron/contract/errors'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useQuery } from '../../lib/useQuery'
import { AppointmentListView } from './AppointmentListView'
import { HandoverSheetView } from './HandoverSheetView'
import { ReportView } from './ReportView'
import { PetitionNoticeView } from './PetitionNoticeView'
import { RecoverySheetView } from './RecoverySheetView'
import { forgetPassphrase, passphraseForSheet } from '../../lib/recovery-passphrase'
import { noticeKind } from '../../../shared/codes/petitions'
import { ReceiptView } from './ReceiptView'
import './print.css'

const idsOf = (v: string | null): number[] =>
  (v ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)

/** A4 pages as they will print; the toolbar is hidden on paper. */
export default function PrintPage({ params }: { params: URLSearchParams }) {
  const kind = params.get('kind')
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const data = useQuery(async () => {
    if (kind === 'monthly') return { kind: 'report' as const, report: await api.reportMonth({ month: params.get('month') ?? '' }) }
    if (kind === 'period')
      return { kind: 'report' as const, report: await api.summaryPeriod({ from: params.get('from') ?? '', to: params.get('to') ?? '' }) }
    if (kind === 'receipt') return { kind: 'receipt' as const, receipt: await api.printReceipt({ visitId: Number(params.get('visit')) }) }
    const sessionId = Number(params.get('session'))
    if (kind === 'appointments') return { kind: 'appointments' as const, day: await api.appointmentList({ sessionId }) }
    if (kind === 'recovery') return { kind: 'recovery' as const, sheet: await api.printRecoverySheet({}), passphrase: passphraseForSheet() }
    if (kind === 'notice') return { kind: 'notice' as const, notice: await api.petitionNotice({ noticeId: Number(params.get('notice')) }) }
    const sheets = await api.printHandover(
      Number.isInteger(sessionId) && sessionId > 0 ? { sessionId } : { issueIds: idsOf(params.get('issues')) },
    )
    return { kind: 'handover' as const, sheets }
  }, [params.toString()])

  const fileName =
    data.data?.kind === 'receipt'
      ? `受理回执-${data.data.receipt.issues[0]?.number ?? ''}`
      : data.data?.kind === 'recovery'
        ? '台账恢复口令单'
        : data.data?.kind === 'notice'
          ? `${noticeKind.label(data.data.notice.kind)}-${data.data.notice.number}`
          : data.data?.kind === 'appointments'
            ? `预约名单-${data.data.day.session.date}`
            : data.data?.kind === 'report'
              ? `接待日工作情况-${data.data.report.summary.period.label}`
              : `交办单-${data.data?.kind === 'handover' ? (data.data.sheets[0]?.number ?? '') : ''}${data.data?.kind === 'handover' && data.data.sheets.length > 1 ? `等${data.data.sheets.length}份` : ''}`

  const run = async (mode: 'print' | 'pdf') => {
    setBusy(true)
    try {
      const outcome = await api.printPage({ mode, fileName })
      if (outcome.file) message.success(`已存为 ${outcome.file}`)
      // Printed once: the passphrase leaves this window's memory.
      if (data.data?.kind === 'recovery' && outcome.done) forgetPassphrase()
    } catch (e) {
      // The browser preview has no Electron printer; the browser's own dialog does the same job.
      if (e instanceof ContractError && e.code === 'unavailable') window.print()
      else message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="print-desk">
      <div className="print-toolbar">
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => {
            forgetPassphrase()
            window.history.back()
          }}
        >
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} loading={busy} onClick={() => void run('print')} disabled={!data.data}>
          打印（A4）
        </Button>
        {/* The recovery sheet goes to paper only: a PDF of it would leave the passphrase in a file. */}
        {data.data?.kind !== 'recovery' && (
          <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void run('pdf')} disabled={!data.data}>
            存为 PDF
          </Button>
        )}
      </div>
      {data.error && <Alert type="error" showIcon title={data.error} style={{ maxWidth: 600, margin: '0 auto' }} />}
      {data.loading && !data.data && <Spin style={{ display: 'block', margin: 40 }} />}
      {data.data?.kind === 'handover' &&
        (data.data.sheets.length === 0 ? (
          <Empty description="没有可打印的交办单" />
        ) : (
          data.data.sheets.map((s) => <HandoverSheetView key={s.issueId} sheet={s} />)
        ))}
      {data.data?.kind === 'appointments' && <AppointmentListView day={data.data.day} />}
      {data.data?.kind === 'receipt' && <ReceiptView receipt={data.data.receipt} />}
      {data.data?.kind === 'notice' && <PetitionNoticeView sheet={data.data.notice} />}
      {data.data?.kind === 'recovery' && <RecoverySheetView sheet={data.data.sheet} passphrase={data.data.passphrase} />}
      {data.data?.kind === 'report' && (
        <ReportView
          report={data.data.report}
          // A closed month prints the sentence as it was sent, whatever the screen held.
          sentence={
            'close' in data.data.report && data.data.report.close
              ? data.data.report.sentence
              : (params.get('sentence') ?? data.data.report.sentence)
          }
        />
      )}
    </div>
  )
}
