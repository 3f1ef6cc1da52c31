import net from 'node:net';

/** The local Redis (CI's machine runs one on 6379); REDIS_TEST_URL may point elsewhere on loopback. */
export const redisServerUrl = new URL(process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379');

function encode(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/**
 * Sends commands to Redis over one connection (RESP, no client library needed) and resolves with the raw reply
 * once every command has been answered. Enough for SELECT / FLUSHDB / DBSIZE in test set-up.
 */
export function redisCommands(commands: readonly (readonly string[])[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(redisServerUrl.port || 6379), redisServerUrl.hostname);
    let reply = '';
    const timer = setTimeout(() => socket.destroy(new Error('Redis did not answer within 3 s')), 3000);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const lines = reply.split('\r\n').filter((line) => /^[+\-:$*]/.test(line));
      if (lines.length >= commands.length) {
        clearTimeout(timer);
        socket.end();
        if (lines.some((line) => line.startsWith('-'))) reject(new Error(`Redis: ${reply}`));
        else resolve(reply);
      }
    });
    socket.on('connect', () => socket.write(commands.map(encode).join('')));
  });
}

/** A Redis database index (1–15) for one test file, emptied before use; call `flush()` afterwards too. */
export async function throwAwayRedisDatabase(): Promise<{ url: string; index: number; flush(): Promise<void> }> {
  const index = 1 + Math.floor(Math.random() * 15);
  const flush = async () => {
    await redisCommands([['SELECT', String(index)], ['FLUSHDB']]);
  };
  await flush();
  return { url: `redis://${redisServerUrl.host}/${index}`, index, flush };
}
