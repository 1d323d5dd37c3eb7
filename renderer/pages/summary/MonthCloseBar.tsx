import { LockOutlined, UnlockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { MonthlyReport } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

/**
 * 月结: a closed month shows who closed it and what has changed since (调整); a supervisor closes a
 * month that is over, with the sentence as it stands, or reopens a closed one with a reason.
 */
export function MonthCloseBar({
  report,
  month,
  sentence,
  monthOver,
  onChanged,
}: {
  report: MonthlyReport
  month: string
  sentence: string
  monthOver: boolean
  onChanged: () => void
}) {
  const { message } = App.useApp()
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [busy, setBusy] = useState(false)
  const [reopening, setReopening] = useState(false)
  const [reason, setReason] = useState('')

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      message.success(done)
      onChanged()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const close = report.close
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {close ? (
        <Space wrap>
          <Tag icon={<LockOutlined />} color="blue">
            已月结
          </Tag>
          <Typography.Text type="secondary">
            {close.closedBy} 于 {close.closedAt.slice(0, 16)} 月结：以下为报送时的数字、文字和清单
          </Typography.Text>
          {supervisor && (
            <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(true)}>
              撤销月结
            </Button>
          )}
        </Space>
      ) : (
        monthOver &&
        supervisor && (
          <Popconfirm
            title={`将 ${month} 月结？`}
            description="按当前的数字、月报文字和清单冻结报送稿；此后打印和导出均为报送时的内容，记录的改动显示为“调整”。"
            okText="月结"
            cancelText="取消"
            onConfirm={() => void run(() => api.monthClose({ month, sentence }), `${month} 已月结`)}
          >
            <Button icon={<LockOutlined />} loading={busy}>
              月结
            </Button>
          </Popconfirm>
        )
      )}
      {close && report.adjustments.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="月结后数据调整"
          description={report.adjustments
            .map((a) => `${a.label}：报送 ${a.reported}，现为 ${a.now}（${signed(a.now - a.reported)}）`)
            .join('；')}
        />
      )}
      <Modal
        open={reopening}
        title={`撤销 ${month} 的月结`}
        okText="撤销月结"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '', loading: busy }}
        onCancel={() => setReopening(false)}
        onOk={() => {
          setReopening(false)
          void run(() => api.monthReopen({ month, reason }), `已撤销 ${month} 的月结`)
        }}
      >
        <Typography.Paragraph>撤销后本月按台账现有记录重新计算，撤销记入审计日志。请填写原因：</Typography.Paragraph>
        <Input.TextArea aria-label="撤销月结的原因" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Space>
  )
}
