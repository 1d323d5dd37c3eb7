import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Form, Input, Modal, Space, Table, Tag, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Department } from '../../../db/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { showSaveError } from '../../lib/forms'
import { useReference } from '../../lib/reference'
import { moved } from './reorder'

const nameField = (code: string, message: string) => (code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称') ? 'name' : null)

/** 股室: the sections issues are handed to. A section in use is stopped, never deleted. */
export function DepartmentsTab() {
  const { departments, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ name: string }>()
  const inputRef = useRef<InputRef>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [renaming, setRenaming] = useState<Department | null>(null)
  const [busy, setBusy] = useState(false)

  const add = async ({ name }: { name: string }) => {
    setSaving(true)
    setError(null)
    try {
      const saved = await api.departmentSave({ name, sortOrder: departments.reduce((m, d) => Math.max(m, d.sortOrder), -1) + 1 })
      message.success(`已添加股室“${saved.name}”`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    } catch (e) {
      setError(showSaveError(form, e, nameField))
    } finally {
      setSaving(false)
    }
  }

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      message.success(done)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
      reload()
    }
  }

  const move = (d: Department, delta: -1 | 1) =>
    void run(async () => {
      for (const { item, sortOrder } of moved(departments, d.id, delta)) await api.departmentSave({ id: item.id, name: item.name, sortOrder })
    }, `已调整“${d.name}”的顺序`)

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
      <Table<Department>
        size="small"
        rowKey="id"
        dataSource={departments}
        pagination={false}
        scroll={{ y: 400 }}
        columns={[
          {
            title: '顺序',
            width: 90,
            render: (_, d, i) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`上移 ${d.name}`} disabled={busy || i === 0} onClick={() => move(d, -1)} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`下移 ${d.name}`} disabled={busy || i === departments.length - 1} onClick={() => move(d, 1)} />
              </Space>
            ),
          },
          { title: '股室名称', dataIndex: 'name', render: (name: string, d) => <Typography.Text type={d.active ? undefined : 'secondary'}>{name}</Typography.Text> },
          { title: '状态', dataIndex: 'active', width: 90, render: (active: boolean) => (active ? <Tag color="green">使用中</Tag> : <Tag>已停用</Tag>) },
          {
            title: '操作',
            width: 160,
            render: (_, d) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setRenaming(d)}>
                  改名
                </Button>
                <Button
                  size="small"
                  type="link"
                  danger={d.active}
                  disabled={busy}
                  onClick={() => void run(() => api.departmentSave({ id: d.id, name: d.name, active: !d.active }), d.active ? `已停用“${d.name}”` : `已启用“${d.name}”`)}
                >
                  {d.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
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
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const save = async ({ name }: { name: string }) => {
    setSaving(true)
    setError(null)
    try {
      const saved = await api.departmentSave({ id: department.id, name })
      message.success(`已改名为“${saved.name}”`)
      onSaved()
    } catch (e) {
      setError(showSaveError(form, e, nameField))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal open title={`股室改名：${department.name}`} onCancel={onClose} footer={null} afterOpenChange={(open) => open && ref.current?.focus()} destroyOnHidden>
      <Form form={form} name="department-rename" layout="vertical" initialValues={{ name: department.name }} onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="name" label="股室名称" rules={[{ required: true, whitespace: true, message: '请填写股室名称' }]}>
          <Input ref={ref} maxLength={50} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
