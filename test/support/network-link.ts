import net from 'node:net'

// The office network between a desk and the server, as a TCP relay on a loopback port: the
// desk connects to the relay, the relay to the real server. Cutting it destroys every open
// connection and refuses new ones, as a pulled cable or a switch restarting would; restoring it
// listens again on the same port, so the desk's pool reconnects to the address it already has.

export interface NetworkLink {
  /** The port the desk connects to instead of the server's. */
  readonly port: number
  /** The line goes dead: open connections reset, new ones refused. */
  cut(): Promise<void>
  /** The line comes back on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

export async function startNetworkLink(targetPort: number): Promise<NetworkLink> {
  const sockets = new Set<net.Socket>()
  const relay = (desk: net.Socket) => {
    const server = net.connect(targetPort, '127.0.0.1')
    for (const s of [desk, server]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      // A reset on one side ends the other: what the desk sees when the line drops.
      s.on('error', () => undefined)
    }
    desk.pipe(server).pipe(desk)
    desk.on('close', () => server.destroy())
    server.on('close', () => desk.destroy())
  }
  let server = net.createServer(relay)
  const port = await listen(server, 0)
  const dropAll = () => {
    for (const s of sockets) s.resetAndDestroy()
    sockets.clear()
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve()
      server.close(() => resolve())
      dropAll()
    })
  return {
    port,
    cut: stop,
    restore: async () => {
      server = net.createServer(relay)
      await listen(server, port)
    },
    close: stop,
  }
}

/** A host that accepts the connection and then never answers: an unreachable server behind a firewall that swallows packets. */
export async function startSilentHost(): Promise<{ port: number; close(): Promise<void> }> {
  const held = new Set<net.Socket>()
  const server = net.createServer((s) => {
    held.add(s)
    s.on('error', () => undefined)
  })
  const port = await listen(server, 0)
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of held) s.destroy()
        server.close(() => resolve())
      }),
  }
}
