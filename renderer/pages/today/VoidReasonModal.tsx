import { Alert, App, Button, Flex, Form, Input, Modal, Typography, type GetRef } from 'antd'
import { useRef, type ReactNode } from 'react'
import type { VisitSummary } from '../../../electron/contract/types'
import { api } from '../../api'
import { focusOnOpen, submitOnEnter } from '../../lib/forms'
import { useCloseGuard } from '../../lib/useCloseGuard'
import { useFormDraft } from '../../lib/useFormDraft'
import { useSaving } from '../../lib/useSaving'

interface Values {
  reason: string
}

/**
 * 作废 with a reason: nothing is deleted, the record leaves every list and figure and stays in the
 * ledger and its audit log. A refusal (someone else's visit, a day already held…) is shown here in
 * the ledger's own words, and the reason typed is kept.
 */
export function VoidReasonModal({
  title,
  children,
  okText,
  draftKey,
  onVoid,
  onClose,
}: {
  title: string
  children: ReactNode
  okText: string
  /** What is voided, e.g. `void:visit:38`: the reason typed is kept as a draft under it until voided or discarded. */
  draftKey: string
  onVoid: (reason: string) => Promise<void>
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const ref = useRef<GetRef<typeof Input.TextArea>>(null)
  const { error, saving, submit } = useSaving(form, (_code, msg) => (msg.includes('原因') ? 'reason' : null))
  const draft = useFormDraft(form, draftKey, {})
  const guard = useCloseGuard()
  const cancel = () => guard(draft.isDirty(), onClose, draft.discard)

  const voidIt = (v: Values) =>
    submit(async () => {
      await onVoid(v.reason.trim())
      draft.discard()
    })

  return (
    <Modal open title={title} onCancel={cancel} footer={null} width={520} afterOpenChange={focusOnOpen(ref)} destroyOnHidden>
      <Typography.Paragraph type="secondary">{children}</Typography.Paragraph>
      <Form
        form={form}
        name="void"
        layout="vertical"
        onFinish={(v) => void voidIt(v)}
        onValuesChange={draft.onValuesChange}
        requiredMark={false}
      >
        <Form.Item name="reason" label="作废原因" rules={[{ required: true, whitespace: true, message: '请填写作废原因' }]}>
          <Input.TextArea
            ref={ref}
            rows={2}
            maxLength={200}
            showCount
            placeholder="如：重复登记；登记错了接待日"
            onKeyDown={submitOnEnter(form)}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={cancel}>取消</Button>
          <Button type="primary" danger htmlType="submit" loading={saving}>
            {okText}
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}

/** 作废 one visit: its issues go with it (their numbers stay taken). */
export function VoidVisitModal({ visit, onVoided, onClose }: { visit: VisitSummary; onVoided: () => void; onClose: () => void }) {
  const { message } = App.useApp()
  const issues = visit.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : []))
  return (
    <VoidReasonModal
      title={`作废来访登记：${visit.visitorName}（${visit.arrivedAt.slice(11, 16)}）`}
      okText="作废"
      draftKey={`void:visit:${visit.id}`}
      onClose={onClose}
      onVoid={async (reason) => {
        const r = await api.visitVoid({ visitId: visit.id, reason })
        message.success(
          `已作废 ${visit.visitorName} 的来访登记${r.issueNumbers.length > 0 ? `，问题 ${r.issueNumbers.join('、')} 随之作废（编号保留不再使用）` : ''}`,
        )
        onVoided()
      }}
    >
      作废后，这条来访登记{issues.length > 0 ? `及其受理的问题 ${issues.join('、')} ` : ''}
      不再出现在各列表和统计数字中，但仍保留在台账和审计日志里，不能恢复。前台工作人员只能作废本人当天登记、问题尚未交办的来访，其他情况请负责人作废。
    </VoidReasonModal>
  )
}
