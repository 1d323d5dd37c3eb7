import { describe, expect, it } from 'vitest'
import { optionalText, requireText, toHalfWidth } from '../../db/validation/text'
import { errorOf } from '../support/refusals'

describe('requireText', () => {
  it('returns the text trimmed', () => {
    expect(requireText('  大气污染  ', '问题描述')).toBe('大气污染')
  })

  it('refuses an empty string with 请填写 and the label', () => {
    const e = errorOf(() => requireText('', '来访人姓名'))
    expect(e.code).toBe('required')
    expect(e.message).toBe('请填写来访人姓名')
  })

  it('refuses text made only of spaces', () => {
    expect(errorOf(() => requireText(' \n\t ', '来访人姓名')).code).toBe('required')
  })

  it('refuses null and undefined', () => {
    expect(errorOf(() => requireText(null, '地址')).message).toBe('请填写地址')
    expect(errorOf(() => requireText(undefined, '地址')).message).toBe('请填写地址')
  })

  it('refuses text longer than the maximum with the label and the limit', () => {
    const e = errorOf(() => requireText('一二三四五六', '姓名', 5))
    expect(e.code).toBe('too_long')
    expect(e.message).toBe('姓名不能超过5个字')
  })

  it('accepts text exactly at the maximum', () => {
    expect(requireText('一二三四五', '姓名', 5)).toBe('一二三四五')
  })

  it('allows 2000 characters by default and refuses 2001', () => {
    expect(requireText('字'.repeat(2000), '答复')).toHaveLength(2000)
    expect(errorOf(() => requireText('字'.repeat(2001), '答复')).message).toBe('答复不能超过2000个字')
  })

  it('counts a character outside the basic plane as one character', () => {
    expect(requireText('𠮷𠮷', '姓名', 2)).toBe('𠮷𠮷')
  })

  it('strips ASCII control characters', () => {
    expect(requireText('噪\x00声\x07扰\x1B民\x7F', '问题描述')).toBe('噪声扰民')
  })

  it('keeps line feeds and tabs', () => {
    expect(requireText('第一行\n\t第二行', '问题描述')).toBe('第一行\n\t第二行')
  })

  it('turns Windows line ends into line feeds', () => {
    expect(requireText('第一行\r\n第二行', '问题描述')).toBe('第一行\n第二行')
  })

  it('refuses text made only of control characters', () => {
    expect(errorOf(() => requireText('\x00\x01\x02', '问题描述')).code).toBe('required')
  })
})

describe('optionalText', () => {
  it('returns null for an empty string', () => {
    expect(optionalText('', '备注')).toBeNull()
  })

  it('returns null for spaces only', () => {
    expect(optionalText('   ', '备注')).toBeNull()
  })

  it('returns null for null and undefined', () => {
    expect(optionalText(null, '备注')).toBeNull()
    expect(optionalText(undefined, '备注')).toBeNull()
  })

  it('returns the cleaned text when there is some', () => {
    expect(optionalText(' 已电话\x00回访 ', '备注')).toBe('已电话回访')
  })

  it('still refuses over-long text', () => {
    expect(errorOf(() => optionalText('一二三', '备注', 2)).message).toBe('备注不能超过2个字')
  })
})

describe('toHalfWidth', () => {
  it('turns full-width digits, letters and punctuation into ASCII', () => {
    expect(toHalfWidth('０１２９ＡＺａｚ（）－＋')).toBe('0129AZaz()-+')
  })

  it('turns the ideographic space into an ASCII space', () => {
    expect(toHalfWidth('甲\u3000乙')).toBe('甲 乙')
  })

  it('leaves Chinese characters alone', () => {
    expect(toHalfWidth('生态环境局接待日')).toBe('生态环境局接待日')
  })
})

function errorOrValue(run: () => string | null): string | null | Error {
  try {
    return run()
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e))
  }
}

describe('text that is not text', () => {
  it('refuses names made only of invisible characters, with a Chinese message', () => {
    for (const name of ['\u200B', '\u200B\u200B\u200B', '\u2060\u200C', '\u3164', '\u3164\u3164', '\u115F\u1160', '\u2800', '\u0301']) {
      const e = errorOf(() => requireText(name, '来访人姓名'))
      expect(['required', 'invalid_text'], JSON.stringify(name)).toContain(e.code)
      expect(e.message).toMatch(/^(请填写来访人姓名|来访人姓名须含有看得见的文字)/)
      // An optional field keeps nothing of it: empty, or refused.
      expect(errorOrValue(() => optionalText(name, '地址'))).not.toEqual(expect.any(String))
    }
  })

  it('strips format characters such as the right-to-left override, keeping what is visible', () => {
    expect(requireText('\u202E张三', '来访人姓名')).toBe('张三')
    expect(requireText('张\u200B三\u2060', '来访人姓名')).toBe('张三')
    expect(requireText('\uFEFF王\u00ADfang', '来访人姓名')).toBe('王fang')
  })

  it('refuses lone surrogates, which would be stored as bytes other programs cannot read', () => {
    for (const broken of ['张\uD800', '\uDC00三', '李\uDBFF\uDBFF四']) {
      const e = errorOf(() => requireText(broken, '来访人姓名'))
      expect(e).toMatchObject({ code: 'invalid_text', message: expect.stringMatching(/来访人姓名含有损坏的字符/) })
    }
    expect(requireText('𠀀𪚥', '姓名')).toBe('𠀀𪚥')
  })
})
