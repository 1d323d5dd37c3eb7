import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Department } from '../../../electron/contract/types'
import { api } from '../../api'
import { useReference } from '../../lib/reference'
import { FormModal } from '../../components/FormModal'
import { useSaving } from '../../lib/useSaving'
import { nextSortOrder, ReferenceListTable } from './ReferenceList'

const nameField = (code: string, message: string) =>
  code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称') ? 'name' : null

/** 股室: the sections issues are handed to. A section in use is stopped, never deleted. */
export function DepartmentsTab() {
  const { departments, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ name: string }>()
  const inputRef = useRef<InputRef>(null)
  const { error, saving, submit } = useSaving(form, nameField)
  const [renaming, setRenaming] = useState<Department | null>(null)

  const add = ({ name }: { name: string }) =>
    submit(async () => {
      const saved = await api.departmentSave({ name, sortOrder: nextSortOrder(departments) })
      message.success(`已添加股室“${saved.name}”`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    })

  return (
    <>
      <Form form={form} name="department-add" layout="inline" onFinish={(v) => void add(v)} style={{ marginBottom: error ? 8 : 16 }}>
        <Form.Item name="name" label="新股室名称" rules={[{ required: true, whitespace: true, message: '请填写股室名称' }]}>
          <Input ref={inputRef} autoFocus maxLength={50} placeholder="如：自然生态保护股" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            添加股室
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, maxWidth: 640 }} />}
      <ReferenceListTable<Department>
        items={departments}
        nameTitle="股室名称"
        scrollY={400}
        editLabel="改名"
        onEdit={setRenaming}
        saveOrder={(d, sortOrder) => api.departmentSave({ id: d.id, name: d.name, sortOrder })}
        saveActive={(d, active) => api.departmentSave({ id: d.id, name: d.name, active })}
        reload={reload}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        停用的股室不再出现在交办的选择中，已交办给它的问题和统计不受影响。
      </Typography.Paragraph>
      {renaming && (
        <RenameModal
          department={renaming}
          onClose={() => setRenaming(null)}
          onSaved={() => {
            setRenaming(null)
            reload()
          }}
        />
      )}
    </>
  )
}

function RenameModal({ department, onSaved, onClose }: { department: Department; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  const save = async ({ name }: { name: string }) => {
    const saved = await api.departmentSave({ id: department.id, name })
    message.success(`已改名为“${saved.name}”`)
    onSaved()
  }
  return (
    <FormModal<{ name: string }>
      title={`股室改名：${department.name}`}
      name="department-rename"
      draftKey={`department:${department.id}`}
      form={form}
      initialValues={{ name: department.name }}
      focusRef={ref}
      fieldFor={nameField}
      save={save}
      onClose={onClose}
    >
      <Form.Item name="name" label="股室名称" rules={[{ required: true, whitespace: true, message: '请填写股室名称' }]}>
        <Input ref={ref} maxLength={50} />
      </Form.Item>
    </FormModal>
  )
}
