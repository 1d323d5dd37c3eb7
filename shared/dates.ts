/** '2026-12-02' as the desk says it: 12月2日. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-')
  return `${Number(m)}月${Number(d)}日`
}
