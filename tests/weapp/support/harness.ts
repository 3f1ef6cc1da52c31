import { afterEach, inject } from 'vitest';
import { activeApps, Device, type HarnessEnv, WeappApp } from '../harness/weapp.ts';

export { Device, WeappApp };

export function harnessEnv(): HarnessEnv {
  return inject('weapp');
}

/** Opens the mini-program on `device` at `url`; closed after the test, which fails if the app reported problems. */
export function launch(device: Device, url?: string): Promise<WeappApp> {
  return WeappApp.launch(harnessEnv(), device, url);
}

/** Fails with every problem the app reported (console.error, uncaught errors, exparser and template warnings). */
export function expectNoProblems(app: WeappApp): void {
  const problems = app.allProblems();
  if (problems.length > 0) {
    throw new Error(
      `The mini-program reported ${problems.length} problem(s) on ${app.stack.map((p) => p.route).join(' > ')}:\n${problems.join('\n')}\nLogic-layer log:\n${app.logs.slice(-30).join('\n')}`,
    );
  }
}

afterEach(() => {
  const apps = [...activeApps];
  const failures: string[] = [];
  for (const app of apps) {
    try {
      expectNoProblems(app);
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      app.close();
    }
  }
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
});
