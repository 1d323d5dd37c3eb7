import { DatePicker, Form, Input } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from './ActionForm'
import { isoDate, pastDateOnly } from './dates'
import { FindingFields, toMeasures, type FindingValues } from '../case-file/FindingFields'

// The actions that are a text and perhaps a date: 记录进展, 督办, 办结, 销号, 转办, 不予受理.

const required = (message: string) => [{ required: true, whitespace: true, message }]

export function ProgressForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ note: string; date: Dayjs }>
      okText="保存进展"
      initialValues={{ date: dayjs() }}
      save={(v) => api.issueProgress({ issueId: detail.id, version: detail.version, date: isoDate(v.date), note: v.note })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="note" label="进展情况" rules={required('请填写进展情况')}>
        <SubmitTextArea maxLength={2000} placeholder="做了什么、谁做的、结果如何" />
      </Form.Item>
      <Form.Item name="date" label="进展日期" rules={[{ required: true, message: '请选择进展日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(detail.acceptedDate)} />
      </Form.Item>
    </ActionForm>
  )
}

export function SuperviseForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ note: string }>
      okText="督办"
      save={(v) => api.issueSupervise({ issueId: detail.id, version: detail.version, note: v.note })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="note" label="督办意见" rules={required('请填写督办意见')}>
        <SubmitTextArea maxLength={1000} placeholder={`如：请于 ${detail.dueDate} 前办结并反馈`} />
      </Form.Item>
    </ActionForm>
  )
}

export function ResolveForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ result: string; date: Dayjs } & FindingValues>
      okText="办结"
      initialValues={{ date: dayjs() }}
      save={(v) =>
        api.issueResolve({
          issueId: detail.id,
          version: detail.version,
          result: v.result,
          date: isoDate(v.date),
          finding: v.finding ?? null,
          measures: toMeasures(v),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="result" label="办理结果" rules={required('请填写办理结果')}>
        <SubmitTextArea maxLength={4000} placeholder="查处、整改、答复的结果" />
      </Form.Item>
      <FindingFields detail={detail} />
      <Form.Item name="date" label="办结日期" rules={[{ required: true, message: '请选择办结日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(detail.acceptedDate)} />
      </Form.Item>
    </ActionForm>
  )
}

export function CloseForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ note?: string }>
      okText="确认销号"
      save={(v) => api.issueClose({ issueId: detail.id, version: detail.version, note: v.note?.trim() ? v.note : null })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="note" label="销号说明">
        <SubmitTextArea maxLength={1000} placeholder="可不填" />
      </Form.Item>
    </ActionForm>
  )
}

export function TransferForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ to: string; reason: string }>
      okText="转办"
      save={(v) => api.issueTransfer({ issueId: detail.id, version: detail.version, to: v.to, reason: v.reason })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="to" label="转办单位" rules={required('请填写转办到哪个单位')}>
        <Input maxLength={100} placeholder="如：县城市管理局" />
      </Form.Item>
      <Form.Item name="reason" label="转办理由" rules={required('请填写转办理由')}>
        <SubmitTextArea maxLength={1000} placeholder="如：属餐饮油烟，不在本局职责范围" />
      </Form.Item>
    </ActionForm>
  )
}

export function RejectForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  return (
    <ActionForm<{ reason: string }>
      okText="不予受理"
      danger
      save={(v) => api.issueReject({ issueId: detail.id, version: detail.version, reason: v.reason })}
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="reason" label="不予受理的理由" rules={required('请填写不予受理的理由')}>
        <SubmitTextArea maxLength={1000} placeholder="如：已进入诉讼程序" />
      </Form.Item>
    </ActionForm>
  )
}
