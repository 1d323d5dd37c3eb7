import { Col, Form, Row, Select, type SelectProps } from 'antd'
import { api } from '../../../api'
import { useReference } from '../../../lib/reference'
import { ActionForm, SubmitTextArea, type ActionFormProps } from './ActionForm'

interface Values {
  departmentId: number
  assigneeId?: number
  leaderId?: number
  assistDepartmentIds?: number[]
  note?: string
}

/** 交办: the section, its responsible person and the accountable leader (一个项目、一名领导). */
export function AssignForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const { departments, staff } = useReference()
  const leaders = staff
    .filter((s) => s.isLeader && s.active)
    .map((s) => ({ value: s.id, label: s.title ? `${s.name}（${s.title}）` : s.name }))
  return (
    <ActionForm<Values>
      okText={detail.status === 'accepted' ? '交办' : '重新交办'}
      initialValues={{
        departmentId: detail.departmentId ?? undefined,
        assigneeId: detail.assigneeId ?? undefined,
        leaderId: detail.leaderId ?? undefined,
        assistDepartmentIds: detail.caseFile.sections
          .filter((s) => s.role === 'assist' && (s.status === 'pending' || s.status === 'signed'))
          .map((s) => s.departmentId),
      }}
      save={(v) =>
        api.issueAssign({
          issueId: detail.id,
          version: detail.version,
          departmentId: v.departmentId,
          assigneeId: v.assigneeId ?? null,
          leaderId: v.leaderId ?? null,
          assistDepartmentIds: v.assistDepartmentIds ?? [],
          note: v.note?.trim() ? v.note : null,
        })
      }
      onSaved={onSaved}
      onRefused={onRefused}
      onCancel={onCancel}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="departmentId" label="承办股室" rules={[{ required: true, message: '请选择承办股室' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择股室"
              options={departments.filter((d) => d.active || d.id === detail.departmentId).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <AssigneeItem />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <AssistItem />
        </Col>
        <Col span={12}>
          <Form.Item name="leaderId" label="包案领导">
            <Select allowClear placeholder="可不选" options={leaders} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="交办意见">
        <SubmitTextArea maxLength={1000} placeholder="可不填；Enter 保存，Shift+Enter 换行" />
      </Form.Item>
    </ActionForm>
  )
}

/** 协办: sections assisting the lead one, never the lead itself. */
function AssistItem() {
  const { departments } = useReference()
  const lead: unknown = Form.useWatch('departmentId', Form.useFormInstance())
  const options = departments.filter((d) => d.active && d.id !== lead).map((d) => ({ value: d.id, label: d.name }))
  return (
    <Form.Item name="assistDepartmentIds" label="协办股室">
      <Select
        mode="multiple"
        allowClear
        placeholder="可不选"
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
      />
    </Form.Item>
  )
}

/** The chosen section's people first, then everyone else who is active. */
function AssigneeItem() {
  const { staff } = useReference()
  const departmentId: unknown = Form.useWatch('departmentId', Form.useFormInstance())
  const active = staff.filter((s) => s.active)
  const option = (s: (typeof staff)[number]) => ({ value: s.id, label: s.departmentName ? `${s.name}（${s.departmentName}）` : s.name })
  const own = active.filter((s) => s.departmentId === departmentId).map(option)
  const others = active.filter((s) => s.departmentId !== departmentId).map(option)
  const options: SelectProps['options'] =
    own.length > 0
      ? [
          { label: '本股室', options: own },
          { label: '其他人员', options: others },
        ]
      : others
  return (
    <Form.Item name="assigneeId" label="责任人">
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可不选" options={options} popupMatchSelectWidth={false} />
    </Form.Item>
  )
}
