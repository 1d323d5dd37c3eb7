import { App, AutoComplete, Button, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Select, type GetRef } from 'antd'
import { RefusalAlert } from '../../components/RefusalAlert'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import type { Session, SessionKind } from '../../../electron/contract/types'
import { api } from '../../api'
import { blankToNull, focusOnOpen, submitOnEnter } from '../../lib/forms'
import { optionsOf, SESSION_KIND } from '../../lib/labels'
import { useReference } from '../../lib/reference'
import { useQuery } from '../../lib/useQuery'
import { useCloseGuard } from '../../lib/useCloseGuard'
import { useFormDraft } from '../../lib/useFormDraft'
import { useSaving } from '../../lib/useSaving'
import { useRefreshedVersion } from '../../lib/useRefreshedVersion'

interface Values {
  date: Dayjs | null
  kind: SessionKind
  title?: string
  location?: string
  hostLeaderId?: number | null
  staffIds: number[]
  note?: string
}

interface Props {
  /** The session to edit, or null to plan a new one. */
  session: Session | null
  /** A new one's date, e.g. the calendar day clicked. */
  initialDate?: string
  onSaved: (s: Session) => void
  onClose: () => void
}

function defaultTitle(date: Dayjs | null | undefined, kind: SessionKind | undefined): string {
  if (!date || !kind) return '不填则按日期和类型命名'
  return `${date.format('YYYY年M月D日')}${SESSION_KIND[kind]}`
}

/** Which field a refusal is about; the ledger's messages name the field in Chinese. */
function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_date' || message.includes('日期')) return 'date'
  if (message.includes('地点')) return 'location'
  if (message.includes('名称')) return 'title'
  if (message.includes('备注')) return 'note'
  if (message.includes('人员')) return 'staffIds'
  return null
}

/** Plan a reception day, or change a planned or open one. Enter saves. */
export function SessionFormModal({ session, initialDate, onSaved, onClose }: Props) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const { staff } = useReference()
  const { error, refreshable, saving, submit, clearError } = useSaving(form, fieldFor)
  // The version the save names: the one opened, or the one read again on 刷新 after someone saved first.
  const [version, setVersion] = useState(session?.version ?? 0)
  const refresh = useRefreshedVersion(() => api.sessionGet({ id: session?.id ?? 0 }).then((s) => s.version), setVersion)
  const dateRef = useRef<GetRef<typeof DatePicker>>(null)
  const date = Form.useWatch('date', form)
  const kind = Form.useWatch('kind', form)
  // Places used before, offered as the desk types.
  const past = useQuery(() => api.sessionList({}), [])
  const locations = [...new Set((past.data ?? []).map((s) => s.location))].slice(0, 12).map((value) => ({ value }))

  const active = staff.filter((s) => s.active || session?.staffIds.includes(s.id) || session?.hostLeaderId === s.id)
  const initial: Values = session
    ? {
        date: dayjs(session.date),
        kind: session.kind,
        title: session.title,
        location: session.location,
        hostLeaderId: session.hostLeaderId,
        staffIds: session.staffIds,
        note: session.note ?? '',
      }
    : { date: dayjs(initialDate ?? undefined), kind: 'enterprise', staffIds: [] }

  const draft = useFormDraft(form, session ? `session:${session.id}` : `session:new`, initial)
  const guard = useCloseGuard()
  const cancel = () => guard(draft.isDirty(), onClose, draft.discard)

  const save = (v: Values) =>
    submit(async () => {
      const input = {
        date: v.date ? v.date.format('YYYY-MM-DD') : '',
        kind: v.kind,
        title: blankToNull(v.title),
        location: v.location ?? '',
        hostLeaderId: v.hostLeaderId ?? null,
        staffIds: v.staffIds,
        note: blankToNull(v.note),
      }
      const saved = session ? await api.sessionUpdate({ id: session.id, version, ...input }) : await api.sessionPlan(input)
      message.success(session ? `已保存“${saved.title}”` : `已计划“${saved.title}”`)
      draft.discard()
      onSaved(saved)
    })

  return (
    <Modal
      open
      title={session ? `修改接待日：${session.title}` : '计划接待日'}
      onCancel={cancel}
      footer={null}
      width={640}
      afterOpenChange={focusOnOpen(dateRef)}
      destroyOnHidden
    >
      <Form
        form={form}
        name="session"
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        onValuesChange={draft.onValuesChange}
        requiredMark={false}
      >
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item name="date" label="接待日期" rules={[{ required: true, message: '请选择接待日期' }]}>
              <DatePicker ref={dateRef} style={{ width: '100%' }} format="YYYY-MM-DD" allowClear={false} />
            </Form.Item>
          </Col>
          <Col span={15}>
            <Form.Item name="kind" label="接待类型" rules={[{ required: true, message: '请选择接待类型' }]}>
              <Radio.Group
                optionType="button"
                options={optionsOf({ enterprise: '服务企业', public: '服务群众', leader: '领导接待', field: '上门服务' }, [
                  'enterprise',
                  'public',
                  'leader',
                  'field',
                ])}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="location" label="接待地点" rules={[{ required: true, whitespace: true, message: '请填写接待地点' }]}>
              <AutoComplete options={locations} filterOption={(input, option) => (option?.value ?? '').includes(input)}>
                <Input placeholder="如：局一楼接待室" maxLength={60} />
              </AutoComplete>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label="名称（可不填）">
              <Input placeholder={defaultTitle(date, kind)} maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item name="hostLeaderId" label="接待领导">
              <Select
                allowClear
                placeholder="可不选"
                options={active
                  .filter((s) => s.isLeader)
                  .map((s) => ({ value: s.id, label: s.title ? `${s.name}（${s.title}）` : s.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={15}>
            <Form.Item name="staffIds" label="当日值班人员">
              <Select
                mode="multiple"
                allowClear
                placeholder="可多选"
                showSearch={{ optionFilterProp: 'label' }}
                options={active.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            onKeyDown={submitOnEnter(form)}
            placeholder="如：联合自然资源局、住建局共同接待"
          />
        </Form.Item>
        {error && (
          <RefusalAlert
            message={error}
            onRefresh={
              refreshable && session
                ? () => {
                    clearError()
                    refresh()
                  }
                : undefined
            }
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={cancel}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            {session ? '保存修改' : '保存计划'}
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
