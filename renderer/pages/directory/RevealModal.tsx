import { revealField } from '../../../shared/codes/privacy'
import { EyeOutlined } from '@ant-design/icons'
import { Alert, Button, Flex, Form, Input, Modal, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { RevealField, Visitor } from '../../../electron/contract/types'
import { api } from '../../api'
import { useSaving } from '../../lib/useSaving'

interface Values {
  reason: string
}

/**
 * 查看完整号码 (个人信息保护法 art. 51): a 负责人 states why, the ledger writes who, when, which field
 * and why to the audit log, and the number is shown here only — never in a list, never kept.
 */
export function RevealModal({ visitor, field, onClose }: { visitor: Visitor; field: RevealField; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const ref = useRef<InputRef>(null)
  const [value, setValue] = useState<string | null>(null)
  const { error, saving, submit } = useSaving(form, (_code, msg) => (msg.includes('原因') ? 'reason' : null))
  const label = revealField.labels[field]

  const reveal = (v: Values) =>
    submit(async () => {
      const revealed = await api.visitorReveal({ visitorId: visitor.id, field, reason: v.reason })
      setValue(revealed.value)
    })

  const close = () => {
    // Forgotten as the dialog closes: the full number is not kept in the page.
    setValue(null)
    onClose()
  }

  return (
    <Modal
      open
      title={`查看完整${label}：${visitor.name}`}
      onCancel={close}
      footer={null}
      width={480}
      afterOpenChange={(open) => open && ref.current?.focus()}
      destroyOnHidden
    >
      {value === null ? (
        <Form form={form} name="reveal" layout="vertical" onFinish={(v) => void reveal(v)} requiredMark={false}>
          <Typography.Paragraph type="secondary">
            {label}平时只显示部分号码（{(field === 'phone' ? visitor.phone : visitor.idNumber) ?? '—'}
            ）。查看完整号码须说明原因，查看人、时间和原因将记入审计日志。
          </Typography.Paragraph>
          <Form.Item name="reason" label="查看原因" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }]}>
            <Input ref={ref} maxLength={200} placeholder="如：回访时电话号码有误，需核对" autoComplete="off" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>取消</Button>
            <Button type="primary" htmlType="submit" icon={<EyeOutlined />} loading={saving}>
              查看
            </Button>
          </Flex>
        </Form>
      ) : (
        <>
          <Flex vertical align="center" gap={4} style={{ margin: '8px 0 16px' }}>
            <Typography.Text type="secondary">{label}</Typography.Text>
            <Typography.Text strong aria-label={`完整${label}`} style={{ fontSize: 22, letterSpacing: 1 }}>
              {value}
            </Typography.Text>
          </Flex>
          <Alert
            type="info"
            showIcon
            title="本次查看已记入审计日志（查看人、时间、原因）。请勿抄录或转告无关人员；关闭后不再显示。"
            style={{ marginBottom: 12 }}
          />
          <Flex justify="flex-end">
            <Button type="primary" autoFocus onClick={close}>
              关闭
            </Button>
          </Flex>
        </>
      )}
    </Modal>
  )
}
