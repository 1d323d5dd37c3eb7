import { App, Button, Form, Input, Select, Space, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { IssueDetail } from '../../../../electron/contract/types'
import { isOpenStatus } from '../../../../shared/lifecycle'
import { api } from '../../../api'
import { FormModal } from '../../../components/FormModal'
import { useOperator } from '../../../lib/operator'
import { useReference } from '../../../lib/reference'
import { SubjectInput } from './SubjectInput'

interface Props {
  detail: IssueDetail
  onSaved: () => void
  /** Reads the issue again after a save refused as stale; the dialog keeps what was typed. */
  onRefresh: () => void
}

/**
 * 更正: the 被反映对象, the 属地 or the category, kept in the issue's history. While the issue is
 * handled anyone on duty may; once it is 办结 or out of the bureau's hands, a supervisor with a reason.
 */
export function CaseFileCorrect({ detail, onSaved, onRefresh }: Props) {
  const { operator } = useOperator()
  const [open, setOpen] = useState<'case' | 'category' | null>(null)
  const handled = isOpenStatus(detail.status)
  if (detail.voidedAt !== null || (!handled && operator?.role !== 'supervisor')) return null
  const done = () => {
    setOpen(null)
    onSaved()
  }
  return (
    <>
      <div className="case-file-correct" style={{ marginTop: 4 }}>
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setOpen('case')}>
            更正被反映对象或属地
          </Button>
          <Button type="link" size="small" onClick={() => setOpen('category')}>
            更正问题类别
          </Button>
        </Space>
      </div>
      {open === 'case' && (
        <CaseModal detail={detail} reasonRequired={!handled} onSaved={done} onRefresh={onRefresh} onClose={() => setOpen(null)} />
      )}
      {open === 'category' && <CategoryModal detail={detail} onSaved={done} onRefresh={onRefresh} onClose={() => setOpen(null)} />}
    </>
  )
}

interface CaseValues {
  subjectName?: string
  subjectId?: number
  localityId?: number
  reason?: string
}

function CaseModal({ detail, reasonRequired, onSaved, onRefresh, onClose }: Props & { reasonRequired: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CaseValues>()
  const { localities } = useReference()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  const subject = detail.caseFile.subject
  const save = async (v: CaseValues) => {
    const name = v.subjectName?.trim() ?? ''
    await api.issueUpdateCaseFile({
      issueId: detail.id,
      version: detail.version,
      subject: name === '' ? null : { ...(v.subjectId !== undefined ? { id: v.subjectId } : {}), name },
      localityId: v.localityId ?? null,
      reason: v.reason?.trim() ? v.reason : null,
    })
    message.success(`${detail.number} 已更正`)
    onSaved()
  }
  return (
    <FormModal<CaseValues>
      title={`更正被反映对象或属地：${detail.number}`}
      name="case-file-correct"
      form={form}
      initialValues={{
        subjectName: subject?.name,
        subjectId: subject?.organizationId,
        localityId: detail.caseFile.localityId ?? undefined,
      }}
      focusRef={ref}
      onRefresh={onRefresh}
      fieldFor={(code) => (code === 'required' && reasonRequired ? 'reason' : null)}
      save={save}
      onClose={onClose}
    >
      <Form.Item label="被反映企业（单位）" htmlFor="correct-subject">
        <SubjectInput id="correct-subject" name={['subjectName']} idPath={['subjectId']} placeholder="清空表示不涉及企业" />
      </Form.Item>
      <Form.Item name="subjectId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="localityId" label="属地">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={localities.filter((l) => l.active || l.id === detail.caseFile.localityId).map((l) => ({ value: l.id, label: l.name }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="更正理由"
        rules={reasonRequired ? [{ required: true, whitespace: true, message: '问题已不在办理中，请填写更正理由' }] : []}
      >
        <Input ref={ref} maxLength={500} />
      </Form.Item>
    </FormModal>
  )
}

function CategoryModal({ detail, onSaved, onRefresh, onClose }: Props & { onClose: () => void }) {
  const [form] = Form.useForm<{ categoryId: number; reason: string }>()
  const { categories } = useReference()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  return (
    <FormModal<{ categoryId: number; reason: string }>
      title={`更正问题类别：${detail.number}`}
      name="category-correct"
      form={form}
      initialValues={{ categoryId: detail.categoryId }}
      focusRef={ref}
      onRefresh={onRefresh}
      fieldFor={() => null}
      save={async (v) => {
        await api.issueCorrectCategory({ issueId: detail.id, version: detail.version, categoryId: v.categoryId, reason: v.reason })
        message.success(`${detail.number} 的类别已更正`)
        onSaved()
      }}
      onClose={onClose}
    >
      <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
        <Select options={categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="reason" label="更正理由" rules={[{ required: true, whitespace: true, message: '请填写更正理由' }]}>
        <Input ref={ref} maxLength={500} />
      </Form.Item>
    </FormModal>
  )
}
