import type { HandoverSheet } from '../../../electron/contract/types'

const dash = (v: string | null | undefined) => (v && v.trim() !== '' ? v : '—')

/** How the section reaches the visitor to reply: the number on the sheet, or who holds it. */
function replyNote(sheet: HandoverSheet): string {
  if (sheet.replyPhone) return '需直接答复来访人的，请按上列电话联系；来访人电话仅用于答复本问题，请勿外传。'
  const office = sheet.officePhone ? `或接待办公室（电话 ${sheet.officePhone}）` : '或接待办公室'
  const who = sheet.firstContactName ? `首问责任人${sheet.firstContactName}${office}` : office.replace(/^或/, '')
  return `来访人电话已隐去部分号码。需直接答复来访人的，请联系${who}，由其提供联系方式或代为转告。`
}

/** One 交办单 per A4 page: what was raised, to whom it goes, by when, and lines for 签收. */
export function HandoverSheetView({ sheet }: { sheet: HandoverSheet }) {
  return (
    <section className="paper" data-issue={sheet.number}>
      <p className="bureau">{sheet.bureauName}</p>
      <h1>接待日问题交办单</h1>
      <div className="meta">
        <span>编号：{sheet.number}</span>
        <span>受理日期：{sheet.acceptedDate}</span>
      </div>
      <table>
        <tbody>
          <tr>
            <th>接待日</th>
            <td colSpan={3}>{dash(sheet.sessionTitle)}</td>
          </tr>
          {sheet.showVisitor ? (
            <tr>
              <th>来访人</th>
              <td>
                {dash(sheet.visitorName)}
                {sheet.replyPhone || sheet.visitorPhone ? `\n${sheet.replyPhone ?? sheet.visitorPhone ?? ''}` : ''}
              </td>
              <th>企业（单位）</th>
              <td>{dash(sheet.organizationName)}</td>
            </tr>
          ) : (
            <tr>
              <th>来访人</th>
              <td colSpan={3}>来访人信息按规定不予显示，如需联系请与首问责任人联系</td>
            </tr>
          )}
          <tr>
            <th>被反映对象</th>
            <td>{dash(sheet.subjectName)}</td>
            <th>属地</th>
            <td>{dash(sheet.localityName)}</td>
          </tr>
          <tr>
            <th>问题类别</th>
            <td>{sheet.categoryName}</td>
            <th>问题地点</th>
            <td>{dash(sheet.place)}</td>
          </tr>
          <tr>
            <th>反映问题</th>
            <td colSpan={3} className="tall">
              {sheet.content}
            </td>
          </tr>
          <tr>
            <th>当场答复情况</th>
            <td colSpan={3} className="medium">
              {dash(sheet.answeredOnTheSpot)}
            </td>
          </tr>
          <tr>
            <th>主办股室</th>
            <td>{dash(sheet.departmentName)}</td>
            <th>责任人</th>
            <td>{dash(sheet.assigneeName)}</td>
          </tr>
          {sheet.assistDepartments.length > 0 && (
            <tr>
              <th>协办股室</th>
              <td colSpan={3}>{sheet.assistDepartments.join('、')}</td>
            </tr>
          )}
          <tr>
            <th>包案领导</th>
            <td>{dash(sheet.leaderName)}</td>
            <th>首问责任人</th>
            <td>{dash(sheet.firstContactName)}</td>
          </tr>
          <tr>
            <th>办结时限</th>
            <td colSpan={3}>
              {sheet.dueDate} 前办结（{sheet.dueRule}）
              {sheet.dueProvisional && `（暂定：${sheet.dueDate.slice(0, 4)}年放假安排公布后重新计算）`}
            </td>
          </tr>
          <tr>
            <th>交办意见</th>
            <td colSpan={3} className="medium">
              {dash(sheet.assignNote)}
            </td>
          </tr>
          <tr>
            <th>办理结果</th>
            <td colSpan={3} className="tall" />
          </tr>
          <tr>
            <th>承办股室签收</th>
            <td className="signature" />
            <th>签收日期</th>
            <td className="signature" style={{ textAlign: 'right' }}>
              年　　月　　日
            </td>
          </tr>
        </tbody>
      </table>
      <p className="note">请承办股室于办结时限前将办理结果书面反馈接待日办公室，逾期未办结的将予以督办。</p>
      <p className="note">{replyNote(sheet)}</p>
    </section>
  )
}
