import fs from 'node:fs'
import path from 'node:path'
import type { Keyboard, Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { saveAnswerTemplate } from '../../db/reference/answers'
import { listCategories, saveStaff, seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { ARTIFACTS, openApp, type AppUnderTest } from '../support/browser'
import { signIn } from '../support/office-screens'
import { actorOf } from '../support/temp-ledger'

// Five walk-ins typed as a clerk types them, from the keyboard alone, each key counted. The
// seconds are an estimate from the counts at stated rates (a real clerk listens while typing);
// the test never times anything. The rates:
//   汉字 through a pinyin input method, with phrase completion: 1.2 s a character (50 a minute);
//   digits and letters: 0.25 s a key (240 a minute, a number read off an ID card or said aloud);
//   Tab, Enter, arrows, Alt+1, Ctrl+Enter: 0.4 s each (a glance at the screen between fields).
export const RATES = { hanzi: 1.2, plain: 0.25, control: 0.4 } as const

interface Tally {
  hanzi: number
  plain: number
  control: number
}

class Typist {
  tally: Tally = { hanzi: 0, plain: 0, control: 0 }
  constructor(private readonly k: Keyboard) {}
  async type(text: string): Promise<void> {
    for (const ch of text) {
      if (/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch)) this.tally.hanzi += 1
      else this.tally.plain += 1
    }
    await this.k.type(text)
  }
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.tally.control += 1
      await this.k.press(key)
    }
  }
  seconds(): number {
    const t = this.tally
    return Math.round((t.hanzi * RATES.hanzi + t.plain * RATES.plain + t.control * RATES.control) * 10) / 10
  }
  keys(): number {
    return this.tally.hanzi + this.tally.plain + this.tally.control
  }
}

interface Result {
  walkIn: string
  keys: number
  hanzi: number
  plainKeys: number
  controlKeys: number
  seconds: number
}

const results: Result[] = []
let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})
afterAll(() => {
  if (results.length === 0) return
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  fs.writeFileSync(path.join(ARTIFACTS, 'walk-ins.json'), JSON.stringify({ rates: RATES, results }, null, 2))
  const lines = results.map(
    (r) => `${r.walkIn}：${r.keys} 键（汉字 ${r.hanzi}，数字字母 ${r.plainKeys}，功能键 ${r.controlKeys}），约 ${r.seconds} 秒`,
  )
  console.log(`五位来访人的登记（按键计数 × 速率估算，目标一位一个简短问题 ≤ 30 秒）：\n${lines.join('\n')}`)
})

async function focused(page: Page, label: RegExp): Promise<void> {
  await expect
    .poll(() => page.evaluate<string>("document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent ?? ''"))
    .toMatch(label)
}

/** Waits for the save and for the form to be back at its start, with the cursor in the name box. */
async function saved(page: Page, name: string): Promise<void> {
  await page.getByText(`已登记 ${name}`).first().waitFor()
  await expect.poll(() => page.getByLabel('来访人姓名').inputValue()).toBe('')
  await focused(page, /来访人姓名/)
}

async function category(t: Typist, page: Page, search: string): Promise<void> {
  await focused(page, /问题类别/)
  await t.type(search)
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor()
  await t.press('Enter') // takes the highlighted category
  await expect.poll(() => page.locator('.ant-select-open').count()).toBe(0)
  await t.press('Enter') // on to the text
}

async function savedAnswer(t: Typist, page: Page): Promise<void> {
  await focused(page, /答复内容/)
  await t.press('ArrowDown')
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor()
  await t.press('Enter')
}

describe('five walk-ins from the keyboard', () => {
  it('registers them as a clerk would, counting every key, and reports the estimate per registration', async () => {
    results.length = 0
    app = await openApp({
      now: '2026-11-10 09:00:00',
      // Nobody on duty: the clerk signs in through the header, as at the start of the day.
      onDuty: null,
      seed: async (ctx, clock) => {
        await seedDefaults(ctx)
        const clerk = await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
        ctx.actor = actorOf(clerk)
        const cats = await listCategories(ctx.db)
        const id = (n: string) => cats.find((c) => c.name === n)?.id ?? 1
        await saveAnswerTemplate(ctx, { categoryId: id('排污许可'), text: '已告知延续申请须提前30日提交，并发放材料清单' })
        await saveAnswerTemplate(ctx, { categoryId: id('大气'), text: '属餐饮油烟，已告知向城市管理部门反映，电话12319' })
        clock.set('2026-10-13 09:00:00')
        const old = await planSession(ctx, { date: '2026-10-13', kind: 'public', location: '接待室', staffIds: [clerk.id] })
        await openSession(ctx, old.id)
        await registerVisit(ctx, {
          sessionId: old.id,
          visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: id('大气'), content: '油烟扰民', answer: '已告知' }],
        })
        clock.set('2026-11-10 08:30:00')
        const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼群众接待室', staffIds: [clerk.id] })
        await openSession(ctx, s.id)
      },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await focused(page, /来访人姓名/)

    const run = async (walkIn: string, name: string, steps: (t: Typist) => Promise<void>) => {
      const t = new Typist(page.keyboard)
      await steps(t)
      await saved(page, name)
      results.push({
        walkIn,
        keys: t.keys(),
        hanzi: t.tally.hanzi,
        plainKeys: t.tally.plain,
        controlKeys: t.tally.control,
        seconds: t.seconds(),
      })
    }

    // 1. A resident with one short question, answered with a saved answer.
    await run('一、群众·一个简短咨询（常用答复）', '刘洋', async (t) => {
      await t.type('刘洋')
      await t.press('Enter')
      await t.type('13612345678')
      await t.press('Enter', 3) // 人数 1 stays, 类型 群众 stays
      await focused(page, /办理方式/)
      await t.press('Enter')
      await category(t, page, '大气')
      await t.type('饭店油烟扰民找谁')
      await t.press('Enter')
      await savedAnswer(t, page)
      await t.press('Control+Enter')
    })

    // 2. A returning visitor found by phone (Alt+1), one question, a saved answer.
    await run('二、老来访人·Alt+1·一个咨询', '张桂芳', async (t) => {
      await t.press('Tab')
      await t.type('1381234')
      await page.getByText(/Alt\+1　张桂芳/).waitFor()
      await t.press('Alt+1')
      await category(t, page, '大气')
      await t.type('上次的油烟问题')
      await t.press('Enter')
      await savedAnswer(t, page)
      await t.press('Control+Enter')
    })

    // 3. A new enterprise visitor with a consultation (the 101-key case of the run), the answer edited.
    await run('三、企业新来访人·一个咨询', '陈志强', async (t) => {
      await t.type('陈志强')
      await t.press('Enter')
      await t.type('13912345678')
      await t.press('Enter', 2)
      await t.press('ArrowRight') // 企业
      await page.getByLabel('企业（单位）名称').waitFor()
      await t.press('Enter')
      await focused(page, /企业（单位）名称/)
      await t.type('青山化工有限公司')
      await t.press('Enter')
      await t.type('91350100M000100Y43')
      await t.press('Enter')
      await focused(page, /办理方式/)
      await t.press('Enter')
      await category(t, page, '排污')
      await t.type('排污许可证延续')
      await t.press('Enter')
      await savedAnswer(t, page)
      await t.press('End')
      await t.type('，可网上办')
      await t.press('Control+Enter')
    })

    // 4. A resident with an issue to hand over, with its place.
    await run('四、群众·受理一个问题', '周敏', async (t) => {
      await t.type('周敏')
      await t.press('Enter')
      await t.type('13712345678')
      await t.press('Enter', 3)
      await focused(page, /办理方式/)
      await t.press('ArrowRight') // 受理·交办
      await t.press('Enter')
      await category(t, page, '水')
      await t.type('小河沟黑臭')
      await t.press('Enter')
      await t.type('西岭村')
      await t.press('Enter') // on to 被反映企业: a complaint about no enterprise leaves it empty
      await t.press('Enter') // the last box: saves
    })

    // 5. Two people with two matters: a consultation and an issue.
    await run('五、两人·一个咨询一个问题', '马军', async (t) => {
      await t.type('马军')
      await t.press('Enter')
      await t.type('13512345678')
      await t.press('Enter')
      await t.press('Control+A')
      await t.type('2')
      await t.press('Enter', 2)
      await focused(page, /办理方式/)
      await t.press('Enter')
      await category(t, page, '大气')
      await t.type('油烟扰民')
      await t.press('Enter')
      await savedAnswer(t, page)
      await page.getByRole('button', { name: /添加受理问题/ }).click() // one click, counted as a key
      t.tally.control += 1
      await category(t, page, '噪声')
      await t.type('夜间施工噪声')
      await t.press('Enter')
      await t.type('河滨路')
      await t.press('Enter')
      await t.press('Enter') // 被反映企业 left empty: saves
    })

    const visits = await app.ctx.db
      .selectFrom('visits as v')
      .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
      .select(['p.name', 'v.headcount', 'v.visit_date'])
      .where('v.visit_date', '=', '2026-11-10')
      .orderBy('v.id')
      .execute()
    expect(visits).toEqual([
      { name: '刘洋', headcount: 1, visit_date: '2026-11-10' },
      { name: '张桂芳', headcount: 1, visit_date: '2026-11-10' },
      { name: '陈志强', headcount: 1, visit_date: '2026-11-10' },
      { name: '周敏', headcount: 1, visit_date: '2026-11-10' },
      { name: '马军', headcount: 2, visit_date: '2026-11-10' },
    ])
    const issues = await app.ctx.db.selectFrom('issues').select('number').orderBy('number').execute()
    expect(issues.map((i) => i.number)).toEqual(['JD-2026-11-0001', 'JD-2026-11-0002'])
    expect(results).toHaveLength(5)
  })
})
