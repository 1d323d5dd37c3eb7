import { Col, DatePicker, Form, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { IssueDetail } from '../../../../electron/contract/types'
import { sectionRole } from '../../../../shared/codes/case-file'
import { api } from '../../../api'
import { useOperator } from '../../../lib/operator'
import { useReference } from '../../../lib/reference'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'

// 签收 and 退回: a section's answer to its handover, recorded at the desk from the signed 交办单.

function pendingOptions(d: IssueDetail) {
  return d.caseFile.sections
    .filter((s) => s.status === 'pending')
    .map((s) => ({ value: s.id, label: `${s.departmentName}（${sectionRole.label(s.role)}）` }))
}

export function SignForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const { staff } = useReference()
  const { operator } = useOperator()
  const sections = pendingOptions(detail)
  const signers = staff
    .filter((s) => s.active)
    .map((s) => ({ value: s.id, label: s.departmentName ? `${s.name}（${s.departmentName}）` : s.name }))
  return (
    <ActionForm<{ sectionId: number; signerId?: number; date: Dayjs }>
      okText="签收"
      initialValues={{ sectionId: sections[0]?.value, signerId: detail.assigneeId ?? operator?.id ?? undefined, date: dayjs() }}
      save={(v) =>
        api.issueSectionSign({
          issueId: detail.id,
          version: detail.version,
          sectionId: v.sectionId,
          signerId: v.signerId,
          date: isoDate(v.date),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="sectionId" label="签收股室" rules={[{ required: true, message: '请选择签收的股室' }]}>
            <Select options={sections} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="signerId" label="签收人" rules={[{ required: true, message: '请选择签收人' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={signers} popupMatchSelectWidth={false} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="date" label="签收日期" rules={[{ required: true, message: '请选择签收日期' }]}>
            <DatePicker allowClear={false} disabledDate={pastDateOnly(detail.acceptedDate)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </ActionForm>
  )
}

export function ReturnForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const sections = pendingOptions(detail)
  return (
    <ActionForm<{ sectionId: number; reason: string }>
      okText="退回"
      danger
      initialValues={{ sectionId: sections[0]?.value }}
      save={(v) => api.issueSectionReturn({ issueId: detail.id, version: detail.version, sectionId: v.sectionId, reason: v.reason })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item
        name="sectionId"
        label="退回的股室"
        extra="主办股室退回后，问题回到“已受理”，待重新交办"
        rules={[{ required: true, message: '请选择退回的股室' }]}
      >
        <Select options={sections} />
      </Form.Item>
      <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '请填写退回理由' }]}>
        <SubmitTextArea maxLength={1000} placeholder="如：属水污染，应由水生态环境股办理" />
      </Form.Item>
    </ActionForm>
  )
}
