// The ledger server's address as the command line takes it (--pg or the environment) and shows it:
// light enough for `ledger --help` and the error printer, which never load a database driver.

export const PG_ENV = 'LEDGER_PG'

/** The server address for messages: the password (in the address or its query) shown as ***. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    if (u.searchParams.has('password')) u.searchParams.set('password', '***')
    return u.toString()
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password=)[^&]*/i, '$1***')
  }
}
