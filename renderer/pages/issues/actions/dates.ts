import dayjs, { type Dayjs } from 'dayjs'

/** The API's date form. */
export const isoDate = (d: Dayjs): string => d.format('YYYY-MM-DD')

/** For something that already happened: not after today, not before `notBefore` ('YYYY-MM-DD'). */
export function pastDateOnly(notBefore: string | null): (d: Dayjs) => boolean {
  return (d) => d.isAfter(dayjs(), 'day') || (notBefore !== null && isoDate(d) < notBefore)
}
