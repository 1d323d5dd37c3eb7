import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input, Select, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { IssueSource, SourceKind } from '../../../electron/contract/types'
import { DEFAULT_PROCEDURE, procedure, sourceKind } from '../../../shared/codes/petitions'
import { api } from '../../api'
import { FormModal } from '../../components/FormModal'
import { useReference } from '../../lib/reference'
import { useSaving } from '../../lib/useSaving'
import { nextSortOrder, ReferenceListTable } from './ReferenceList'

interface Values {
  name: string
  kind: SourceKind
}

const KINDS = sourceKind.options()

const fieldFor = (code: string, message: string) =>
  code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称') ? 'name' : null

/** 来源: where matters come from. Each source is of a kind, which decides its default 办理程序 and whether it has a 工单号. */
export function SourcesTab() {
  const { sources, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const inputRef = useRef<InputRef>(null)
  const { error, saving, submit } = useSaving(form, fieldFor)
  const [editing, setEditing] = useState<IssueSource | null>(null)

  const add = (v: Values) =>
    submit(async () => {
      const saved = await api.sourceSave({ name: v.name, kind: v.kind, sortOrder: nextSortOrder(sources) })
      message.success(`已添加来源“${saved.name}”`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    })

  return (
    <>
      <Form
        form={form}
        name="source-add"
        layout="inline"
        initialValues={{ kind: 'other' }}
        onFinish={(v) => void add(v)}
        style={{ marginBottom: error ? 8 : 16 }}
      >
        <Form.Item name="name" label="新来源名称" rules={[{ required: true, whitespace: true, message: '请填写来源名称' }]}>
          <Input ref={inputRef} maxLength={30} placeholder="如：市长信箱" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select options={KINDS} style={{ width: 180 }} aria-label="来源类型" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            添加来源
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, maxWidth: 640 }} />}
      <ReferenceListTable<IssueSource>
        items={sources}
        nameTitle="来源名称"
        extraColumns={[
          { title: '类型', dataIndex: 'kind', width: 160, render: (k: SourceKind) => sourceKind.label(k) },
          { title: '默认办理程序', dataIndex: 'kind', width: 120, render: (k: SourceKind) => procedure.label(DEFAULT_PROCEDURE[k]) },
        ]}
        scrollY={380}
        editLabel="修改"
        onEdit={setEditing}
        saveOrder={(x, sortOrder) => api.sourceSave({ id: x.id, name: x.name, kind: x.kind, sortOrder })}
        saveActive={(x, active) => api.sourceSave({ id: x.id, name: x.name, kind: x.kind, active })}
        reload={reload}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        登记时按渠道默认来源（现场接待、来电、来信、网上），可改选。12345、12369、上级交办默认为转办件，信访局转办默认为信访事项；现场接待的事项不填工单号。停用的来源不能再用于登记，已有记录不受影响。
      </Typography.Paragraph>
      {editing && (
        <EditModal
          source={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
        />
      )}
    </>
  )
}

function EditModal({ source, onSaved, onClose }: { source: IssueSource; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  const save = async (v: Values) => {
    const saved = await api.sourceSave({ id: source.id, name: v.name, kind: v.kind })
    message.success(`已保存“${saved.name}”`)
    onSaved()
  }
  return (
    <FormModal<Values>
      title={`修改来源：${source.name}`}
      name="source-edit"
      form={form}
      initialValues={{ name: source.name, kind: source.kind }}
      focusRef={ref}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
    >
      <Form.Item name="name" label="来源名称" rules={[{ required: true, whitespace: true, message: '请填写来源名称' }]}>
        <Input ref={ref} maxLength={30} />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Select options={KINDS} />
      </Form.Item>
    </FormModal>
  )
}
