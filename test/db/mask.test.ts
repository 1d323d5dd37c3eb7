import { describe, expect, it } from 'vitest'
import { maskFreeText, maskIdNumber, maskPhone, restoreHiddenNumbers } from '../../db/privacy/mask'

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('masks a mobile number written with +86 and dashes the same way', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678')
  })

  it('keeps the area code and last 4 digits of a landline written with a dash', () => {
    expect(maskPhone('010-12345678')).toBe('010****5678')
  })

  it('keeps the area code and last 4 digits of a landline run together', () => {
    expect(maskPhone('01012345678')).toBe('010****5678')
  })

  it('keeps a 4-digit area code', () => {
    expect(maskPhone('0571-8765432')).toBe('0571***5432')
  })

  it('masks all but the last 2 digits of a short number', () => {
    expect(maskPhone('12369')).toBe('***69')
  })

  it('masks all but the last 2 digits of a 6-digit number', () => {
    expect(maskPhone('123456')).toBe('****56')
  })

  it('keeps only the last 4 digits of a bare local number', () => {
    expect(maskPhone('87654321')).toBe('****4321')
  })

  it('returns null for null', () => {
    expect(maskPhone(null)).toBeNull()
  })

  it('returns an empty string for an empty string', () => {
    expect(maskPhone('')).toBe('')
  })
})

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234')
  })

  it('keeps a trailing X', () => {
    expect(maskIdNumber('11010519491231123X')).toBe('110***********123X')
  })

  it('upper-cases a trailing x before masking', () => {
    expect(maskIdNumber('11010519491231123x')).toBe('110***********123X')
  })

  it('keeps only the first and last character of a 15-digit number', () => {
    expect(maskIdNumber('110105491231002')).toBe('1*************2')
  })

  it('masks a 2-character value completely', () => {
    expect(maskIdNumber('12')).toBe('**')
  })

  it('returns null for null', () => {
    expect(maskIdNumber(null)).toBeNull()
  })
})

describe('maskFreeText', () => {
  it.each([
    ['举报人电话139-1234-5670，请回电', '举报人电话139-****-5670，请回电'],
    ['139 1234 5671', '139 **** 5671'],
    ['+8613912345672', '+86139****5672'],
    ['+86 139 1234 5678', '+86 139 **** 5678'],
    ['１３９１２３４５６７３', '１３９****５６７３'],
    ['身份证 110105 19491231 002X 本人', '身份证 110*** ******** 002X 本人'],
    ['11010519491231002X', '110***********002X'],
    ['座机0571-88886666转8', '座机0571-****6666转8'],
    ['（0571）88886666', '（0571）****6666'],
    ['010-12345678', '010-****5678'],
  ])('masks %s as %s, keeping its length and separators', (typed, masked) => {
    expect(maskFreeText(typed)).toBe(masked)
    expect(maskFreeText(typed)).toHaveLength(typed.length)
  })

  it.each([
    'JD-2026-11-0003',
    '2026-11-13 13:45:12',
    'ledger-abcdefghjk-20261113-135959-2-manual.sqlite',
    '罚款 13,912,345.67 元',
    '工单号 20261110001234',
    '统一社会信用代码91350100M000100Y43',
  ])('leaves %s alone', (text) => {
    expect(maskFreeText(text)).toBe(text)
  })

  it('is the same on text already masked', () => {
    const once = maskFreeText('电话139-1234-5670')
    expect(maskFreeText(once)).toBe(once)
  })
})

describe('restoreHiddenNumbers', () => {
  const stored = '夜间偷排，举报人电话139-1234-5670，另一号码13812345678'

  it('puts the numbers back into an edit of the masked text', () => {
    const edited = maskFreeText(stored).replace('夜间偷排', '夜间多次偷排')
    expect(restoreHiddenNumbers(edited, stored)).toBe('夜间多次偷排，举报人电话139-1234-5670，另一号码13812345678')
  })

  it('keeps a number the edit typed anew, and leaves out a number the edit removed', () => {
    const edited = `${maskFreeText(stored).replace('，另一号码138****5678', '')}，新号码13700001111`
    expect(restoreHiddenNumbers(edited, stored)).toBe('夜间偷排，举报人电话139-1234-5670，新号码13700001111')
  })
})

describe('maskPhone on numbers as people give them', () => {
  it.each([
    ['400-123-4567', '400***4567'],
    ['800-820-8820', '800***8820'],
    ['95598', '***98'],
    ['0799-1234567-801', '0799***4567转801'],
    ['0799-1234567转801', '0799***4567转801'],
    ['+852 9123 4567', '+852****4567'],
    ['+853 6612 3456', '+853****3456'],
  ])('masks %s as %s', (typed, masked) => {
    expect(maskPhone(typed)).toBe(masked)
  })
})
