import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of the database, which a test can cut: `cut()` destroys every proxied
 * connection and closes the listening socket (new connections are refused), `restore()` listens again on the
 * same port. Counts connections so a test can see the pool reconnect.
 */
export interface TcpProxy {
  port: number;
  /** Connections accepted since the start. */
  accepted: number;
  /** Connections open now. */
  open(): number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const onConnection = (client: net.Socket) => {
    proxy.accepted++;
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer(onConnection);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        port = (next.address() as net.AddressInfo).port;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = undefined;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  const proxy: TcpProxy = {
    port: 0,
    accepted: 0,
    open: () => sockets.size / 2,
    async cut() {
      const closing = stopListening();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closing;
    },
    async restore() {
      if (!server) await listen();
    },
    async close() {
      await proxy.cut();
    },
  };
  await listen();
  proxy.port = port;
  return proxy;
}
