import { createServer, Socket, type Server } from 'node:net';

export type ProxyMode = 'pass-through' | 'blackhole';

interface Pair {
  client: Socket;
  upstream?: Socket;
  /** Blackholed on its own (`silence`), whatever the mode. */
  silenced?: boolean;
}

/**
 * A TCP proxy between the app and PostgreSQL (the node-postgres test suite's trick, A5): in
 * `pass-through` bytes flow both ways; in `blackhole` every connection, old or new, is held open and
 * nothing more is forwarded, like a server that accepts connections but never answers.
 */
export class TcpProxy {
  private mode: ProxyMode = 'pass-through';
  private readonly pairs = new Set<Pair>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
    server.on('connection', (client: Socket) => proxy.accept(client, targetPort));
    return proxy;
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
  }

  /**
   * Blackholes one connection only, held open and forwarding nothing more either way: the one whose
   * upstream socket has local port `upstreamPort` (its backend's `client_port` in pg_stat_activity).
   * The others go on flowing. Whether there was such a connection.
   */
  silence(upstreamPort: number): boolean {
    for (const pair of this.pairs) {
      if (pair.upstream?.localPort === upstreamPort) {
        pair.silenced = true;
        return true;
      }
    }
    return false;
  }

  /** Ends the connections held so far (as a network that comes back resets them); new ones follow the mode. */
  resetAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
  }

  get connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    const pair: Pair = { client };
    this.pairs.add(pair);
    const drop = (): void => {
      client.destroy();
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop);
    client.on('close', drop);
    if (this.mode === 'blackhole') {
      client.on('data', () => undefined); // read and drop
      return;
    }
    const upstream = new Socket();
    pair.upstream = upstream;
    upstream.on('error', drop);
    upstream.on('close', drop);
    upstream.connect(targetPort, '127.0.0.1');
    client.on('data', (chunk: Buffer) => {
      if (this.mode === 'pass-through' && !pair.silenced) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode === 'pass-through' && !pair.silenced) client.write(chunk);
    });
  }
}
