import { Col, DatePicker, Form, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { DeliveryMethod } from '../../../../electron/contract/types'
import { noticeKind } from '../../../../shared/codes/petitions'
import { api } from '../../../api'
import { ActionForm, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { METHODS } from './PetitionFields'

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
