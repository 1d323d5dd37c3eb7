import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { DeliveryMethod, PetitionDecision, Procedure, ReviewLevel } from '../../../../electron/contract/types'
import { deliveryMethod, noticeKind, petitionDecision, procedure as procedureList, reviewLevel } from '../../../../shared/codes/petitions'
import { PETITION_EXTENSION_MAX_DAYS, PETITION_HANDLING_DAYS } from '../../../../shared/limits'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'

// The forms of the 信访 steps, 办理程序 changes and a 转办件's reply back: each a few fields in the
// frame every issue action uses (ActionForm): Enter saves, a refusal shows under the fields.

const required = (message: string) => [{ required: true, whitespace: true, message }]
const METHODS = deliveryMethod.options()

interface DeliveryValues {
  delivered?: boolean
  deliveryDate?: Dayjs
  deliveryMethod?: DeliveryMethod
}

function deliveryOf(v: DeliveryValues): { date: string; method: DeliveryMethod } | null {
  return v.delivered && v.deliveryDate && v.deliveryMethod ? { date: isoDate(v.deliveryDate), method: v.deliveryMethod } : null
}

/** 同时登记送达: the notice handed over or posted at once, with the date and the way. */
function DeliveryFields({ notBefore }: { notBefore: string }) {
  const delivered: unknown = Form.useWatch('delivered')
  return (
    <>
      <Form.Item name="delivered" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>同时登记送达（告知书已交给或寄给信访人）</Checkbox>
      </Form.Item>
      {delivered === true && (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="deliveryDate" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={pastDateOnly(notBefore)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deliveryMethod" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
              <Select options={METHODS} placeholder="送达方式" />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  )
}

const deliveryDefaults = { deliveryDate: dayjs(), deliveryMethod: 'in_person' as const }

interface DecideValues extends DeliveryValues {
  decision: PetitionDecision
  date: Dayjs
  reason?: string
  forwardTo?: string
}

/** 受理 / 不予受理 / 转送, the decision's date, and its notice's delivery. */
export function DecideForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const registeredOn = detail.intake.petition?.registeredOn ?? detail.acceptedDate
  return (
    <ActionForm<DecideValues>
      okText="保存决定"
      initialValues={{ decision: 'accept', date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionDecide({
          issueId: detail.id,
          version: detail.version,
          decision: v.decision,
          date: isoDate(v.date),
          reason: v.reason?.trim() ? v.reason : null,
          forwardTo: v.decision === 'forward' ? (v.forwardTo ?? null) : null,
          delivery: deliveryOf(v),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="decision" label="决定">
            <Radio.Group optionType="button" options={petitionDecision.options()} aria-label="受理决定" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="date" label="决定（告知书）日期" rules={[{ required: true, message: '请选择决定日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(registeredOn)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) => {
          const decision: unknown = getFieldValue('decision')
          return (
            <>
              {decision === 'forward' && (
                <Form.Item name="forwardTo" label="转送至" rules={required('请填写转送的机关或单位')}>
                  <Input maxLength={100} placeholder="如：县城市管理局" />
                </Form.Item>
              )}
              <Form.Item
                name="reason"
                label={decision === 'reject' ? '不予受理的理由' : '说明'}
                rules={decision === 'reject' ? required('请填写不予受理的理由') : []}
              >
                <SubmitTextArea maxLength={1000} placeholder={decision === 'reject' ? '如：已经或者依法应当通过诉讼途径解决' : '可不填'} />
              </Form.Item>
            </>
          )
        }}
      </Form.Item>
      <DeliveryFields notBefore={registeredOn} />
    </ActionForm>
  )
}

/** When and how a printed notice reached the visitor. */
export function DeliverForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const waiting = (detail.intake.petition?.notices ?? []).filter((n) => n.deliveredOn === null)
  const first = waiting[0]
  return (
    <ActionForm<{ noticeId: number; date: Dayjs; method: DeliveryMethod }>
      okText="登记送达"
      initialValues={{ noticeId: first?.id, date: dayjs(), method: 'post' }}
      save={(v) =>
        api.petitionDeliver({ issueId: detail.id, version: detail.version, noticeId: v.noticeId, date: isoDate(v.date), method: v.method })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="noticeId" label="告知书" rules={[{ required: true, message: '请选择告知书' }]}>
        <Select options={waiting.map((n) => ({ value: n.id, label: `${noticeKind.label(n.kind)}（${n.dated}）` }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="date" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(first?.dated ?? null)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Select options={METHODS} />
          </Form.Item>
        </Col>
      </Row>
    </ActionForm>
  )
}

interface ExtendValues extends DeliveryValues {
  days: number
  reason: string
  date: Dayjs
}

/** The one extension, at most 30 days, by the 负责人 signed in; the visitor told with a 延期告知书. */
export function PetitionExtendForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const decidedOn = detail.intake.petition?.decidedOn ?? detail.acceptedDate
  return (
    <ActionForm<ExtendValues>
      okText="批准延期"
      initialValues={{ days: PETITION_EXTENSION_MAX_DAYS, date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionExtend({
          issueId: detail.id,
          version: detail.version,
          days: v.days,
          reason: v.reason,
          date: isoDate(v.date),
          delivery: deliveryOf(v),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        受理日期 {decidedOn}，原办理期限 {detail.dueDate}（受理后{PETITION_HANDLING_DAYS}日）。延期只能一次，最多
        {PETITION_EXTENSION_MAX_DAYS}
        日，须由负责人登录后批准。
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写延长的天数' }]}>
            <InputNumber min={1} max={PETITION_EXTENSION_MAX_DAYS} precision={0} suffix="日" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="date" label="延期告知书日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(decidedOn)} />
          </Form.Item>
        </Col>
      </Row>
      <ExtendedDue decidedOn={decidedOn} />
      <Form.Item name="reason" label="延期理由" rules={required('请填写延期理由')}>
        <SubmitTextArea maxLength={1000} placeholder="如：需等待第三方检测报告" />
      </Form.Item>
      <DeliveryFields notBefore={decidedOn} />
    </ActionForm>
  )
}

/** The handling date the extension would give, as the form is filled in. */
function ExtendedDue({ decidedOn }: { decidedOn: string }) {
  const days: unknown = Form.useWatch('days')
  if (typeof days !== 'number') return null
  return (
    <Typography.Paragraph style={{ marginBottom: 8 }}>
      延期后办理期限：
      {dayjs(decidedOn)
        .add(PETITION_HANDLING_DAYS + days, 'day')
        .format('YYYY-MM-DD')}
    </Typography.Paragraph>
  )
}

interface ReplyValues extends DeliveryValues {
  text: string
  date: Dayjs
}

/** 书面答复 (处理意见书): ends handling as 办结 does. */
export function ReplyForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const decidedOn = detail.intake.petition?.decidedOn ?? detail.acceptedDate
  return (
    <ActionForm<ReplyValues>
      okText="保存答复"
      initialValues={{ date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionReply({ issueId: detail.id, version: detail.version, text: v.text, date: isoDate(v.date), delivery: deliveryOf(v) })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="text" label="处理意见" rules={required('请填写处理意见')}>
        <SubmitTextArea maxLength={4000} placeholder="经调查核实的情况、处理结果和依据" />
      </Form.Item>
      <Form.Item name="date" label="处理意见书日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(decidedOn)} />
      </Form.Item>
      <DeliveryFields notBefore={decidedOn} />
    </ActionForm>
  )
}

/** 复查申请 / 复核申请: the date the visitor asked and the body they asked. */
export function ReviewRequestForm({ level, detail, onSaved, onRefused, onCancel }: ActionFormProps & { level: ReviewLevel }) {
  const word = reviewLevel.label(level)
  return (
    <ActionForm<{ date: Dayjs; body?: string }>
      okText={`登记${word}申请`}
      initialValues={{ date: dayjs() }}
      save={(v) =>
        api.petitionReviewRequest({
          issueId: detail.id,
          version: detail.version,
          level,
          date: isoDate(v.date),
          body: v.body?.trim() ? v.body : null,
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="date" label={`${word}申请日期`} rules={[{ required: true, message: '请选择申请日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(detail.acceptedDate)} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="body" label={`${word}机关`}>
            <Input maxLength={100} placeholder={level === 'review' ? '如：县人民政府' : '如：市人民政府'} />
          </Form.Item>
        </Col>
      </Row>
    </ActionForm>
  )
}

/** 复查意见 / 复核意见 with its written notice. */
export function ReviewAnswerForm({ level, detail, onSaved, onRefused, onCancel }: ActionFormProps & { level: ReviewLevel }) {
  const word = reviewLevel.label(level)
  const asked = detail.intake.petition?.reviews.find((r) => r.level === level)?.requestedOn ?? detail.acceptedDate
  return (
    <ActionForm<ReplyValues>
      okText={`保存${word}意见`}
      initialValues={{ date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionReviewAnswer({
          issueId: detail.id,
          version: detail.version,
          level,
          text: v.text,
          date: isoDate(v.date),
          delivery: deliveryOf(v),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="text" label={`${word}意见`} rules={required(`请填写${word}意见`)}>
        <SubmitTextArea maxLength={4000} />
      </Form.Item>
      <Form.Item name="date" label={`${word}意见书日期`} rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(asked)} />
      </Form.Item>
      <DeliveryFields notBefore={asked} />
    </ActionForm>
  )
}

/** A 负责人's word that a petition flagged as the same matter is a new one after all. */
export function UnflagForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ reason: string }>
      okText="解除重复标记"
      save={(v) => api.petitionUnflag({ issueId: detail.id, version: detail.version, reason: v.reason })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="reason" label="理由" rules={required('请说明为什么不是同一事项')}>
        <SubmitTextArea maxLength={1000} placeholder="如：反映的是另一家企业" />
      </Form.Item>
    </ActionForm>
  )
}

interface ChangeValues {
  procedure: Procedure
  reason: string
  referralDueDate?: Dayjs
  referralReplyBy?: Dayjs
}

/** 变更办理程序, by a 负责人 with a reason; kept in the history. */
export function ProcedureChangeForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const options = procedureList.options().filter((o) => o.value !== detail.procedure)
  return (
    <ActionForm<ChangeValues>
      okText="变更"
      initialValues={{ procedure: options[0]?.value }}
      save={(v) =>
        api.procedureChange({
          issueId: detail.id,
          version: detail.version,
          procedure: v.procedure,
          reason: v.reason,
          ...(v.referralDueDate ? { referralDueDate: isoDate(v.referralDueDate) } : {}),
          ...(v.referralReplyBy ? { referralReplyBy: isoDate(v.referralReplyBy) } : {}),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        现为“{procedureList.label(detail.procedure)}”。变更须由负责人登录后操作，办结时限随之按新的程序计算。
      </Typography.Paragraph>
      <Form.Item name="procedure" label="改为">
        <Radio.Group optionType="button" options={options} aria-label="新的办理程序" />
      </Form.Item>
      <ReferralDates />
      <Form.Item name="reason" label="变更理由" rules={required('请填写变更的理由')}>
        <SubmitTextArea maxLength={1000} />
      </Form.Item>
    </ActionForm>
  )
}

/** A 转办件's two dates, asked only when the change is to one. */
function ReferralDates() {
  const chosen: unknown = Form.useWatch('procedure')
  if (chosen !== 'referral') return null
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="referralDueDate" label="转办时限" rules={[{ required: true, message: '请填写转办单位要求的办结时限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="referralReplyBy" label="回复时限">
          <DatePicker style={{ width: '100%' }} placeholder="不填同办结时限" />
        </Form.Item>
      </Col>
    </Row>
  )
}

/** The reply sent back to the body that transferred a 转办件. */
export function ReferralReplyForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ date: Dayjs; method: DeliveryMethod; text: string }>
      okText="保存回复"
      initialValues={{ date: dayjs(), method: 'online', text: detail.result ?? '' }}
      save={(v) =>
        api.referralReply({ issueId: detail.id, version: detail.version, date: isoDate(v.date), method: v.method, text: v.text })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="date" label="回复日期" rules={[{ required: true, message: '请选择回复日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(detail.acceptedDate)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="method" label="回复方式">
            <Select options={METHODS} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="text" label="回复内容" rules={required('请填写回复内容')}>
        <SubmitTextArea maxLength={2000} />
      </Form.Item>
    </ActionForm>
  )
}
