import { readFileSync } from 'node:fs';
import { maskPhone } from '@veterans/shared';
import { inject } from 'vitest';

/**
 * The running server's output (see global-setup.ts), for what only the log shows: sign-in codes from the
 * console SMS provider. Lines are pino JSON; only their `msg` matters here.
 */
function logMessages(): string[] {
  return readFileSync(inject('serverLogPath'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return String((JSON.parse(line) as { msg?: unknown }).msg ?? '');
      } catch {
        return line;
      }
    });
}

/** How many lines the log has now: pass it to a later wait so that only newer lines count. */
export function logMark(): number {
  return logMessages().length;
}

/** Waits for a line after `mark` matching `pattern` and returns its match. */
export async function waitForLog(pattern: RegExp, mark = 0, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const message of logMessages().slice(mark)) {
      const match = message.match(pattern);
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`No server log line matched ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sign-in code the console SMS provider "sent" to `phone` after `mark`: `SMS code for 138****8000: 123456`. */
export async function smsCodeFor(phone: string, mark: number): Promise<string> {
  const masked = maskPhone(phone).replace(/\*/g, '\\*');
  const [, code = ''] = await waitForLog(new RegExp(`SMS code for ${masked}: (\\d{6})`), mark);
  return code;
}
