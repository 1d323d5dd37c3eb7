import { Col, Form, Input, Row, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Organization } from '../../../electron/contract/types'
import { api } from '../../api'
import { CreditCodeField, OrganizationNameField } from '../../components/VisitorFields'
import { blankToNull } from '../../lib/forms'
import { useRefreshedVersion } from '../../lib/useRefreshedVersion'
import { NoteField } from './NoteField'
import { RecordEditModal } from './RecordEditModal'

interface Values {
  name: string
  creditCode?: string
  industry?: string
  address?: string
  note?: string
}

function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_credit_code' || code === 'duplicate' || message.includes('信用代码')) return 'creditCode'
  if (message.includes('名称')) return 'name'
  if (message.includes('地址')) return 'address'
  if (message.includes('行业')) return 'industry'
  return null
}

/** Corrects an enterprise's details. Enter saves. */
export function OrganizationEditModal({
  organization,
  onSaved,
  onClose,
}: {
  organization: Organization
  onSaved: (o: Organization) => void
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const nameRef = useRef<InputRef>(null)
  // The version the save names: the one opened, or the one read again on 刷新 after someone saved first.
  const [version, setVersion] = useState(organization.version)
  const refresh = useRefreshedVersion(
    () => api.organizationHistory({ id: organization.id }).then((h) => h.organization.version),
    setVersion,
  )

  const save = (v: Values) =>
    api.organizationUpdate({
      id: organization.id,
      version,
      name: v.name,
      creditCode: blankToNull(v.creditCode),
      industry: blankToNull(v.industry),
      address: blankToNull(v.address),
      note: blankToNull(v.note),
    })

  return (
    <RecordEditModal<Values, Organization>
      title="修改企业信息"
      name="organization-edit"
      draftKey={`organization:${organization.id}`}
      form={form}
      focusRef={nameRef}
      fieldFor={fieldFor}
      onRefresh={refresh}
      save={save}
      savedText={(saved) => `已保存“${saved.name}”`}
      onSaved={onSaved}
      onClose={onClose}
      initialValues={{
        name: organization.name,
        creditCode: organization.creditCode ?? '',
        industry: organization.industry ?? '',
        address: organization.address ?? '',
        note: organization.note ?? '',
      }}
    >
      <OrganizationNameField name="name" ref={nameRef} />
      <Row gutter={12}>
        <Col span={14}>
          <CreditCodeField placeholder="18 位，可不填" />
        </Col>
        <Col span={10}>
          <Form.Item name="industry" label="所属行业">
            <Input maxLength={50} placeholder="如：化学原料制造" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} />
      </Form.Item>
      <NoteField />
    </RecordEditModal>
  )
}
