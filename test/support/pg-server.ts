import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// A real PostgreSQL server for the tests: a cluster initialised in a temporary folder, listening
// on a free loopback port with its socket in that folder, gone when the tests end. Debian keeps
// the server programs off PATH (/usr/lib/postgresql/N/bin); `pg_config --bindir` or that folder
// finds them. The cluster trusts loopback connections only: it never listens beyond 127.0.0.1.

export const PG_SUPERUSER = 'ledger_admin'

/** IT's account that builds and owns the ledger's tables (server-roles.ts); by password, as in an office. */
export const PG_OWNER = { user: 'ledger_owner', password: 'owner-secret' } as const

/** The desks' account: reads and writes the ledger, only appends to the audit log. */
export const PG_DESK = { user: 'ledger_desk', password: 'desk-secret' } as const

/** The migrated ledger database each test's own database is copied from. */
export const PG_TEMPLATE = 'ledger_template'

/**
 * The folder holding initdb and postgres, or null when the server is not installed: LEDGER_PG_BINDIR,
 * then `pg_config --bindir` on PATH, then Debian's /usr/lib/postgresql/N/bin (newest first; skipped
 * when LEDGER_TOOLS_SEARCH_SYSTEM=0, as the preflight's tests ask).
 */
export function findPgBinaries(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = []
  if (env.LEDGER_PG_BINDIR) candidates.push(env.LEDGER_PG_BINDIR)
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim())
  } catch {
    // pg_config comes with libpq-dev; the server's own folder is looked for next.
  }
  const debian = '/usr/lib/postgresql'
  if (env.LEDGER_TOOLS_SEARCH_SYSTEM !== '0' && fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'))
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) ?? null
}

/** Whether the pg_trgm extension ships beside the server (Debian: postgresql-NN; elsewhere contrib). */
export function hasPgTrgm(bindir: string): boolean {
  try {
    const share = execFileSync(path.join(bindir, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim()
    return fs.existsSync(path.join(share, 'extension', 'pg_trgm.control'))
  } catch {
    const version = path.basename(path.dirname(bindir))
    return fs.existsSync(`/usr/share/postgresql/${version}/extension/pg_trgm.control`)
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** initdb and postgres refuse to run as root; as root the cluster belongs to the postgres user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  return { uid, gid }
}

export interface PgServer {
  host: string
  port: number
  user: string
  /** postgres://… for a database on this server. */
  url(database: string): string
  stop(): Promise<void>
}

function waitForReady(bindir: string, port: number, socketDir: string, child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = 200
    let tries = 0
    const poll = () => {
      if (child.exitCode !== null) return reject(new Error(`postgres 未能启动：\n${log()}`))
      try {
        execFileSync(path.join(bindir, 'pg_isready'), ['-h', socketDir, '-p', String(port), '-q'], { stdio: 'ignore' })
        return resolve()
      } catch {
        if (++tries >= deadline) return reject(new Error(`postgres 未在规定时间内就绪：\n${log()}`))
        setTimeout(poll, 100)
      }
    }
    poll()
  })
}

export interface PgServerOptions {
  /**
   * Commits wait for the disk (PostgreSQL's defaults: fsync, synchronous_commit, full_page_writes),
   * as on a bureau's server: the benchmark's setting (bench/server.ts). Off for the tests.
   */
  durable?: boolean
}

export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const bindir = findPgBinaries()
  if (bindir === null)
    throw new Error('未找到 PostgreSQL 服务器程序（initdb、postgres）。请安装 postgresql 软件包：apt-get install -y postgresql')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-'))
  const data = path.join(dir, 'data')
  const owner = runAs()
  if (owner !== null) fs.chownSync(dir, owner.uid, owner.gid)
  const asOwner = owner ?? {}
  execFileSync(
    path.join(bindir, 'initdb'),
    ['-D', data, '-U', PG_SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    { stdio: 'pipe', cwd: dir, ...asOwner },
  )
  // Loopback only, trusted: the cluster exists for this test run and dies with it.
  // The superuser over the socket and loopback; every other role by password, so a wrong one is refused.
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    `local all all trust\nhost all ${PG_SUPERUSER} 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n`,
  )
  if (owner !== null) fs.chownSync(path.join(data, 'pg_hba.conf'), owner.uid, owner.gid)
  const port = await freePort()
  const logFile = path.join(dir, 'server.log')
  const out = fs.openSync(logFile, 'a')
  // Durability is not what the tests measure; fsync off keeps eight desks from waiting on the disk.
  const child = spawn(
    path.join(bindir, 'postgres'),
    [
      '-D',
      data,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-k',
      dir,
      ...(options.durable === true ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      '-c',
      'max_connections=200',
      '-c',
      'timezone=Asia/Shanghai',
    ],
    { stdio: ['ignore', out, out], cwd: dir, ...asOwner },
  )
  fs.closeSync(out)
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '')
  try {
    await waitForReady(bindir, port, dir, child, log)
  } catch (e) {
    child.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
    throw e
  }
  return {
    host: '127.0.0.1',
    port,
    user: PG_SUPERUSER,
    url: (database) => `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        // SIGINT: fast shutdown, connections ended, no recovery needed for a folder about to go.
        child.kill('SIGINT')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
