import type { PetitionNoticeSheet } from '../../../electron/contract/types'
import { deliveryMethod } from '../../../shared/codes/petitions'
import { PETITION_HANDLING_DAYS, PETITION_REVIEW_REQUEST_DAYS } from '../../../shared/limits'

/** '2026-09-28' → '2026年9月28日', as official documents date themselves. */
export function chineseDate(iso: string | null): string {
  if (!iso) return '　　年　　月　　日'
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

const TITLES: Record<PetitionNoticeSheet['kind'], string> = {
  accept: '信访事项受理告知书',
  reject: '信访事项不予受理告知书',
  forward: '信访事项转送告知书',
  extend: '信访事项延期办理告知书',
  reply: '信访事项处理意见书',
  review: '信访事项复查意见书',
  rereview: '信访事项复核意见书',
}

/** What the notice says, by kind; every figure and date from the ledger. */
function Body({ s }: { s: PetitionNoticeSheet }) {
  const raised = `您于${chineseDate(s.registeredOn)}以${s.channelLabel}形式反映的“${s.content}”问题${s.sourceRef ? `（${s.sourceRef}）` : ''}`
  switch (s.kind) {
    case 'accept':
      return (
        <p className="sentence">
          {raised}，经审查，属于本机关职权范围，本机关已于{chineseDate(s.decidedOn)}依法予以受理。本机关将自受理之日起
          {PETITION_HANDLING_DAYS}
          日内（{chineseDate(s.handlingDue)}前）办结，并将处理意见书面答复您。
        </p>
      )
    case 'reject':
      return (
        <>
          <p className="sentence">{raised}，经审查，不予受理，理由如下：</p>
          <p className="sentence">{s.decisionReason}</p>
          <p className="sentence">根据《信访工作条例》的有关规定，特此告知。</p>
        </>
      )
    case 'forward':
      return (
        <p className="sentence">
          {raised}，经审查，不属于本机关职权范围。根据《信访工作条例》的有关规定，本机关已于{chineseDate(s.decidedOn)}将该事项转送
          {s.forwardedTo}办理，请您与其联系。
          {s.decisionReason ? `（${s.decisionReason}）` : ''}
        </p>
      )
    case 'extend':
      return (
        <p className="sentence">
          {raised}，本机关已于{chineseDate(s.decidedOn)}受理。因{s.extensionReason}，情况复杂，经本机关负责人批准，办理期限延长
          {s.extendedDays}
          日，将于{chineseDate(s.handlingDue)}前办结并书面答复您。
        </p>
      )
    case 'reply':
      return (
        <>
          <p className="sentence">
            {raised}，本机关已于{chineseDate(s.decidedOn)}受理。经调查核实，现答复如下：
          </p>
          <p className="sentence answer">{s.answer}</p>
          <p className="sentence">
            如对本处理意见不服，可以自收到本意见书之日起{PETITION_REVIEW_REQUEST_DAYS}日内，向本机关的上一级行政机关请求复查。
          </p>
        </>
      )
    case 'review':
      return (
        <>
          <p className="sentence">您就{raised}提出的复查请求，经复查，现提出复查意见如下：</p>
          <p className="sentence answer">{s.answer}</p>
          <p className="sentence">
            如对本复查意见不服，可以自收到本意见书之日起{PETITION_REVIEW_REQUEST_DAYS}日内，向复查机关的上一级行政机关请求复核。
          </p>
        </>
      )
    case 'rereview':
      return (
        <>
          <p className="sentence">您就{raised}提出的复核请求，经复核，现提出复核意见如下：</p>
          <p className="sentence answer">{s.answer}</p>
          <p className="sentence">信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。</p>
        </>
      )
  }
}

/** One notice on one A4 page: addressed by name (never a phone or ID number), dated, with a 送达回证 below. */
export function PetitionNoticeView({ sheet }: { sheet: PetitionNoticeSheet }) {
  return (
    <section className="paper notice" data-notice={sheet.kind}>
      <p className="bureau">{sheet.bureauName}</p>
      <h1>{TITLES[sheet.kind]}</h1>
      <div className="meta">
        <span>编号：{sheet.number}</span>
        <span>登记日期：{sheet.registeredOn}</span>
      </div>
      <p className="addressee">
        {sheet.visitorName}
        {sheet.organizationName ? `（${sheet.organizationName}）` : ''}：
      </p>
      <Body s={sheet} />
      <p className="sentence">特此告知。</p>
      <div className="seal">
        <p>{sheet.bureauName}</p>
        <p>（印章）</p>
        <p>{chineseDate(sheet.dated)}</p>
      </div>
      <table className="receipt">
        <tbody>
          <tr>
            <th>送达方式</th>
            <td>{sheet.deliveryMethod ? deliveryMethod.label(sheet.deliveryMethod) : '当面送达 / 邮寄送达 / 其他'}</td>
            <th>送达日期</th>
            <td>{chineseDate(sheet.deliveredOn)}</td>
          </tr>
          <tr>
            <th>受送达人签收</th>
            <td className="signature" />
            <th>送达人</th>
            <td className="signature" />
          </tr>
        </tbody>
      </table>
    </section>
  )
}
