import type { ReceiptSheet } from '../../../electron/contract/types'

const dash = (v: string | null | undefined) => (v && v.trim() !== '' ? v : '—')

/**
 * 受理回执 on the top half of an A4 sheet (cut along the line): for the visitor to keep — the issue
 * numbers, what was accepted, by when, whom to call, and a line for their signature.
 */
export function ReceiptView({ receipt }: { receipt: ReceiptSheet }) {
  const contact = receipt.issues.find((i) => i.firstContactName)?.firstContactName ?? receipt.receivedBy
  return (
    <section className="paper receipt" data-visit={receipt.visitId}>
      <p className="bureau">{receipt.bureauName}</p>
      <h1>受理回执</h1>
      <div className="meta">
        <span>
          来访人：{receipt.visitorName}
          {receipt.organizationName ? `（${receipt.organizationName}）` : ''}
          {receipt.visitorPhone ? `　电话：${receipt.visitorPhone}` : ''}
        </span>
        <span>来访时间：{receipt.arrivedAt.slice(0, 16)}</span>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th style={{ width: '24%' }}>问题编号</th>
            <th>受理内容</th>
            <th style={{ width: '22%' }}>办结时限</th>
          </tr>
        </thead>
        <tbody>
          {receipt.issues.map((i) => (
            <tr key={i.number}>
              <td>{i.number}</td>
              <td>
                [{i.categoryName}] {i.content}
                {i.place ? `（地点：${i.place}）` : ''}
              </td>
              <td>
                {i.dueDate} 前（{i.timeLimitDays} 个工作日）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        您反映的问题已受理，我局将在办结时限内办理并回访。查询办理进度请报问题编号，联系首问责任人 {dash(contact)}
        {receipt.officePhone ? `，电话 ${receipt.officePhone}` : ''}。
      </p>
      <div className="lines">
        <span>来访人签名：________________</span>
        <span>经办人：{dash(receipt.receivedBy)}</span>
        <span>{receipt.visitDate.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日')}</span>
      </div>
      <p className="cut">（沿此线剪下）</p>
    </section>
  )
}
