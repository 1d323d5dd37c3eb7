import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeInputError, inputIssueMessage } from '../../electron/handlers/input-messages'

function messageFor(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input, { error: inputIssueMessage })
  if (result.success) throw new Error('expected a failure')
  return describeInputError(result.error)
}

const visitor = z
  .object({
    name: z.string().trim().min(1),
    phone: z.string().max(20).optional(),
    count: z.number().int().min(1),
    kind: z.enum(['resident', 'enterprise']),
    tags: z.array(z.object({ label: z.string() })).optional(),
  })
  .strict()

const valid = { name: '张三', count: 1, kind: 'resident' }

describe('input error messages', () => {
  it('names the field and says what is wrong, in Chinese', () => {
    expect(messageFor(visitor, { ...valid, name: '' })).toBe('输入有误：name 不能为空')
    expect(messageFor(visitor, { count: 1, kind: 'resident' })).toBe('输入有误：name 不能为空')
    expect(messageFor(visitor, { ...valid, name: 3 })).toBe('输入有误：name 应为文字')
    expect(messageFor(visitor, { ...valid, count: 0 })).toBe('输入有误：count 不能小于 1')
    expect(messageFor(visitor, { ...valid, count: 1.5 })).toBe('输入有误：count 应为整数')
    expect(messageFor(visitor, { ...valid, phone: '1'.repeat(21) })).toBe('输入有误：phone 最多 20 个字')
    expect(messageFor(visitor, { ...valid, kind: 'x' })).toBe('输入有误：kind 应为以下之一：resident、enterprise')
    expect(messageFor(visitor, { ...valid, tags: [{ label: 1 }] })).toBe('输入有误：tags[0].label 应为文字')
    expect(messageFor(visitor, { ...valid, extra: true })).toBe('输入有误：包含不认识的字段：extra')
  })

  it('prefers a described field name and a schema’s own message', () => {
    const named = z.object({ name: z.string().min(1).describe('姓名') })
    expect(messageFor(named, { name: '' })).toBe('输入有误：姓名 不能为空')
    const own = z.object({ name: z.string().min(1, '请填写来访人姓名') })
    expect(messageFor(own, { name: '' })).toBe('输入有误：请填写来访人姓名')
  })

  it('lists at most three problems', () => {
    expect(messageFor(visitor, {})).toBe('输入有误：name 不能为空；count 不能为空；kind 不能为空')
    expect(messageFor(visitor, { extra: 1 })).toMatch(/等 4 处问题$/)
  })
})
