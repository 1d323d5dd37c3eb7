import { Col, DatePicker, Form, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { DeliveryMethod } from '../../../../electron/contract/types'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { METHODS, required } from './PetitionFields'

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
