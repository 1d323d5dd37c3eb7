import { Alert, App, Form, Input, InputNumber, Typography, type InputRef } from 'antd'
import { useRef } from 'react'
import type { VisitSummary } from '../../../electron/contract/types'
import { api } from '../../api'
import { FormModal } from '../../components/FormModal'
import { needsRefresh } from '../../lib/errors'

interface MatterText {
  content: string
  answer?: string
  place?: string
}

interface Values {
  headcount: number
  matters: MatterText[]
  reason: string
}

/** Which box a refusal is about, from the ledger's words. */
function fieldFor(_code: string, message: string): string | null {
  if (message.includes('原因')) return 'reason'
  if (message.includes('人数')) return 'headcount'
  return null
}

/**
 * 更正 a saved visit: its head-count and the wording of what it raised, with one reason. The
 * ledger keeps each changed field's old text, the reason and who in the record's history; the
 * clerk who registered it may correct it for seven days while its issues are being handled,
 * a supervisor at any time (the ledger says so when it refuses).
 */
export function CorrectVisitModal({
  visit,
  onSaved,
  onStale,
  onClose,
}: {
  visit: VisitSummary
  onSaved: () => void
  /** Someone saved the visit first: the list is read again, and what was typed stays for another try. */
  onStale: () => void
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const reasonRef = useRef<InputRef>(null)
  const initial: Values = {
    headcount: visit.headcount,
    matters: visit.matters.map((m) => ({ content: m.content, answer: m.answer ?? undefined, place: m.place ?? undefined })),
    reason: '',
  }

  const save = async (v: Values) => {
    const matters = visit.matters.flatMap((m, i) => {
      const typed = v.matters[i]
      if (!typed) return []
      const change: { matterId: number; content?: string; answer?: string; place?: string | null } = { matterId: m.id }
      if (typed.content !== m.content) change.content = typed.content
      if (m.type === 'consultation' && (typed.answer ?? '') !== (m.answer ?? '')) change.answer = typed.answer ?? ''
      if (m.type === 'issue' && (typed.place ?? '') !== (m.place ?? '')) change.place = typed.place?.trim() ? typed.place : null
      return Object.keys(change).length > 1 ? [change] : []
    })
    try {
      await api.visitCorrect({
        visitId: visit.id,
        ...(v.headcount !== visit.headcount ? { headcount: v.headcount } : {}),
        ...(matters.length > 0 ? { matters } : {}),
        reason: v.reason,
        version: visit.version,
      })
    } catch (e) {
      if (needsRefresh(e)) onStale()
      throw e
    }
    message.success(`已更正 ${visit.visitorName} 的来访登记`)
    onSaved()
  }

  return (
    <FormModal<Values>
      title={`更正来访登记：${visit.visitorName}（${visit.arrivedAt.slice(5, 16)}）`}
      name="correct-visit"
      draftKey={`correct:visit:${visit.id}`}
      form={form}
      initialValues={initial}
      focusRef={reasonRef}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="更正会保留原来的内容、更正原因和更正人，记入这条记录的更正历史；统计数字按更正后的记录计算。"
      />
      <Form.Item name="headcount" label="来访人数" rules={[{ required: true, message: '请填写来访人数' }]}>
        <InputNumber min={1} max={999} precision={0} style={{ width: 120 }} />
      </Form.Item>
      {visit.matters.map((m, i) => (
        <div key={m.id} style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            事项 {i + 1}：{m.type === 'issue' ? `受理问题 ${m.issueNumber ?? ''}` : '咨询'}（{m.categoryName}）
          </Typography.Text>
          <Form.Item
            name={['matters', i, 'content']}
            label={m.type === 'issue' ? '反映问题' : '咨询内容'}
            rules={[{ required: true, whitespace: true, message: '内容不能为空' }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
          </Form.Item>
          {m.type === 'issue' ? (
            <Form.Item name={['matters', i, 'place']} label="问题地点">
              <Input maxLength={200} />
            </Form.Item>
          ) : (
            <Form.Item
              name={['matters', i, 'answer']}
              label="答复内容"
              rules={[{ required: true, whitespace: true, message: '答复内容不能为空' }]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
            </Form.Item>
          )}
        </div>
      ))}
      <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
        <Input ref={reasonRef} maxLength={200} placeholder="如：登记时听错；来访人补充说明" />
      </Form.Item>
    </FormModal>
  )
}
