import { Col, DatePicker, Form, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../../api'
import { useReference } from '../../../lib/reference'
import { ActionForm, SubmitTextArea, type ActionFormProps } from './ActionForm'
import { isoDate } from './dates'

interface Values {
  newDueDate: Dayjs
  approverId: number
  reason: string
}

/** 延期: a later deadline, approved by a section head or a leader, with the reason. */
export function ExtendForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const { staff } = useReference()
  const approvers = staff
    .filter((s) => s.active && (s.role === 'supervisor' || s.isLeader))
    .map((s) => ({ value: s.id, label: s.title ? `${s.name}（${s.title}）` : s.name }))
  const laterThanDue = (_: unknown, value: unknown) =>
    !dayjs.isDayjs(value) || isoDate(value) > detail.dueDate
      ? Promise.resolve()
      : Promise.reject(new Error(`新的办结时限须晚于原时限 ${detail.dueDate}`))
  return (
    <ActionForm<Values>
      okText="延期"
      save={(v) => api.issueExtend({ issueId: detail.id, newDueDate: isoDate(v.newDueDate), approverId: v.approverId, reason: v.reason })}
      onSaved={onSaved}
      onRefused={onRefused}
      onCancel={onCancel}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        原办结时限：{detail.dueDate}
        {detail.dueState === 'overdue' && (
          <Typography.Text type="danger">（已超期：将记为超期后延期，按期办结率仍按超期计）</Typography.Text>
        )}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="newDueDate"
            label="新的办结时限"
            rules={[{ required: true, message: '请选择新的办结时限' }, { validator: laterThanDue }]}
          >
            <DatePicker style={{ width: '100%' }} placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="approverId" label="批准人" rules={[{ required: true, message: '请选择批准人（股室负责人或局领导）' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="负责人或局领导" options={approvers} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
        <SubmitTextArea maxLength={1000} />
      </Form.Item>
    </ActionForm>
  )
}
