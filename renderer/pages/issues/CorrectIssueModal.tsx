import { Alert, App, Form, Input, type InputRef } from 'antd'
import { useRef } from 'react'
import type { IssueDetail } from '../../../electron/contract/types'
import { api } from '../../api'
import { FormModal } from '../../components/FormModal'

interface Values {
  content: string
  place?: string
  result?: string
  reason: string
}

function fieldFor(_code: string, message: string): string | null {
  if (message.includes('原因')) return 'reason'
  if (message.includes('地点')) return 'place'
  if (message.includes('办理结果')) return 'result'
  if (message.includes('反映问题')) return 'content'
  return null
}

/**
 * 更正 an issue's description and place, and once it is 办结 its result, with a reason. Each
 * change goes into the issue's timeline with the old text, the reason and who.
 */
export function CorrectIssueModal({
  issue,
  onSaved,
  onRefresh,
  onClose,
}: {
  issue: IssueDetail
  onSaved: (d: IssueDetail) => void
  /** Reads the issue again after a save refused as stale; the dialog keeps what was typed. */
  onRefresh: () => void
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const reasonRef = useRef<InputRef>(null)
  const hasResult = issue.result !== null
  const initial: Values = { content: issue.content, place: issue.place ?? '', result: issue.result ?? '', reason: '' }

  const save = async (v: Values) => {
    const saved = await api.issueCorrect({
      issueId: issue.id,
      version: issue.version,
      ...(v.content !== issue.content ? { content: v.content } : {}),
      ...((v.place ?? '') !== (issue.place ?? '') ? { place: v.place?.trim() ? v.place : null } : {}),
      ...(hasResult && (v.result ?? '') !== (issue.result ?? '') ? { result: v.result ?? '' } : {}),
      reason: v.reason,
    })
    message.success(`已更正 ${issue.number}`)
    onSaved(saved)
  }

  return (
    <FormModal<Values>
      title={`更正问题：${issue.number}`}
      name="correct-issue"
      draftKey={`correct:issue:${issue.id}`}
      form={form}
      initialValues={initial}
      focusRef={reasonRef}
      onRefresh={onRefresh}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="原来的内容、更正原因和更正人将记入办理经过。" />
      <Form.Item name="content" label="反映问题" rules={[{ required: true, whitespace: true, message: '请填写反映问题' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
      <Form.Item name="place" label="问题地点">
        <Input maxLength={200} />
      </Form.Item>
      {hasResult && (
        <Form.Item name="result" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      )}
      <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
        <Input ref={reasonRef} maxLength={200} placeholder="如：登记时写错地点；承办股室补充结论" />
      </Form.Item>
    </FormModal>
  )
}
