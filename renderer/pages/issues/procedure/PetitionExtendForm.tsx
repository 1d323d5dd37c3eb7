import { Col, DatePicker, Form, InputNumber, Row, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { PETITION_EXTENSION_MAX_DAYS, PETITION_HANDLING_DAYS } from '../../../../shared/limits'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { deliveryDefaults, DeliveryFields, deliveryOf, required, type DeliveryValues } from './PetitionFields'

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
