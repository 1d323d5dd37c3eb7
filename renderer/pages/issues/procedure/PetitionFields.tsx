import { Checkbox, Col, DatePicker, Form, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { DeliveryMethod } from '../../../../electron/contract/types'
import { deliveryMethod } from '../../../../shared/codes/petitions'
import { isoDate, pastDateOnly } from '../actions/dates'

// What several 信访 step forms share (one file a step beside this one): each is a few fields in the
// frame every issue action uses (ActionForm), and most end with the notice's delivery.

export const required = (message: string) => [{ required: true, whitespace: true, message }]
export const METHODS = deliveryMethod.options()

export interface DeliveryValues {
  delivered?: boolean
  deliveryDate?: Dayjs
  deliveryMethod?: DeliveryMethod
}

export function deliveryOf(v: DeliveryValues): { date: string; method: DeliveryMethod } | null {
  return v.delivered && v.deliveryDate && v.deliveryMethod ? { date: isoDate(v.deliveryDate), method: v.deliveryMethod } : null
}

/** 同时登记送达: the notice handed over or posted at once, with the date and the way. */
export function DeliveryFields({ notBefore }: { notBefore: string }) {
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

export const deliveryDefaults = { deliveryDate: dayjs(), deliveryMethod: 'in_person' as const }

/** A written answer with its date and delivery: the 书面答复 and the 复查 / 复核 意见. */
export interface ReplyValues extends DeliveryValues {
  text: string
  date: Dayjs
}
