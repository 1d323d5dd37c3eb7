import { z } from 'zod'

// Anything else in main that parses with zod (db/ helpers, CLI) should also speak Chinese.
z.config(z.locales.zhCN())

const zhCN = z.locales.zhCN().localeError

type RawIssue = z.core.$ZodRawIssue

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
}

const formatNames: Record<string, string> = {
  date: '日期（YYYY-MM-DD）',
  datetime: '日期时间',
  time: '时间',
  email: '电子邮箱',
  url: '网址',
}

function unitOf(origin: string): string {
  if (origin === 'string') return '个字'
  if (origin === 'array' || origin === 'set') return '项'
  return ''
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('')
}

/** A schema's `.describe('姓名')` names the field for the desk; otherwise its path does. */
function fieldName(issue: RawIssue): string {
  // zod fills `schema` before error maps run: the failing schema, or the one owning the check.
  const described = issue.schema ? z.globalRegistry.get(issue.schema)?.description : undefined
  return described ?? fieldPath(issue.path ?? [])
}

function predicate(issue: RawIssue): string {
  // A missing field reports as a type or enum mismatch against undefined: the desk reads "empty".
  const missing = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  if (missing) return '不能为空'
  switch (issue.code) {
    case 'invalid_type':
      return `应为${typeNames[issue.expected] ?? issue.expected}`
    case 'too_small': {
      const min = Number(issue.minimum)
      if (issue.origin === 'string' && min === 1) return '不能为空'
      const unit = unitOf(issue.origin)
      if (unit) return `至少 ${min} ${unit}`
      return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`
    }
    case 'too_big': {
      const max = Number(issue.maximum)
      const unit = unitOf(issue.origin)
      if (unit) return `最多 ${max} ${unit}`
      return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`
    }
    case 'invalid_format': {
      const name = formatNames[issue.format]
      return name ? `应为${name}` : '格式不正确'
    }
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`
    case 'unrecognized_keys':
      return `包含不认识的字段：${issue.keys.join('、')}`
    default: {
      const fallback = zhCN?.(issue)
      return typeof fallback === 'string' ? fallback : (fallback?.message ?? '无效输入')
    }
  }
}

/**
 * Per-parse error map for IPC input. Each message names its field so it reads on its own;
 * a schema's own message (`.min(1, '请填写姓名')`) still wins over this one.
 */
export const inputIssueMessage: z.core.$ZodErrorMap = (issue) => {
  const field = fieldName(issue)
  const what = predicate(issue)
  return field ? `${field} ${what}` : what
}

export function describeInputError(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => issue.message)
  const more = error.issues.length > shown.length ? `等 ${error.issues.length} 处问题` : ''
  return `输入有误：${shown.join('；')}${more}`
}
