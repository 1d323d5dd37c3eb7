import { LockOutlined } from '@ant-design/icons'
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../../api'
import { useOperator } from '../../../lib/operator'
import { useReference } from '../../../lib/reference'
import { ActionForm, SubmitTextArea, type ActionFormProps } from './ActionForm'
import { isoDate } from './dates'

interface Values {
  newDueDate: Dayjs
  approverId: number
  approverPin?: string
  reason: string
}

/**
 * 延期: a later deadline with the reason, approved by a 负责人: the one signed in, or another who
 * confirms at the desk by typing their own PIN (the ledger checks and counts it like a sign-in).
 */
export function ExtendForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const { staff } = useReference()
  const { operator } = useOperator()
  const me = operator?.role === 'supervisor' ? operator.id : null
  // Only a supervisor with a PIN of their own can confirm.
  const approvers = staff
    .filter((s) => s.active && s.role === 'supervisor' && s.hasPin && !s.pinInitial)
    .map((s) => ({ value: s.id, label: `${s.title ? `${s.name}（${s.title}）` : s.name}${s.id === me ? '（本人）' : ''}` }))
  const laterThanDue = (_: unknown, value: unknown) =>
    !dayjs.isDayjs(value) || isoDate(value) > detail.dueDate
      ? Promise.resolve()
      : Promise.reject(new Error(`新的办结时限须晚于原时限 ${detail.dueDate}`))
  return (
    <ActionForm<Values>
      okText="延期"
      {...(me !== null ? { initialValues: { approverId: me } } : {})}
      save={(v) =>
        api.issueExtend({
          issueId: detail.id,
          version: detail.version,
          newDueDate: isoDate(v.newDueDate),
          approverId: v.approverId,
          ...(v.approverId !== me && v.approverPin ? { approverPin: v.approverPin } : {}),
          reason: v.reason,
        })
      }
      onSaved={onSaved}
      onRefused={onRefused}
      onCancel={onCancel}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        原办结时限：{detail.dueDate}
        {detail.dueState === 'overdue' && (
          <Typography.Text type="danger">（已超期：将记为超期后延期，按期办结率仍按超期计）</Typography.Text>
        )}
        。延期须经负责人批准：由登录的负责人本人操作，或由批准的负责人在此输入本人 PIN。
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
          <Form.Item name="approverId" label="批准人" rules={[{ required: true, message: '请选择批准延期的负责人' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="负责人" options={approvers} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.approverId !== b.approverId}>
        {({ getFieldValue }) => {
          const approver: unknown = getFieldValue('approverId')
          if (approver === undefined || approver === me) return null
          return (
            <Form.Item
              name="approverPin"
              label="批准人 PIN"
              extra="请批准人本人输入其 PIN，以确认批准"
              rules={[{ required: true, message: '请批准人输入本人 PIN' }]}
            >
              <Input.Password prefix={<LockOutlined />} maxLength={12} inputMode="numeric" autoComplete="off" visibilityToggle={false} />
            </Form.Item>
          )
        }}
      </Form.Item>
      <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
        <SubmitTextArea maxLength={1000} />
      </Form.Item>
    </ActionForm>
  )
}
