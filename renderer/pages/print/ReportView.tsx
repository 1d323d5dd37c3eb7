import { Fragment } from 'react'
import type { IssueListItem, MonthlyReport, PeriodReport, SessionKind } from '../../../electron/contract/types'
import { ISSUE_STATUS, SESSION_KIND } from '../../lib/labels'
import { figureRows } from '../summary/figures'
import { hasPetitionFigures } from '../summary/petitionFigures'
import { PetitionReportSection } from './PetitionReportSection'
import { CaseFileReport } from './CaseFileReport'

const KINDS: readonly SessionKind[] = ['enterprise', 'public', 'leader', 'field']
const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

function IssueTable({ rows, empty }: { rows: IssueListItem[]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>
  return (
    <table className="data">
      <thead>
        <tr>
          <th style={{ width: '22%' }}>编号</th>
          <th>反映问题</th>
          <th style={{ width: '16%' }}>承办股室</th>
          <th style={{ width: '15%' }}>办结时限</th>
          <th style={{ width: '11%' }}>状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.number}</td>
            <td>{r.content}</td>
            <td>{r.departmentName ?? '未交办'}</td>
            <td>
              {r.dueDate}
              {r.dueProvisional && '（暂定）'}
            </td>
            <td>{ISSUE_STATUS[r.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * Any period's report on A4 — a month, a quarter, a year, a range, the ledger's whole life: the
 * sentence (as edited), the figures, categories, sections and open lists. A closed month prints as
 * it was sent, with what has changed since (调整) below it.
 */
export function ReportView({ report, sentence }: { report: PeriodReport | MonthlyReport; sentence: string }) {
  const s = report.summary
  const p = s.period
  const close = 'close' in report ? report.close : null
  const adjustments = 'adjustments' in report ? report.adjustments : []
  // A month closed before the 信访 figures existed has none in its snapshot; a period without any leaves the section out.
  const petitions = 'petitions' in s && hasPetitionFigures(s.petitions) ? s.petitions : null
  return (
    <section className="paper">
      <p className="bureau">{report.bureauName}</p>
      <h1>{p.label}接待日工作情况</h1>
      <p className="meta">
        <span>
          统计期间：{p.from} 至 {p.to}
        </span>
        {close && (
          <span>
            已月结（{close.closedBy}，{close.closedAt.slice(0, 10)}）
          </span>
        )}
      </p>
      <p className="sentence">{sentence}</p>
      <h2>一、主要数据</h2>
      <table className="data">
        <tbody>
          {figureRows(s).map(([label, value]) => (
            <Fragment key={label}>
              <tr>
                <th style={{ width: '45%', textAlign: 'left' }}>{label}</th>
                <td className="num">{value}</td>
              </tr>
              {/* The kinds of day belong under the number of days, not at the foot of the table. */}
              {label.startsWith('举办接待日') && (
                <tr>
                  <th style={{ textAlign: 'left' }}>其中按类型</th>
                  <td className="num">
                    {KINDS.filter((k) => s.sessionsByKind[k] > 0)
                      .map((k) => `${SESSION_KIND[k]} ${s.sessionsByKind[k]} 场`)
                      .join('，') || '—'}
                  </td>
                </tr>
              )}
              {label.startsWith('回访（次）') && (
                <tr>
                  <th style={{ textAlign: 'left' }}>其中：满意 / 基本满意 / 不满意</th>
                  <td className="num">
                    {s.satisfied} / {s.basicallySatisfied} /{' '}
                    <span className={s.unsatisfied > 0 ? 'warn' : undefined} data-figure="unsatisfied">
                      不满意 {s.unsatisfied}
                    </span>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <h2>二、问题分类</h2>
      <table className="data">
        <thead>
          <tr>
            <th>问题类别</th>
            <th>咨询（件）</th>
            <th>受理（个）</th>
            <th>已办结（个）</th>
            <th>{p.current}办结（个）</th>
          </tr>
        </thead>
        <tbody>
          {s.byCategory.length === 0 ? (
            <tr>
              <td colSpan={5}>{p.current}无咨询和受理问题</td>
            </tr>
          ) : (
            s.byCategory.map((c) => (
              <tr key={c.categoryId}>
                <td>{c.categoryName}</td>
                <td className="num">{c.consultations}</td>
                <td className="num">{c.issuesAccepted}</td>
                <td className="num">{c.issuesResolved}</td>
                <td className="num">{c.issuesResolvedInPeriod}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h2>三、承办股室</h2>
      <table className="data">
        <thead>
          <tr>
            <th>承办股室</th>
            <th>受理（个）</th>
            <th>已办结（个）</th>
            <th>办理中（个）</th>
            <th>{p.current}办结（个）</th>
          </tr>
        </thead>
        <tbody>
          {s.byDepartment.length === 0 ? (
            <tr>
              <td colSpan={5}>{p.current}无受理问题</td>
            </tr>
          ) : (
            s.byDepartment.map((d) => (
              <tr key={String(d.departmentId)}>
                <td>{d.departmentName}</td>
                <td className="num">{d.issuesAccepted}</td>
                <td className="num">{d.issuesResolved}</td>
                <td className="num">{d.issuesOpen}</td>
                <td className="num">{d.issuesResolvedInPeriod}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h2>四、超期未办结问题</h2>
      <IssueTable rows={s.overdue} empty="无超期未办结问题。" />
      <h2>五、{p.previous}结转问题</h2>
      <IssueTable rows={s.carriedOverIssues} empty={`无${p.previous}结转问题。`} />
      {petitions && <PetitionReportSection heading="六、信访事项和转办件" figures={petitions} />}
      {s.caseFile && <CaseFileReport c={s.caseFile} period={p} heading={petitions ? '七' : '六'} />}
      {adjustments.length > 0 && (
        <>
          <h2>{['六', '七', '八'][(petitions ? 1 : 0) + (s.caseFile ? 1 : 0)]}、月结后数据调整</h2>
          <p>{adjustments.map((a) => `${a.label}：报送 ${a.reported}，现为 ${a.now}（${signed(a.now - a.reported)}）`).join('；')}。</p>
        </>
      )}
      <p className="note">
        口径：受理、办结率按{p.current}受理的问题计（办结率 = 已办结 ÷（受理 − 转办），按期办结率 = 按期办结 ÷ 已办结）；“{p.current}
        办结”为办结日期在{p.current}内的问题，含{p.previous}结转；满意率 =（满意 + 基本满意）÷ 回访的问题，每个问题以最后一次回访为准；
        {p.previous}结转按办结日期、收到日期等业务日期推算。数据由台账记录自动计算。
      </p>
      <div className="lines">
        <span>填报人：＿＿＿＿＿＿</span>
        <span>审核人：＿＿＿＿＿＿</span>
        <span>日期：＿＿＿＿年＿＿月＿＿日</span>
      </div>
      {report.auditAnchor && (
        // A copy of the audit log's head on paper: IT staff can type it into `check --anchor`.
        <p className="anchor">
          审计链头：第 {report.auditAnchor.id} 条 · {report.auditAnchor.hash.slice(0, 16)}
          {report.auditAnchor.ledgerId ? ` · 台账 ${report.auditAnchor.ledgerId}` : ''}（{report.auditAnchor.at}）
        </p>
      )}
    </section>
  )
}
