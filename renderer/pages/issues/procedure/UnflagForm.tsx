import { Form } from 'antd'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { required } from './PetitionFields'

/** A 负责人's word that a petition flagged as the same matter is a new one after all. */
export function UnflagForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ reason: string }>
      okText="解除重复标记"
      save={(v) => api.petitionUnflag({ issueId: detail.id, version: detail.version, reason: v.reason })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="reason" label="理由" rules={required('请说明为什么不是同一事项')}>
        <SubmitTextArea maxLength={1000} placeholder="如：反映的是另一家企业" />
      </Form.Item>
    </ActionForm>
  )
}
