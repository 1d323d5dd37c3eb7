import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import type { ReactNode } from 'react'
import type { ContractInput } from '../../../electron/contract'
import type { IssueSource, Procedure, SourceKind } from '../../../electron/contract/types'
import { channel as channelCode } from '../../../shared/codes/visits'
import { DEFAULT_PROCEDURE, procedure as procedureList, sourceKindOf, TRANSFERRING_KINDS } from '../../../shared/codes/petitions'
import { useReference } from '../../lib/reference'

/** What the form holds for a matter's 来源 and 办理程序; left out, the ledger takes the defaults below. */
export interface IntakeValues {
  sourceId?: number
  procedure?: Procedure
  sourceRef?: string
  sourceBody?: string
  referralDueDate?: Dayjs
  referralReplyBy?: Dayjs
}

/** The source a channel names when the desk chooses none: 现场接待 at the desk, 来信 for a letter … */
export function defaultSourceFor(sources: readonly IssueSource[], channel: string): IssueSource | undefined {
  const kind = channelCode.has(channel) ? sourceKindOf(channel) : 'other'
  return sources.find((s) => s.active && s.kind === kind)
}

/** The source and procedure in force for a matter: what was chosen, else what its channel suggests. */
export function effectiveIntake(sources: readonly IssueSource[], channel: string, v: IntakeValues | undefined) {
  const source = sources.find((s) => s.id === v?.sourceId) ?? defaultSourceFor(sources, channel)
  const kind: SourceKind = source?.kind ?? 'other'
  return { source, kind, procedure: v?.procedure ?? DEFAULT_PROCEDURE[kind] }
}

type IntakeInput = NonNullable<Extract<ContractInput<'visit-register'>['matters'][number], { type: 'issue' }>['intake']>

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s)

/** The form's intake as the contract takes it: only what the desk set; the ledger fills in the rest. */
export function toIntakeInput(v: IntakeValues | undefined): IntakeInput | undefined {
  if (!v) return undefined
  const out: IntakeInput = {
    ...(v.sourceId !== undefined ? { sourceId: v.sourceId } : {}),
    ...(v.procedure !== undefined ? { procedure: v.procedure } : {}),
    ...(blank(v.sourceRef) ? { sourceRef: blank(v.sourceRef) } : {}),
    ...(blank(v.sourceBody) ? { sourceBody: blank(v.sourceBody) } : {}),
    ...(v.referralDueDate ? { referralDueDate: v.referralDueDate.format('YYYY-MM-DD') } : {}),
    ...(v.referralReplyBy ? { referralReplyBy: v.referralReplyBy.format('YYYY-MM-DD') } : {}),
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** A control that shows the default until the desk picks something else. */
function WithDefault<T>({
  value,
  fallback,
  onChange,
  render,
}: {
  value?: T
  fallback: T | undefined
  onChange?: (v: T) => void
  render: (value: T | undefined, onChange: (v: T) => void) => ReactNode
}) {
  return <>{render(value ?? fallback, (v) => onChange?.(v))}</>
}

/**
 * 来源, 工单号 / 文号, 转办单位 and 办理程序 of one matter registered as an issue. The channel (the
 * desk, or 来电来信's 来源 buttons) picks the default source; the source picks the default procedure.
 * A 转办件 also takes the transferring body's deadline and reply-by date.
 */
export function IntakeFields({ name }: { name: number }) {
  const form = Form.useFormInstance()
  const { sources } = useReference()
  const channel: unknown = Form.useWatch('channel', form)
  const values: IntakeValues | undefined = Form.useWatch(['matters', name, 'intake'], form)
  const where = typeof channel === 'string' ? channel : 'desk'
  const { source, kind, procedure } = effectiveIntake(sources, where, values)
  const fallbackSource = defaultSourceFor(sources, where)
  const options = sources.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))
  const transferring = TRANSFERRING_KINDS.some((k) => k === kind)
  return (
    <>
      <Row gutter={12} style={{ marginTop: 8 }} data-enter-skip="">
        <Col span={9}>
          <Form.Item name={[name, 'intake', 'sourceId']} label="来源" style={{ marginBottom: 8 }}>
            <WithDefault<number>
              fallback={fallbackSource?.id}
              render={(value, onChange) => (
                <Select
                  aria-label="来源"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={value}
                  onChange={onChange}
                  options={options}
                  placeholder="选择来源"
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col span={15}>
          <Form.Item name={[name, 'intake', 'procedure']} label="办理程序" style={{ marginBottom: 8 }}>
            <WithDefault<Procedure>
              fallback={DEFAULT_PROCEDURE[kind]}
              render={(value, onChange) => (
                <Radio.Group
                  aria-label="办理程序"
                  optionType="button"
                  value={value}
                  onChange={(e) => {
                    const picked = procedureList.codes.find((c) => c === e.target.value)
                    if (picked) onChange(picked)
                  }}
                  options={procedureList.options()}
                />
              )}
            />
          </Form.Item>
        </Col>
      </Row>
      {kind !== 'desk' && (
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item name={[name, 'intake', 'sourceRef']} label="工单号 / 文号" style={{ marginBottom: 8 }}>
              <Input maxLength={60} placeholder={transferring ? '如：GD20261110-0457' : '可不填'} />
            </Form.Item>
          </Col>
          <Col span={15}>
            <Form.Item name={[name, 'intake', 'sourceBody']} label="转办（交办）单位" style={{ marginBottom: 8 }}>
              <Input maxLength={100} placeholder={transferring ? `如：县${source?.name ?? ''}` : '可不填'} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {procedure === 'referral' && (
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item
              name={[name, 'intake', 'referralDueDate']}
              label="转办时限"
              rules={[{ required: true, message: '请填写转办单位要求的办结时限' }]}
              style={{ marginBottom: 8 }}
            >
              <DatePicker style={{ width: '100%' }} placeholder="办结时限" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name={[name, 'intake', 'referralReplyBy']} label="回复时限" style={{ marginBottom: 8 }}>
              <DatePicker style={{ width: '100%' }} placeholder="不填同办结时限" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {procedure === 'petition' && (
        <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>信访事项：登记后15日内作出受理决定并书面告知，受理后60日内办结</div>
      )}
    </>
  )
}
