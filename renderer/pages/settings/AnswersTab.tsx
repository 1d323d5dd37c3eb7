import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Select, Space, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import type { AnswerTemplate } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useReference } from '../../lib/reference'
import { useQuery } from '../../lib/useQuery'
import { useSaving } from '../../lib/useSaving'
import { listWaiting } from '../../lib/listWaiting'

/**
 * 常用答复: the answers the office gives often, per category. The desk offers them in 答复内容 the
 * most used first; a stopped one is kept (with its count) but no longer offered.
 */
export function AnswersTab() {
  const { categories, reload } = useReference()
  const { message } = App.useApp()
  const active = categories.filter((c) => c.active)
  const [categoryId, setCategoryId] = useState<number | undefined>(active[0]?.id)
  const shown = categoryId ?? active[0]?.id
  const list = useQuery(
    () => (shown === undefined ? Promise.resolve([]) : api.categoryAnswers({ categoryId: shown, includeInactive: true })),
    [shown],
  )
  const [form] = Form.useForm<{ text: string }>()
  const { error, saving, submit } = useSaving(form, (_code, msg) => (msg.includes('答复') ? 'text' : null))
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null)

  const refresh = () => {
    list.reload()
    reload()
  }
  const add = (v: { text: string }) =>
    submit(async () => {
      if (shown === undefined) return
      await api.categoryAnswerSave({ categoryId: shown, text: v.text })
      form.resetFields()
      message.success('已添加常用答复')
      refresh()
    })
  const change = async (t: AnswerTemplate, patch: { text?: string; active?: boolean }) => {
    try {
      await api.categoryAnswerSave({ id: t.id, categoryId: t.categoryId, text: patch.text ?? t.text, active: patch.active ?? t.active })
      setEditing(null)
      refresh()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  return (
    <Card size="small" title="常用答复（前台选择后可再修改）">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>问题类别</Typography.Text>
        <Select
          aria-label="常用答复的问题类别"
          style={{ width: 200 }}
          value={shown}
          onChange={setCategoryId}
          options={active.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<AnswerTemplate>
        size="small"
        rowKey="id"
        pagination={false}
        {...listWaiting(list.loading, list.data !== undefined, '这个类别还没有常用答复')}
        dataSource={list.data ?? []}
        columns={[
          {
            title: '答复内容',
            render: (_, t) =>
              editing?.id === t.id ? (
                <Space.Compact style={{ width: '100%' }}>
                  <Input.TextArea
                    aria-label="修改常用答复"
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    value={editing.text}
                    onChange={(e) => setEditing({ id: t.id, text: e.target.value })}
                  />
                  <Button type="primary" onClick={() => void change(t, { text: editing.text })}>
                    保存
                  </Button>
                </Space.Compact>
              ) : (
                <Typography.Text>{t.text}</Typography.Text>
              ),
          },
          { title: '用过', dataIndex: 'useCount', width: 70, render: (n: number) => `${n} 次` },
          {
            title: '使用中',
            width: 80,
            render: (_, t) => <Switch size="small" checked={t.active} onChange={(on) => void change(t, { active: on })} />,
          },
          {
            title: '',
            width: 70,
            render: (_, t) => (
              <Button type="link" size="small" onClick={() => setEditing({ id: t.id, text: t.text })}>
                修改
              </Button>
            ),
          },
        ]}
      />
      <Form form={form} name="answer-add" layout="vertical" onFinish={(v) => void add(v)} requiredMark={false} style={{ marginTop: 12 }}>
        <Form.Item name="text" label="新增常用答复" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={4000}
            placeholder="如：已告知延续申请须提前30日提交，并发放材料清单"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} disabled={shown === undefined}>
          添加
        </Button>
      </Form>
    </Card>
  )
}
