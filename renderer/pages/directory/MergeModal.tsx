import { Alert, App, Button, Flex, Form, Input, Modal, Radio } from 'antd'
import { useState } from 'react'
import type { OrganizationListItem, VisitorListItem } from '../../../electron/contract/types'
import { api } from '../../api'
import { blankToNull } from '../../lib/forms'
import { useSaving } from '../../lib/useSaving'
import { OrganizationPicker, VisitorPicker } from './Pickers'

export interface MergeSide {
  id: number
  name: string
  /** Credit code or masked phone, for telling the two apart. */
  detail: string | null
  visitCount: number
}

interface Props {
  kind: 'organization' | 'visitor'
  /** The record whose page the merge was started from; kept unless the desk chooses otherwise. */
  current: MergeSide
  onMerged: (keptId: number) => void
  onClose: () => void
}

interface Values {
  otherId: number | null
  keep: 'current' | 'other'
  reason?: string
}

function sideOf(kind: Props['kind'], item: OrganizationListItem | VisitorListItem | null): MergeSide | null {
  if (!item) return null
  if (kind === 'organization' && 'creditCode' in item)
    return { id: item.id, name: item.name, detail: item.creditCode, visitCount: item.visitCount }
  if ('phone' in item)
    return {
      id: item.id,
      name: item.name,
      detail: [item.phone, item.organizationName].filter(Boolean).join(' · ') || null,
      visitCount: item.visitCount,
    }
  return null
}

/**
 * Two records that are the same enterprise or person become one: every visit of the merged record
 * moves to the kept one, and the merged record stays in the ledger marked as merged.
 */
export function MergeModal({ kind, current, onMerged, onClose }: Props) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const [other, setOther] = useState<MergeSide | null>(null)
  const { error, saving, submit } = useSaving(form, (code) => (code === 'invalid_merge' || code === 'already_merged' ? 'otherId' : null))
  const keep = Form.useWatch('keep', form) ?? 'current'
  const what = kind === 'organization' ? '企业' : '来访人'
  const kept = keep === 'current' ? current : other
  const merged = keep === 'current' ? other : current

  const save = async (v: Values) => {
    if (!other || !kept || !merged) return
    const input = { keepId: kept.id, mergeId: merged.id, reason: blankToNull(v.reason) }
    await submit(async () => {
      const result = kind === 'organization' ? await api.organizationMerge(input) : await api.visitorMerge(input)
      message.success(`已合并：“${merged.name}”的 ${result.movedVisits} 次来访已归入“${result.kept.name}”`)
      onMerged(result.kept.id)
    })
  }

  const describe = (s: MergeSide) => `${s.name}${s.detail ? `（${s.detail}）` : ''} · 来访 ${s.visitCount} 次`

  return (
    <Modal
      open
      title={`合并重复的${what}：${current.name}`}
      onCancel={onClose}
      footer={null}
      width={680}
      style={{ top: 40 }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`同一${what}登记成了两条记录时使用。合并后，被合并记录的全部来访（连同受理的问题）归入保留的记录；被合并的记录标记为“已合并”留在台账中备查，不会删除。合并不能撤销，请先核对。`}
      />
      <Form
        form={form}
        name="merge"
        layout="vertical"
        requiredMark={false}
        initialValues={{ otherId: null, keep: 'current', reason: '' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="otherId" label="与哪一条重复（输入查找）" rules={[{ required: true, message: `请选择重复的${what}` }]}>
          {kind === 'organization' ? (
            <OrganizationPicker
              autoFocus
              exclude={current.id}
              placeholder="输入企业名称或信用代码的一部分"
              onChange={(_, item) => setOther(sideOf(kind, item))}
            />
          ) : (
            <VisitorPicker
              autoFocus
              exclude={current.id}
              placeholder="输入姓名、企业或电话尾号"
              onChange={(_, item) => setOther(sideOf(kind, item))}
            />
          )}
        </Form.Item>
        <Form.Item
          name="keep"
          label="保留哪一条"
          {...(kept && merged
            ? {
                extra: `合并后“${kept.name}”共 ${kept.visitCount + merged.visitCount} 次来访，“${merged.name}”标记为已合并；保留记录空缺的信息（如信用代码、电话）由被合并记录补上。`,
              }
            : {})}
        >
          <Radio.Group
            options={[
              { value: 'current', label: describe(current) },
              { value: 'other', label: other ? describe(other) : '（先在上面选出重复的一条）', disabled: !other },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        </Form.Item>
        <Form.Item name="reason" label="合并说明（可不填）">
          <Input maxLength={200} placeholder="如：简称与全称重复登记" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" danger htmlType="submit" loading={saving} disabled={!other}>
            确认合并
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
