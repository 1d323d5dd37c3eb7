import type { IssueListItem, MonthlyReport, SessionKind } from '../../../electron/contract/types'
import { ISSUE_STATUS, SESSION_KIND } from '../../lib/labels'
import { figureRows } from '../summary/figures'

const KINDS: readonly SessionKind[] = ['enterprise', 'public', 'leader', 'field']

function IssueTable({ rows, empty }: { rows: IssueListItem[]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>
  return (
    <table className="data">
      <thead>
        <tr>
          <th style={{ width: '22%' }}>编号</th>
          <th>反映问题</th>
          <th style={{ width: '16%' }}>承办股室</th>
          <th style={{ width: '13%' }}>办结时限</th>
          <th style={{ width: '11%' }}>状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.number}</td>
            <td>{r.content}</td>
            <td>{r.departmentName ?? '未交办'}</td>
            <td>{r.dueDate}</td>
            <td>{ISSUE_STATUS[r.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The monthly report on A4: the sentence (as edited), the figures, categories and open lists. */
export function MonthlyReportView({ report, sentence }: { report: MonthlyReport; sentence: string }) {
  const s = report.summary
  const [year, month] = s.month.split('-')
  return (
    <section className="paper">
      <p className="bureau">{report.bureauName}</p>
      <h1>
        {year}年{Number(month)}月接待日工作情况
      </h1>
      <p className="sentence">{sentence}</p>
      <h2>一、主要数据</h2>
      <table className="data">
        <tbody>
          {figureRows(s).map(([label, value]) => (
            <tr key={label}>
              <th style={{ width: '40%', textAlign: 'left' }}>{label}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
          <tr>
            <th style={{ textAlign: 'left' }}>其中按类型</th>
            <td className="num">
              {KINDS.filter((k) => s.sessionsByKind[k] > 0)
                .map((k) => `${SESSION_KIND[k]} ${s.sessionsByKind[k]} 场`)
                .join('，') || '—'}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>二、问题分类</h2>
      <table className="data">
        <thead>
          <tr>
            <th>问题类别</th>
            <th>咨询（件）</th>
            <th>受理（个）</th>
            <th>办结（个）</th>
          </tr>
        </thead>
        <tbody>
          {s.byCategory.length === 0 ? (
            <tr>
              <td colSpan={4}>本月无咨询和受理问题</td>
            </tr>
          ) : (
            s.byCategory.map((c) => (
              <tr key={c.categoryId}>
                <td>{c.categoryName}</td>
                <td className="num">{c.consultations}</td>
                <td className="num">{c.issuesAccepted}</td>
                <td className="num">{c.issuesResolved}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h2>三、超期未办结问题</h2>
      <IssueTable rows={s.overdue} empty="无超期未办结问题。" />
      <h2>四、上月结转问题</h2>
      <IssueTable rows={s.carriedOverIssues} empty="无上月结转问题。" />
      <p className="note">
        口径：办结率 = 已办结 ÷（受理 − 转办）；按期办结率 = 按期办结 ÷ 已办结；满意率 =（满意 + 基本满意）÷
        回访次数。数据由台账记录自动计算。
      </p>
      <div className="lines">
        <span>填报人：＿＿＿＿＿＿</span>
        <span>审核人：＿＿＿＿＿＿</span>
        <span>日期：＿＿＿＿年＿＿月＿＿日</span>
      </div>
    </section>
  )
}
