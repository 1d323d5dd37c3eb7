// Prints the statutory holidays the ledger computes for the years given, as JSON: the time-zone
// test runs it in a fresh process whose TZ is set before anything loads.
import { statutoryHolidays } from '../../db/calendar/statutory'

const years = process.argv.slice(2).map(Number)
process.stdout.write(JSON.stringify(years.map((y) => statutoryHolidays(y))))
