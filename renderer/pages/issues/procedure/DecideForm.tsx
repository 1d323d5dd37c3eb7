import { Col, DatePicker, Form, Input, Radio, Row } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { PetitionDecision } from '../../../../electron/contract/types'
import { petitionDecision } from '../../../../shared/codes/petitions'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { deliveryDefaults, DeliveryFields, deliveryOf, required, type DeliveryValues } from './PetitionFields'

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
