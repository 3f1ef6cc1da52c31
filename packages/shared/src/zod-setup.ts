import { z } from 'zod';

/**
 * Call once at start-up on the server and in the app so both speak the same (Chinese) validation language.
 * `jitless` is for the WeChat runtime, which forbids `new Function`.
 */
export function configureZod(options: { jitless?: boolean } = {}): void {
  z.config(z.locales.zhCN());
  if (options.jitless) z.config({ jitless: true });
}
