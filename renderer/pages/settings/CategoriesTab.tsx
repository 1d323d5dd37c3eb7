import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Category } from '../../../db/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { showSaveError } from '../../lib/forms'
import { useReference } from '../../lib/reference'
import { moved } from './reorder'

interface Values {
  name: string
  timeLimitDays: number | null
}

function fieldFor(code: string, message: string): string | null {
  if (message.includes('时限')) return 'timeLimitDays'
  if (code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称')) return 'name'
  return null
}

/** 问题类别 with the working days an issue of that kind has before it is due. */
export function CategoriesTab() {
  const { categories, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const inputRef = useRef<InputRef>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [editing, setEditing] = useState<Category | null>(null)
  const [busy, setBusy] = useState(false)

  const add = async (v: Values) => {
    setSaving(true)
    setError(null)
    try {
      const saved = await api.categorySave({ name: v.name, timeLimitDays: v.timeLimitDays ?? 0, sortOrder: categories.reduce((m, c) => Math.max(m, c.sortOrder), -1) + 1 })
      message.success(`已添加问题类别“${saved.name}”，办结时限 ${saved.timeLimitDays} 个工作日`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    } catch (e) {
      setError(showSaveError(form, e, fieldFor))
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

  const move = (c: Category, delta: -1 | 1) =>
    void run(async () => {
      for (const { item, sortOrder } of moved(categories, c.id, delta)) await api.categorySave({ id: item.id, name: item.name, timeLimitDays: item.timeLimitDays, sortOrder })
    }, `已调整“${c.name}”的顺序`)

  return (
    <>
      <Form form={form} name="category-add" layout="inline" onFinish={(v) => void add(v)} initialValues={{ timeLimitDays: 15 }} style={{ marginBottom: error ? 8 : 16 }}>
        <Form.Item name="name" label="新类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
          <Input ref={inputRef} autoFocus maxLength={30} placeholder="如：机动车尾气" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="timeLimitDays" label="办结时限" rules={[{ required: true, message: '请填写办结时限' }]}>
          <InputNumber min={1} max={365} precision={0} suffix="个工作日" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            添加类别
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, maxWidth: 640 }} />}
      <Table<Category>
        size="small"
        rowKey="id"
        dataSource={categories}
        pagination={false}
        scroll={{ y: 380 }}
        columns={[
          {
            title: '顺序',
            width: 90,
            render: (_, c, i) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`上移 ${c.name}`} disabled={busy || i === 0} onClick={() => move(c, -1)} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`下移 ${c.name}`} disabled={busy || i === categories.length - 1} onClick={() => move(c, 1)} />
              </Space>
            ),
          },
          { title: '类别名称', dataIndex: 'name', render: (name: string, c) => <Typography.Text type={c.active ? undefined : 'secondary'}>{name}</Typography.Text> },
          { title: '默认办结时限', dataIndex: 'timeLimitDays', width: 140, render: (n: number) => `${n} 个工作日` },
          { title: '状态', dataIndex: 'active', width: 90, render: (active: boolean) => (active ? <Tag color="green">使用中</Tag> : <Tag>已停用</Tag>) },
          {
            title: '操作',
            width: 160,
            render: (_, c) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(c)}>
                  修改
                </Button>
                <Button
                  size="small"
                  type="link"
                  danger={c.active}
                  disabled={busy}
                  onClick={() =>
                    void run(() => api.categorySave({ id: c.id, name: c.name, timeLimitDays: c.timeLimitDays, active: !c.active }), c.active ? `已停用“${c.name}”` : `已启用“${c.name}”`)
                  }
                >
                  {c.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        办结时限按工作日计算（扣除法定节假日，计入调休上班日），从受理当日的次日起算。修改时限只影响此后受理的问题；停用的类别不能再用于登记，已有记录不受影响。
      </Typography.Paragraph>
      {editing && (
        <EditModal
          category={editing}
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

function EditModal({ category, onSaved, onClose }: { category: Category; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const save = async (v: Values) => {
    setSaving(true)
    setError(null)
    try {
      const saved = await api.categorySave({ id: category.id, name: v.name, timeLimitDays: v.timeLimitDays ?? 0 })
      message.success(`已保存“${saved.name}”`)
      onSaved()
    } catch (e) {
      setError(showSaveError(form, e, fieldFor))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal open title={`修改问题类别：${category.name}`} onCancel={onClose} footer={null} afterOpenChange={(open) => open && ref.current?.focus()} destroyOnHidden>
      <Form form={form} name="category-edit" layout="vertical" initialValues={{ name: category.name, timeLimitDays: category.timeLimitDays }} onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="name" label="类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
          <Input ref={ref} maxLength={30} />
        </Form.Item>
        <Form.Item name="timeLimitDays" label="默认办结时限" rules={[{ required: true, message: '请填写办结时限' }]}>
          <InputNumber min={1} max={365} precision={0} suffix="个工作日" style={{ width: 180 }} />
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
