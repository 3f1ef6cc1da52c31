/**
 * A WeChat mini-program runtime for the weapp build, headless:
 * - logic layer: the build's scripts run in a `vm` realm whose only globals are WeChat's (`wx`, `App`, `Page`,
 *   `Component`, `Behavior`, `getApp`, `getCurrentPages`, timers, `console`), with dynamic code refused as on a
 *   device; every file is wrapped the way WeChat wraps it (`window`, `document`, … are undefined in it);
 * - view layer: each page is rendered by exparser from the wcc-compiled templates (see view.ts); `setData` and
 *   events cross between the layers as JSON only;
 * - `wx`: every API name WeChat declares, and no other; the ones the app uses behave like WeChat's (network to the
 *   real API, storage, navigation with a real page stack, files, prompts), every other one records a problem.
 * Problems (logic-layer console.error, uncaught errors, exparser errors, template warnings, unknown wx calls) are
 * collected per app; tests assert there are none.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { imageSize } from '../../../server/src/modules/uploads/image-size.ts';
import { applySetData } from './paths.ts';
import { type Loose, loadTemplates, viewLayer, viewProblems } from './view.ts';

export interface HarnessEnv {
  distDir: string;
  gwxPath: string;
  apiNames: string[];
  /** The real API's origin (http://127.0.0.1:port); the build's API base is pointed at it. */
  apiOrigin: string;
}

export interface PickedMedia {
  name: string;
  data: Buffer;
  mime: string;
}

/** What survives closing and reopening the mini-program on one phone: storage, files, WeChat settings. */
export class Device {
  storage = new Map<string, string>();
  files = new Map<string, { data: Buffer; mime: string }>();
  /** The WeChat account: `wx.login` hands out codes the fake WeChat maps to a stable openid for it. */
  wechatUser = `user-${randomBytes(6).toString('hex')}`;
  /** WeChat's 字体大小 setting (px; 17 is 标准 on iOS). */
  fontSizeSetting = 17;
  platform: 'ios' | 'android' = 'ios';
  /** Whether the user already agreed to the privacy guide (WeChat remembers this per user). */
  privacyAgreed = false;
  /** Files the next wx.chooseMedia / wx.chooseMessageFile returns (as if picked from the album or a chat). */
  nextMedia: PickedMedia[] = [];
  nextMessageFiles: PickedMedia[] = [];
  /** How the user answers wx.showModal (true: the confirm button). */
  modalAnswer = true;
  /** How the user answers wx.requestSubscribeMessage. */
  subscribeAnswer: 'accept' | 'reject' = 'accept';
  /**
   * What happens in wx.requestFacialVerify: 'done' the check ran (WeChat's server then has the verdict: the fake
   * WeChat's faceOutcomes), 'cancel' the person left it.
   */
  faceAnswer: 'done' | 'cancel' = 'done';

  saveTemp(data: Buffer, mime: string, extension: string): string {
    const filePath = `wxfile://tmp_${randomBytes(8).toString('hex')}.${extension}`;
    this.files.set(filePath, { data, mime });
    return filePath;
  }
}

export interface WxCall {
  name: string;
  options: unknown;
}

const WECHAT_FILE_SHADOWS = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
  'fetch',
];

const scriptCache = new Map<string, vm.Script>();

function compiledFile(file: string): vm.Script {
  let script = scriptCache.get(file);
  if (!script) {
    const source = readFileSync(file, 'utf8');
    script = new vm.Script(`(function(require, module, exports, ${WECHAT_FILE_SHADOWS.join(', ')}){${source}\n})`, {
      filename: file,
    });
    scriptCache.set(file, script);
  }
  return script;
}

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
}

export function readAppJson(distDir: string): AppJson {
  return JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson;
}

export function allRoutes(distDir: string): string[] {
  const app = readAppJson(distDir);
  return [...app.pages, ...(app.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
}

function parseUrl(url: string, from: string): { route: string; query: Record<string, string> } {
  const [pathPart = '', queryPart = ''] = url.split('?');
  const route = pathPart.startsWith('/')
    ? pathPart.slice(1)
    : path.posix.normalize(path.posix.join(path.posix.dirname(from), pathPart));
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryPart)) query[key] = value;
  return { route: route.replace(/\.html$/, ''), query };
}

class ApiFailure extends Error {}

/** One rendered page: its logic-layer instance and its exparser view. */
export class PageHandle {
  readonly container: HTMLElement;
  view: Loose;
  logic: Record<string, Loose>;
  state: 'shown' | 'hidden' | 'unloaded' = 'shown';

  constructor(
    readonly app: WeappApp,
    readonly route: string,
    readonly query: Record<string, string>,
    logic: Record<string, Loose>,
    view: Loose,
    container: HTMLElement,
  ) {
    this.logic = logic;
    this.view = view;
    this.container = container;
  }

  /** The page's visible text as rendered (whitespace collapsed). */
  text(): string {
    return (this.container.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Rendered elements carrying Taro's node id (`data-sid`), in document order. */
  elements(): HTMLElement[] {
    return [...this.container.querySelectorAll<HTMLElement>('[data-sid]')];
  }

  /** The deepest rendered element whose text contains `text` (where a finger on that text lands). */
  findByText(text: string | RegExp): HTMLElement | undefined {
    return this.findAllByText(text)[0];
  }

  /** Template attributes of a rendered node (built-in components keep theirs only in the virtual tree). */
  static attrs(el: Element): Record<string, unknown> {
    const node = (el as Loose).__wxElement;
    const out: Record<string, unknown> = {};
    for (const attr of node?._vt?.attrs ?? []) out[attr.name] = attr.value;
    return out;
  }

  static tagName(el: Element): string {
    return (el as Loose).__wxElement?._vt?.tagName ?? el.tagName.toLowerCase();
  }

  /** Inputs and textareas (or other `tags`), with their attributes. */
  fields(tags = ['input', 'textarea']): { el: HTMLElement; tag: string; attrs: Record<string, unknown> }[] {
    return this.elements()
      .map((el) => ({ el, tag: PageHandle.tagName(el), attrs: PageHandle.attrs(el) }))
      .filter(({ tag }) => tags.includes(tag));
  }

  /** Dispatches a WeChat event on a rendered node through exparser, as a touch on the device would. */
  dispatch(el: Element, type: string, detail: Record<string, unknown> = {}, bubbles = true): void {
    const { exparser } = viewLayer();
    const node = (el as Loose).__wxElement;
    if (!node) throw new Error(`Not a rendered node: ${el.outerHTML.slice(0, 120)}`);
    const event = exparser.Event.create(type, detail, {
      bubbles,
      composed: true,
      capturePhase: true,
      extraFields: { touches: [], changedTouches: [] },
    });
    exparser.Event.dispatchEvent(node, event);
  }

  /** Every deepest rendered element showing `text` (exact matches preferred), in document order. */
  findAllByText(text: string | RegExp): HTMLElement[] {
    const matches = (el: Element) => {
      const content = (el.textContent ?? '').replace(/\s+/g, ' ');
      return typeof text === 'string' ? content.includes(text) : text.test(content);
    };
    const candidates = this.elements().filter(matches);
    const exact = candidates.filter((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim() === text);
    const pool = exact.length > 0 ? exact : candidates;
    return pool.filter((el) => !pool.some((other) => other !== el && el.contains(other)));
  }

  /**
   * Taps the text (waiting for it to appear); `nth` picks among several matches. A tap on an
   * `open-type="agreePrivacyAuthorization"` button also does what WeChat does natively: records the agreement,
   * answers a pending privacy check and fires the button's `agreeprivacyauthorization` event.
   */
  async tap(text: string | RegExp, nth = 0, timeoutMs = 5000): Promise<void> {
    await this.waitForText(text, timeoutMs);
    const el = this.findAllByText(text)[nth];
    if (!el) throw new Error(`Nothing to tap with text ${String(text)} on ${this.route}: ${this.text().slice(0, 400)}`);
    this.dispatch(el, 'tap', { x: 1, y: 1 });
    let button: Element | null = el;
    while (button && PageHandle.tagName(button) !== 'button') button = button.parentElement;
    const attrs = button ? PageHandle.attrs(button) : {};
    if (button && (attrs['open-type'] ?? attrs.openType) === 'agreePrivacyAuthorization') {
      this.app.device.privacyAgreed = true;
      this.dispatch(button, 'agreeprivacyauthorization', {}, false);
    }
    await this.app.settle();
  }

  /** Chooses a value in a `picker` (date, selector …): its `change` event, as after the native picker closes. */
  async pick(match: string | RegExp, value: string | number): Promise<void> {
    const el = this.field(match, ['picker']);
    this.dispatch(el, 'change', { value }, false);
    await this.app.settle();
  }

  /** The input or textarea (or other `tags`) whose placeholder, id or label before it matches. */
  field(match: string | RegExp, tags = ['input', 'textarea']): HTMLElement {
    const test = (value: unknown) =>
      typeof value === 'string' && (typeof match === 'string' ? value.includes(match) : match.test(value));
    const fields = this.fields(tags);
    const direct = fields.find(({ attrs }) => test(attrs.placeholder) || test(attrs.id) || test(attrs.name));
    if (direct) return direct.el;
    // A label before the input: the nearest field after the label's text.
    const label = this.findByText(match);
    if (label) {
      const after = fields.find(
        ({ el }) => label.compareDocumentPosition(el) & 4 /* DOCUMENT_POSITION_FOLLOWING */ || label.contains(el),
      );
      if (after) return after.el;
    }
    const described = fields.map(({ tag, attrs }) => `${tag}[${String(attrs.placeholder ?? attrs.id ?? '')}]`);
    throw new Error(`No field ${String(match)} on ${this.route}; fields: ${described.join(', ')}`);
  }

  /** The current value of a field (inputs keep it in an attribute, not in the text). */
  value(match: string | RegExp): unknown {
    return PageHandle.attrs(this.field(match)).value;
  }

  /** Types into a field: WeChat's `input` event with the whole value, then `blur`. */
  async type(match: string | RegExp, value: string): Promise<void> {
    const el = this.field(match);
    this.dispatch(el, 'focus', { value: '' }, false);
    this.dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 }, false);
    await this.app.settle();
    this.dispatch(el, 'blur', { value }, false);
    await this.app.settle();
  }

  /** Waits until the rendered text contains `text` (or matches); fails with the page's text. */
  async waitForText(text: string | RegExp, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const found = () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text()));
    while (!found()) {
      // A page that reported a problem (e.g. an error swallowed by Taro's error boundary) will not recover.
      if (Date.now() > deadline || this.app.allProblems().length > 0) {
        throw new Error(
          `Timed out waiting for ${String(text)} on ${this.route}. Text: ${this.text().slice(0, 600)}\n${this.app.problemReport()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** One launch of the mini-program on a device. */
export class WeappApp {
  readonly problems: string[] = [];
  readonly logs: string[] = [];
  readonly calls: WxCall[] = [];
  readonly toasts: string[] = [];
  readonly stack: PageHandle[] = [];
  private readonly tabPages = new Map<string, PageHandle>();
  private readonly context: vm.Context;
  private readonly logicJSON: JSON;
  private readonly LogicPromise: PromiseConstructor;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, Loose>>();
  private readonly componentConfigs = new Map<string, Record<string, Loose>>();
  private readonly viewComponentIds = new Map<string, string>();
  private loadingFile = '';
  private appInstance: Record<string, Loose> | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private readonly appJson: AppJson;
  private readonly routes: Set<string>;
  private readonly tabRoutes: Set<string>;
  private readonly gwx;
  private webviewId = 0;
  private privacyHandler: ((resolve: (option: Loose) => void) => void) | null = null;
  private closed = false;
  private readonly root: HTMLElement;
  readonly navigationTitles: string[] = [];
  /** WeChat's own tab bar hidden (wx.hideTabBar) or shown again (wx.showTabBar). */
  tabBarHidden = false;

  private constructor(
    readonly env: HarnessEnv,
    readonly device: Device,
  ) {
    this.appJson = readAppJson(env.distDir);
    this.routes = new Set(allRoutes(env.distDir));
    this.tabRoutes = new Set((this.appJson.tabBar?.list ?? []).map((tab) => tab.pagePath));
    this.gwx = loadTemplates(env.gwxPath);
    const { document } = viewLayer();
    this.root = document.createElement('div');
    document.body.appendChild(this.root);
    viewProblems.length = 0;

    this.context = vm.createContext(Object.create(null), {
      name: 'weapp logic layer',
      codeGeneration: { strings: false, wasm: false },
    });
    this.logicJSON = vm.runInContext('JSON', this.context) as JSON;
    this.LogicPromise = vm.runInContext('Promise', this.context) as PromiseConstructor;
    const globals: Record<string, unknown> = {
      wx: this.createWx(),
      App: (config: Record<string, Loose>) => {
        this.appInstance = config;
      },
      getApp: () => this.appInstance,
      Page: (config: Record<string, Loose>) => {
        this.pageConfigs.set(this.loadingFile, config);
      },
      Component: (config: Record<string, Loose>) => {
        this.componentConfigs.set(this.loadingFile, config);
      },
      Behavior: (config: unknown) => config,
      getCurrentPages: () => this.stack.map((page) => page.logic),
      setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
        this.setTimer(fn, ms, false, args),
      setInterval: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
        this.setTimer(fn, ms, true, args),
      clearTimeout: (handle: NodeJS.Timeout) => this.clearTimer(handle),
      clearInterval: (handle: NodeJS.Timeout) => this.clearTimer(handle),
      console: this.createConsole(),
    };
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(this.context, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }

  /** Starts the mini-program (app.js, App.onLaunch) and opens `url` (default: the first page in app.json). */
  static async launch(env: HarnessEnv, device: Device, url?: string): Promise<WeappApp> {
    const app = new WeappApp(env, device);
    activeApps.add(app);
    const entry = url ?? `/${app.appJson.pages[0]}`;
    const { route, query } = parseUrl(entry, '');
    app.guard('app.js', () => app.requireFile('app.js'));
    if (!app.appInstance) throw new Error('app.js did not call App()');
    const launchOptions = { path: route, query, scene: 1001, referrerInfo: {}, apiCategory: 'default' };
    app.callLogic(app.appInstance, 'onLaunch', launchOptions);
    app.callLogic(app.appInstance, 'onShow', launchOptions);
    await app.openPage(route, query);
    await app.settle();
    return app;
  }

  get page(): PageHandle {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error('No page is open');
    return top;
  }

  /** Every problem so far, view-layer ones included; empty when the app behaved. */
  allProblems(): string[] {
    if (viewProblems.length > 0) this.problems.push(...viewProblems.splice(0));
    return this.problems;
  }

  problemReport(): string {
    const problems = this.allProblems();
    return problems.length ? `Problems:\n${problems.join('\n')}` : '';
  }

  /** Waits until no request, timer under 100 ms or view update is pending (timers of 100 ms+ are left running). */
  async settle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    while (quietRounds < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (this.pending === 0 && this.shortTimers === 0) quietRounds++;
      else quietRounds = 0;
    }
    if (process.env.WEAPP_DEBUG_TIMERS && quietRounds < 3)
      console.log(
        `settle timed out: pending ${this.pending}, short timers ${this.shortTimers}`,
        this.logs.filter((l) => l.startsWith('[timer')).slice(-5),
      );
  }

  /** Waits until the view has applied every setData so far. */
  private async viewFlushed(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    while (quietRounds < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (this.updateQueue.length === 0 && !this.flushScheduled) quietRounds++;
      else quietRounds = 0;
    }
  }

  /** Waits until `route` is the top page. */
  async waitForRoute(route: string, timeoutMs = 8000): Promise<PageHandle> {
    const deadline = Date.now() + timeoutMs;
    while (this.stack[this.stack.length - 1]?.route !== route) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${route}; the stack is ${this.stack.map((p) => p.route).join(' > ')}\n${this.problemReport()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.settle();
    return this.page;
  }

  /** The user presses the navigation bar's back button (or swipes back). */
  async pressBack(): Promise<void> {
    await this.navigate('navigateBack', { delta: 1 });
    await this.settle();
  }

  /** The user switches to a tab in the tab bar. */
  async tapTab(route: string): Promise<PageHandle> {
    await this.navigate('switchTab', { url: `/${route}` });
    await this.settle();
    return this.page;
  }

  /** Runs a script in the logic layer (the harness's own tests look at the realm with it). */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.context);
  }

  /** Every call of these wx APIs so far. */
  callsOf(name: string): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.options);
  }

  /** Closes the mini-program: pages unloaded, timers stopped, views detached. */
  close(): void {
    if (this.closed) return;
    for (const page of [...this.stack].reverse()) this.unloadPage(page);
    for (const page of this.tabPages.values()) if (page.state !== 'unloaded') this.unloadPage(page);
    this.stack.length = 0;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.root.remove();
    activeApps.delete(this);
  }

  // ---- logic layer -------------------------------------------------------------------------------------------

  private shortTimers = 0;

  private setTimer(
    fn: (...args: unknown[]) => void,
    ms: number | undefined,
    repeat: boolean,
    args: unknown[],
  ): NodeJS.Timeout {
    if (typeof fn !== 'function') {
      this.problems.push('setTimeout called with a string (dynamic code is refused on WeChat)');
      return setTimeout(() => {}, 0);
    }
    const short = !repeat && (ms ?? 0) < 100;
    if (short) this.shortTimers++;
    const run = () => {
      if (!repeat) {
        this.timers.delete(handle);
        if (short) this.shortTimers--;
      }
      if (this.closed) return;
      this.guard('timer callback', () => fn(...args));
    };
    const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms);
    this.timers.add(handle);
    if (process.env.WEAPP_DEBUG_TIMERS && short)
      this.logs.push(`[timer ${ms}] ${new Error().stack?.split('\n').slice(2, 6).join(' | ')}`);
    (handle as Loose).__short = short;
    return handle;
  }

  private clearTimer(handle: NodeJS.Timeout): void {
    if (!handle || !this.timers.has(handle)) return;
    clearTimeout(handle);
    this.timers.delete(handle);
    if ((handle as Loose).__short) this.shortTimers--;
  }

  private createConsole(): Record<string, (...args: unknown[]) => void> {
    const format = (args: unknown[]) =>
      args
        .map((arg) => {
          if (arg instanceof Error || (arg && typeof arg === 'object' && 'stack' in arg)) {
            return String((arg as Error).stack ?? arg);
          }
          if (typeof arg === 'object') {
            try {
              return JSON.stringify(arg);
            } catch {
              return String(arg);
            }
          }
          return String(arg);
        })
        .join(' ');
    const log =
      (level: string) =>
      (...args: unknown[]) => {
        this.logs.push(`[${level}] ${format(args)}`);
      };
    return {
      log: log('log'),
      info: log('info'),
      debug: log('debug'),
      warn: log('warn'),
      group: log('group'),
      groupCollapsed: log('group'),
      groupEnd: () => {},
      time: () => {},
      timeEnd: () => {},
      trace: log('trace'),
      error: (...args: unknown[]) => {
        this.problems.push(`console.error in the logic layer: ${format(args)}`);
      },
    };
  }

  /** Runs logic-layer code, turning a throw into a problem (WeChat would report it to App.onError). */
  guard<T>(what: string, fn: () => T): T | undefined {
    try {
      const result = fn();
      if (result && typeof (result as Loose).then === 'function') {
        (result as unknown as Promise<unknown>).then(undefined, (error: unknown) => {
          this.problems.push(`Unhandled rejection in ${what}: ${describeError(error)}`);
        });
      }
      return result;
    } catch (error) {
      this.problems.push(`Uncaught error in ${what}: ${describeError(error)}`);
      return undefined;
    }
  }

  callLogic(target: Record<string, Loose>, method: string, ...args: unknown[]): unknown {
    const fn = target[method];
    if (typeof fn !== 'function') return undefined;
    return this.guard(method, () =>
      fn.apply(
        target,
        args.map((arg) => this.toLogic(arg)),
      ),
    );
  }

  /** A value made in the logic realm, as the JSON bridge between the layers delivers it. */
  toLogic<T>(value: T): T {
    if (value === undefined || typeof value === 'function') return value;
    return this.logicJSON.parse(JSON.stringify(value)) as T;
  }

  requireFile(file: string): unknown {
    const normalized = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`);
    const cached = this.modules.get(normalized);
    if (cached) return cached.exports;
    const absolute = path.join(this.env.distDir, normalized);
    if (!existsSync(absolute)) throw new Error(`module "${normalized}" is not defined`);
    const module = { exports: {} };
    this.modules.set(normalized, module);
    const previous = this.loadingFile;
    this.loadingFile = normalized.replace(/\.js$/, '');
    try {
      const wrapper = compiledFile(absolute).runInContext(this.context) as (...args: unknown[]) => void;
      const localRequire = (request: string) =>
        this.requireFile(path.posix.join(path.posix.dirname(normalized), request));
      wrapper.call(module.exports, localRequire, module, module.exports);
    } finally {
      this.loadingFile = previous;
    }
    return module.exports;
  }

  // ---- pages -------------------------------------------------------------------------------------------------

  private readJson(file: string): Record<string, Loose> {
    const absolute = path.join(this.env.distDir, `${file}.json`);
    return existsSync(absolute) ? (JSON.parse(readFileSync(absolute, 'utf8')) as Record<string, Loose>) : {};
  }

  /** The view-layer component for a component file (e.g. Taro's recursive `comp`), registered once per app. */
  private viewComponent(file: string): string {
    const existing = this.viewComponentIds.get(file);
    if (existing) return existing;
    const { jComponent } = viewLayer();
    const id = `weapp-${file.replace(/[^a-z0-9]/gi, '-')}-${randomBytes(4).toString('hex')}`;
    this.viewComponentIds.set(file, id);
    this.guard(`${file}.js`, () => this.requireFile(file));
    const config = this.componentConfigs.get(file);
    if (!config) throw new Error(`${file}.js did not call Component()`);
    const json = this.readJson(file);
    const template = this.gwx(`${file}.wxml`);
    if (!template) throw new Error(`No compiled template for ${file}.wxml`);
    const usingComponents = this.resolveUsing(file, json.usingComponents ?? {});
    const app = this;
    const instances = new WeakMap<object, Record<string, Loose>>();
    const methods: Record<string, (event: unknown) => unknown> = {};
    for (const [name, fn] of Object.entries(config.methods ?? {})) {
      if (typeof fn !== 'function') continue;
      methods[name] = function (this: Loose, event: unknown) {
        const instance = instances.get(this);
        if (!instance) return undefined;
        instance.data = app.toLogic(this.data);
        return app.callLogic(instance, name, event);
      };
    }
    const lifetime = (name: string) =>
      function (this: Loose) {
        const caller = this;
        if (name === 'created') {
          const instance: Record<string, Loose> = {
            ...(config.methods ?? {}),
            is: file,
            data: app.toLogic(caller.data),
            setData(data: Record<string, unknown>, callback?: () => void) {
              applySetData(instance.data, app.toLogic(data));
              app.queueViewUpdate(() => caller.setData(JSON.parse(JSON.stringify(data))), callback);
            },
            triggerEvent(eventName: string, detail: unknown) {
              caller._exparserNode.triggerEvent(eventName, JSON.parse(JSON.stringify(detail ?? {})));
            },
          };
          Object.defineProperty(instance, 'properties', { get: () => instance.data });
          instances.set(caller, instance);
        }
        const instance = instances.get(caller);
        if (!instance) return;
        instance.data = app.toLogic(caller.data);
        const hook = config.lifetimes?.[name] ?? config[name];
        if (typeof hook === 'function') app.guard(`${file} ${name}`, () => hook.call(instance));
      };
    jComponent.register({
      id,
      template,
      // A component that uses itself (Taro's recursive `comp`) gets its own id.
      usingComponents: Object.fromEntries(Object.entries(usingComponents).map(([tag, target]) => [tag, target || id])),
      properties: viewProperties(config.properties ?? {}),
      options: { ...(config.options ?? {}) },
      methods,
      lifetimes: {
        created: lifetime('created'),
        attached: lifetime('attached'),
        ready: lifetime('ready'),
        detached: lifetime('detached'),
      },
    });
    return id;
  }

  private resolveUsing(file: string, using: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [tag, target] of Object.entries(using)) {
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      out[tag] = resolved === file ? '' : this.viewComponent(resolved);
    }
    return out;
  }

  private readonly updateQueue: { apply: () => void; callback?: () => void }[] = [];
  private flushScheduled = false;

  /** setData reaches the view in a later task, as over the thread hop on a device; callbacks run after. */
  queueViewUpdate(apply: () => void, callback?: () => void): void {
    this.updateQueue.push({ apply, callback });
    this.pending++;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      const batch = this.updateQueue.splice(0);
      for (const update of batch) {
        if (!this.closed) {
          try {
            update.apply();
          } catch (error) {
            this.problems.push(`View update failed: ${describeError(error)}`);
          }
        }
      }
      for (const update of batch) {
        this.pending--;
        const callback = update.callback;
        if (typeof callback === 'function' && !this.closed) this.guard('setData callback', () => callback());
      }
    }, 0);
  }

  private async openPage(route: string, query: Record<string, string>): Promise<PageHandle> {
    if (!this.routes.has(route)) throw new ApiFailure(`page "${route}" is not found`);
    this.guard(`${route}.js`, () => this.requireFile(route));
    const config = this.pageConfigs.get(route);
    if (!config)
      throw new Error(`${route}.js did not call Page()${this.problemReport() ? `\n${this.problemReport()}` : ''}`);
    const json = this.readJson(route);
    const template = this.gwx(`${route}.wxml`);
    if (!template) throw new Error(`No compiled template for ${route}.wxml`);
    const usingComponents = this.resolveUsing(route, json.usingComponents ?? {});
    const { jComponent, document } = viewLayer();
    const logic: Record<string, Loose> = {};
    for (const [key, value] of Object.entries(config)) logic[key] = key === 'data' ? this.toLogic(value) : value;
    logic.data ??= this.toLogic({});
    this.webviewId++;
    Object.assign(logic, {
      route,
      __route__: route,
      options: this.toLogic(query),
      __wxWebviewId__: this.webviewId,
      __wxExparserNodeId__: `page-${this.webviewId}`,
    });
    let view: Loose = null;
    logic.setData = (data: Record<string, unknown>, callback?: () => void) => {
      if (page.state === 'unloaded') return;
      applySetData(logic.data, this.toLogic(data));
      const payload = JSON.stringify(data);
      this.queueViewUpdate(() => view.setData(JSON.parse(payload)), callback);
    };
    logic.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} });
    logic.selectComponent = () => null;
    logic.selectAllComponents = () => [];
    const methods: Record<string, (event: unknown) => unknown> = {};
    for (const [name, fn] of Object.entries(config)) {
      if (typeof fn !== 'function') continue;
      methods[name] = (event: unknown) => this.callLogic(logic, name, event);
    }
    const id = jComponent.register({
      template,
      usingComponents,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      methods,
    });
    view = jComponent.create(id);
    const container = document.createElement('div');
    container.setAttribute('data-route', route);
    this.root.appendChild(container);
    view.attach(container);
    const page = new PageHandle(this, route, query, logic, view, container);
    this.stack.push(page);
    if (this.tabRoutes.has(route)) this.tabPages.set(route, page);
    this.callLogic(logic, 'onLoad', query);
    this.callLogic(logic, 'onShow');
    // onReady once the first render reached the view (not `settle`: this may run inside a navigateTo call).
    await this.viewFlushed();
    this.callLogic(logic, 'onReady');
    return page;
  }

  private hidePage(page: PageHandle): void {
    if (page.state !== 'shown') return;
    page.state = 'hidden';
    page.container.style.display = 'none';
    this.callLogic(page.logic, 'onHide');
  }

  private showPage(page: PageHandle): void {
    if (page.state !== 'hidden') return;
    page.state = 'shown';
    page.container.style.display = '';
    this.callLogic(page.logic, 'onShow');
  }

  private unloadPage(page: PageHandle): void {
    if (page.state === 'unloaded') return;
    this.callLogic(page.logic, 'onUnload');
    page.state = 'unloaded';
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route);
    try {
      page.view.detach();
    } catch (error) {
      this.problems.push(`Detaching ${page.route} failed: ${describeError(error)}`);
    }
    page.container.remove();
  }

  // ---- navigation --------------------------------------------------------------------------------------------

  private async navigate(kind: string, options: Record<string, Loose>): Promise<void> {
    const from = this.stack[this.stack.length - 1]?.route ?? '';
    if (kind === 'navigateBack') {
      const delta = Math.max(1, Number(options.delta ?? 1));
      if (this.stack.length <= 1) throw new ApiFailure('cannot navigate back at first page.');
      const popped = this.stack.splice(Math.max(1, this.stack.length - delta));
      for (const page of popped.reverse()) this.unloadPage(page);
      this.showPage(this.page);
      return;
    }
    const { route, query } = parseUrl(String(options.url ?? ''), from);
    if (!this.routes.has(route)) throw new ApiFailure(`page "${route}" is not found`);
    const isTab = this.tabRoutes.has(route);
    if (kind === 'navigateTo' || kind === 'redirectTo') {
      if (isTab) throw new ApiFailure(`can not ${kind} a tabbar page`);
      if (kind === 'navigateTo') {
        if (this.stack.length >= 10) throw new ApiFailure('webview count limit exceed');
        if (this.stack.length) this.hidePage(this.page);
      } else {
        const top = this.stack.pop();
        if (top) this.unloadPage(top);
      }
      await this.openPage(route, query);
      return;
    }
    if (kind === 'switchTab') {
      if (!isTab) throw new ApiFailure(`can not switch to no-tabBar page`);
      for (const page of this.stack.splice(0).reverse()) {
        if (this.tabRoutes.has(page.route)) this.hidePage(page);
        else this.unloadPage(page);
      }
      const existing = this.tabPages.get(route);
      if (existing) {
        this.stack.push(existing);
        this.showPage(existing);
      } else {
        await this.openPage(route, {});
      }
      return;
    }
    if (kind === 'reLaunch') {
      for (const page of this.stack.splice(0).reverse()) this.unloadPage(page);
      for (const page of [...this.tabPages.values()]) this.unloadPage(page);
      await this.openPage(route, query);
    }
  }

  // ---- wx ----------------------------------------------------------------------------------------------------

  /** An async wx API: callbacks (success/fail/complete) or, without them, a Promise; always in a later task. */
  private asyncApi(name: string, impl: (options: Record<string, Loose>) => unknown | Promise<unknown>) {
    return (options: Record<string, Loose> = {}) => {
      this.calls.push({ name, options: safeCopy(options) });
      const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof options[key] === 'function');
      this.pending++;
      const run = async (): Promise<{ ok: boolean; value: unknown }> => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        try {
          const result = (await impl(options)) ?? {};
          return { ok: true, value: { errMsg: `${name}:ok`, ...(result as object) } };
        } catch (error) {
          if (!(error instanceof ApiFailure))
            this.problems.push(`wx.${name} failed in the harness: ${describeError(error)}`);
          return {
            ok: false,
            value: { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` },
          };
        } finally {
          this.pending--;
        }
      };
      const outcome = run();
      if (hasCallbacks) {
        outcome.then(({ ok, value }) => {
          if (this.closed) return;
          const result = this.toLogic(value);
          if (ok) this.callLogic(options, 'success', result);
          else this.callLogic(options, 'fail', result);
          this.callLogic(options, 'complete', result);
        });
        return undefined;
      }
      return new this.LogicPromise((resolve, reject) => {
        outcome.then(({ ok, value }) => (ok ? resolve(this.toLogic(value)) : reject(this.toLogic(value))));
      });
    };
  }

  private rewriteUrl(url: string): string {
    const base = 'http://127.0.0.1:3000';
    if (url.startsWith(base)) return this.env.apiOrigin + url.slice(base.length);
    if (url.startsWith(this.env.apiOrigin)) return url;
    throw new ApiFailure(`url not in domain list: ${url}`);
  }

  private createWx(): Record<string, unknown> {
    const device = this.device;
    const wx: Record<string, unknown> = {};
    const notEmulated = (name: string) => (options?: unknown) => {
      this.calls.push({ name, options: safeCopy(options) });
      this.problems.push(`wx.${name} was called, and the harness does not emulate it (add it to harness/weapp.ts)`);
      return undefined;
    };
    for (const name of this.env.apiNames) wx[name] = notEmulated(name);

    const record = (name: string, extra?: (options: Record<string, Loose>) => unknown) =>
      this.asyncApi(name, (options) => (extra ? extra(options) : {}));
    const quiet = (name: string) => (options?: unknown) => {
      this.calls.push({ name, options: safeCopy(options) });
    };

    const systemInfo = () => ({
      brand: 'iPhone',
      model: 'iPhone 13',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 753,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: '8.0.50',
      system: device.platform === 'ios' ? 'iOS 17.0' : 'Android 13',
      platform: device.platform,
      fontSizeSetting: device.fontSizeSetting,
      SDKVersion: '3.5.0',
      theme: 'light',
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
    });
    const implemented: Record<string, unknown> = {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      cloud: {},
      canIUse: (schema: string) => typeof wx[String(schema).split('.')[0] ?? ''] !== 'undefined',
      getSystemInfoSync: () => this.toLogic(systemInfo()),
      getSystemInfo: record('getSystemInfo', systemInfo),
      getWindowInfo: () => this.toLogic(systemInfo()),
      getDeviceInfo: () => this.toLogic({ platform: device.platform, brand: 'iPhone', model: 'iPhone 13' }),
      getAppBaseInfo: () =>
        this.toLogic({
          SDKVersion: '3.5.0',
          language: 'zh_CN',
          version: '8.0.50',
          theme: 'light',
          fontSizeSetting: device.fontSizeSetting,
        }),
      getSystemSetting: () => this.toLogic({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true }),
      getAppAuthorizeSetting: () => this.toLogic({}),
      getAccountInfoSync: () =>
        this.toLogic({ miniProgram: { appId: 'wx-demo-app-id', envVersion: 'develop', version: '' } }),
      getLaunchOptionsSync: () => this.toLogic({ path: this.appJson.pages[0], query: {}, scene: 1001 }),
      getEnterOptionsSync: () => this.toLogic({ path: this.appJson.pages[0], query: {}, scene: 1001 }),
      getMenuButtonBoundingClientRect: () =>
        this.toLogic({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
      nextTick: (fn: () => void) => this.setTimer(fn, 0, false, []),
      onAppShow: quiet('onAppShow'),
      onAppHide: quiet('onAppHide'),
      offAppShow: quiet('offAppShow'),
      offAppHide: quiet('offAppHide'),
      onError: quiet('onError'),
      onUnhandledRejection: quiet('onUnhandledRejection'),
      onPageNotFound: quiet('onPageNotFound'),
      onThemeChange: quiet('onThemeChange'),
      onMemoryWarning: quiet('onMemoryWarning'),
      onNetworkStatusChange: quiet('onNetworkStatusChange'),
      reportAnalytics: quiet('reportAnalytics'),
      getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
      onNeedPrivacyAuthorization: (handler: (resolve: (option: Loose) => void) => void) => {
        this.calls.push({ name: 'onNeedPrivacyAuthorization', options: {} });
        this.privacyHandler = handler;
      },
      getPrivacySetting: record('getPrivacySetting', () => ({
        needAuthorization: !device.privacyAgreed,
        privacyContractName: '《退役军人服务通隐私保护指引》',
      })),
      requirePrivacyAuthorize: this.asyncApi('requirePrivacyAuthorize', () => this.requirePrivacy()),
      openPrivacyContract: record('openPrivacyContract'),
      // storage: kept on the device, as JSON text
      setStorageSync: (key: string, data: unknown) => {
        device.storage.set(String(key), JSON.stringify(data === undefined ? null : data));
      },
      getStorageSync: (key: string) => {
        const raw = device.storage.get(String(key));
        return raw === undefined ? '' : this.logicJSON.parse(raw);
      },
      removeStorageSync: (key: string) => {
        device.storage.delete(String(key));
      },
      clearStorageSync: () => device.storage.clear(),
      getStorageInfoSync: () =>
        this.toLogic({ keys: [...device.storage.keys()], currentSize: storageKb(device), limitSize: 10240 }),
      setStorage: record('setStorage', (o) => {
        device.storage.set(String(o.key), JSON.stringify(o.data ?? null));
      }),
      getStorage: this.asyncApi('getStorage', (o) => {
        const raw = device.storage.get(String(o.key));
        if (raw === undefined) throw new ApiFailure('data not found');
        return { data: JSON.parse(raw) };
      }),
      removeStorage: record('removeStorage', (o) => {
        device.storage.delete(String(o.key));
      }),
      clearStorage: record('clearStorage', () => device.storage.clear()),
      getStorageInfo: record('getStorageInfo', () => ({
        keys: [...device.storage.keys()],
        currentSize: storageKb(device),
        limitSize: 10240,
      })),
      // UI
      showToast: record('showToast', (o) => {
        this.toasts.push(String(o.title ?? ''));
      }),
      hideToast: record('hideToast'),
      showLoading: record('showLoading'),
      hideLoading: record('hideLoading'),
      showModal: record('showModal', () => ({ confirm: device.modalAnswer, cancel: !device.modalAnswer })),
      showActionSheet: record('showActionSheet', () => ({ tapIndex: 0 })),
      setNavigationBarTitle: record('setNavigationBarTitle', (o) => {
        this.navigationTitles.push(String(o.title ?? ''));
      }),
      setNavigationBarColor: record('setNavigationBarColor'),
      setBackgroundColor: record('setBackgroundColor'),
      setBackgroundTextStyle: record('setBackgroundTextStyle'),
      setTabBarBadge: record('setTabBarBadge'),
      removeTabBarBadge: record('removeTabBarBadge'),
      setTabBarStyle: record('setTabBarStyle'),
      hideTabBar: record('hideTabBar', () => {
        this.tabBarHidden = true;
      }),
      showTabBar: record('showTabBar', () => {
        this.tabBarHidden = false;
      }),
      showTabBarRedDot: record('showTabBarRedDot'),
      hideTabBarRedDot: record('hideTabBarRedDot'),
      pageScrollTo: record('pageScrollTo'),
      stopPullDownRefresh: record('stopPullDownRefresh'),
      vibrateShort: record('vibrateShort'),
      setClipboardData: this.asyncApi('setClipboardData', async () => this.requirePrivacy()),
      previewImage: record('previewImage'),
      openDocument: record('openDocument'),
      shareFileMessage: record('shareFileMessage'),
      addPhoneCalendar: this.asyncApi('addPhoneCalendar', async () => this.requirePrivacy()),
      makePhoneCall: record('makePhoneCall'),
      openLocation: this.asyncApi('openLocation', (o) => {
        if (typeof o.latitude !== 'number' || typeof o.longitude !== 'number') throw new ApiFailure('invalid location');
      }),
      requestSubscribeMessage: this.asyncApi('requestSubscribeMessage', (o) => {
        const ids = Array.isArray(o.tmplIds) ? (o.tmplIds as string[]) : [];
        if (ids.length === 0) throw new ApiFailure('tmplIds is empty');
        return Object.fromEntries(ids.map((id) => [id, device.subscribeAnswer]));
      }),
      createSelectorQuery: () => selectorQuery(),
      // navigation
      navigateTo: this.asyncApi('navigateTo', (o) => this.navigate('navigateTo', o)),
      redirectTo: this.asyncApi('redirectTo', (o) => this.navigate('redirectTo', o)),
      switchTab: this.asyncApi('switchTab', (o) => this.navigate('switchTab', o)),
      reLaunch: this.asyncApi('reLaunch', (o) => this.navigate('reLaunch', o)),
      navigateBack: this.asyncApi('navigateBack', (o) => this.navigate('navigateBack', o)),
      // account
      login: this.asyncApi('login', () => ({ code: `harness-${device.wechatUser}` })),
      requestFacialVerify: this.asyncApi('requestFacialVerify', (o) => {
        if (typeof o.verifyId !== 'string' || o.verifyId === '') throw new ApiFailure('invalid verifyId');
        if (device.faceAnswer === 'cancel') throw new ApiFailure('cancel');
        return { errCode: 0 };
      }),
      checkSession: record('checkSession'),
      // media and files
      chooseMedia: this.asyncApi('chooseMedia', async () => {
        await this.requirePrivacy();
        const picked = device.nextMedia.splice(0);
        if (picked.length === 0) throw new ApiFailure('cancel');
        return {
          type: 'image',
          tempFiles: picked.map((file) => ({
            tempFilePath: device.saveTemp(file.data, file.mime, extensionOf(file.name)),
            size: file.data.length,
            fileType: 'image',
          })),
        };
      }),
      chooseMessageFile: this.asyncApi('chooseMessageFile', async () => {
        await this.requirePrivacy();
        const picked = device.nextMessageFiles.splice(0);
        if (picked.length === 0) throw new ApiFailure('cancel');
        return {
          tempFiles: picked.map((file) => ({
            path: device.saveTemp(file.data, file.mime, extensionOf(file.name)),
            size: file.data.length,
            name: file.name,
            type: 'file',
            time: Math.floor(Date.now() / 1000),
          })),
        };
      }),
      getImageInfo: this.asyncApi('getImageInfo', (options) => {
        const file = device.files.get(String(options.src));
        const mimeType = file?.mime === 'image/jpeg' || file?.mime === 'image/png' ? file.mime : null;
        const size = file && mimeType ? imageSize(file.data, mimeType) : null;
        if (!size) throw new ApiFailure('image not found or unreadable');
        return { ...size, path: options.src, type: mimeType === 'image/jpeg' ? 'jpeg' : 'png', orientation: 'up' };
      }),
      getFileSystemManager: () => this.fileSystem(),
    };
    for (const [name, value] of Object.entries(implemented)) {
      if (!this.env.apiNames.includes(name)) throw new Error(`The harness implements wx.${name}, which WeChat lacks`);
      wx[name] = value;
    }
    // The network: tasks as WeChat returns them.
    wx.request = (options: Record<string, Loose>) => this.request(options);
    wx.uploadFile = (options: Record<string, Loose>) => this.transfer('uploadFile', options);
    wx.downloadFile = (options: Record<string, Loose>) => this.transfer('downloadFile', options);
    return wx;
  }

  /** WeChat holds a privacy-relevant call until the user agrees (the app shows its notice via the handler). */
  private requirePrivacy(): Promise<void> {
    if (this.device.privacyAgreed) return Promise.resolve();
    const handler = this.privacyHandler;
    if (!handler) return Promise.reject(new ApiFailure('privacy permission is not authorized'));
    return new Promise((resolve, reject) => {
      const answer = (option: Record<string, unknown>) => {
        const event = option?.event;
        if (event === 'agree') {
          this.device.privacyAgreed = true;
          resolve();
        } else if (event === 'disagree') reject(new ApiFailure('privacy permission is not authorized'));
      };
      this.guard('onNeedPrivacyAuthorization', () => handler(answer));
    });
  }

  private request(options: Record<string, Loose>): Record<string, unknown> {
    this.calls.push({ name: 'request', options: safeCopy({ ...options, header: undefined }) });
    const controller = new AbortController();
    this.pending++;
    const run = async () => {
      try {
        const method = String(options.method ?? 'GET').toUpperCase();
        let url = this.rewriteUrl(String(options.url));
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(options.header ?? {})) headers[key] = String(value);
        let body: string | undefined;
        if (options.data !== undefined && options.data !== null) {
          if (method === 'GET') {
            if (typeof options.data === 'object') {
              const query = new URLSearchParams(Object.entries(options.data).map(([k, v]) => [k, String(v)]));
              url += (url.includes('?') ? '&' : '?') + query.toString();
            }
          } else {
            body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
            if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
              headers['content-type'] = 'application/json';
          }
        }
        const response = await fetch(url, { method, headers, body, signal: controller.signal });
        const text = await response.text();
        this.logs.push(
          `[wx.request] ${method} ${url.replace(this.env.apiOrigin, '')} → ${response.status}${response.ok ? '' : ` ${text.slice(0, 200)}`}`,
        );
        let data: unknown = text;
        if (options.dataType === undefined || options.dataType === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        return {
          ok: true,
          value: {
            data,
            statusCode: response.status,
            header: Object.fromEntries(response.headers.entries()),
            cookies: [],
            errMsg: 'request:ok',
          },
        };
      } catch (error) {
        if (!(error instanceof ApiFailure) && !controller.signal.aborted)
          this.logs.push(`[harness] request failed: ${describeError(error)}`);
        return {
          ok: false,
          value: {
            errMsg: `request:fail ${controller.signal.aborted ? 'abort' : error instanceof Error ? error.message : ''}`,
          },
        };
      } finally {
        this.pending--;
      }
    };
    run().then(({ ok, value }) => {
      if (this.closed) return;
      const result = this.toLogic(value);
      this.callLogic(options, ok ? 'success' : 'fail', result);
      this.callLogic(options, 'complete', result);
    });
    return {
      abort: () => controller.abort(),
      onHeadersReceived() {},
      offHeadersReceived() {},
      onChunkReceived() {},
      offChunkReceived() {},
    };
  }

  private transfer(kind: 'uploadFile' | 'downloadFile', options: Record<string, Loose>): Record<string, unknown> {
    this.calls.push({ name: kind, options: safeCopy({ ...options, header: undefined }) });
    const progress: ((update: unknown) => void)[] = [];
    const controller = new AbortController();
    this.pending++;
    const run = async () => {
      try {
        const url = this.rewriteUrl(String(options.url));
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(options.header ?? {})) headers[key] = String(value);
        if (kind === 'uploadFile') {
          const file = this.device.files.get(String(options.filePath));
          if (!file) throw new ApiFailure(`file not found: ${options.filePath}`);
          const form = new FormData();
          for (const [key, value] of Object.entries(options.formData ?? {})) form.append(key, String(value));
          const name = String(options.filePath).split('/').pop() ?? 'file';
          form.append(String(options.name ?? 'file'), new Blob([new Uint8Array(file.data)], { type: file.mime }), name);
          const response = await fetch(url, { method: 'POST', headers, body: form, signal: controller.signal });
          const text = await response.text();
          for (const listener of progress) {
            const update = this.toLogic({
              progress: 100,
              totalBytesSent: file.data.length,
              totalBytesExpectedToSend: file.data.length,
            });
            this.guard('onProgressUpdate', () => listener(update));
          }
          // uploadFile's data is the response text, unparsed.
          return { ok: true, value: { data: text, statusCode: response.status, errMsg: 'uploadFile:ok' } };
        }
        const response = await fetch(url, { headers, signal: controller.signal });
        const data = Buffer.from(await response.arrayBuffer());
        const mime = response.headers.get('content-type') ?? 'application/octet-stream';
        const tempFilePath = this.device.saveTemp(data, mime, 'bin');
        return { ok: true, value: { tempFilePath, statusCode: response.status, errMsg: 'downloadFile:ok' } };
      } catch (error) {
        if (!(error instanceof ApiFailure) && !controller.signal.aborted)
          this.logs.push(`[harness] ${kind} failed: ${describeError(error)}`);
        return { ok: false, value: { errMsg: `${kind}:fail ${error instanceof Error ? error.message : ''}` } };
      } finally {
        this.pending--;
      }
    };
    run().then(({ ok, value }) => {
      if (this.closed) return;
      const result = this.toLogic(value);
      this.callLogic(options, ok ? 'success' : 'fail', result);
      this.callLogic(options, 'complete', result);
    });
    return {
      abort: () => controller.abort(),
      onProgressUpdate: (listener: (update: unknown) => void) => progress.push(listener),
      offProgressUpdate() {},
      onHeadersReceived() {},
      offHeadersReceived() {},
    };
  }

  private fileSystem(): Record<string, unknown> {
    const files = this.device.files;
    const read = (filePath: string) => {
      const file = files.get(String(filePath));
      if (!file) throw new Error(`readFileSync:fail no such file or directory ${filePath}`);
      return file;
    };
    return {
      writeFileSync: (filePath: string, data: string | ArrayBuffer, encoding = 'utf8') => {
        const buffer = typeof data === 'string' ? Buffer.from(data, encoding as BufferEncoding) : Buffer.from(data);
        files.set(String(filePath), { data: buffer, mime: 'application/octet-stream' });
      },
      readFileSync: (filePath: string, encoding?: string) => {
        const { data } = read(filePath);
        return encoding ? data.toString(encoding as BufferEncoding) : new Uint8Array(data).buffer;
      },
      accessSync: (filePath: string) => {
        read(filePath);
      },
      unlinkSync: (filePath: string) => {
        files.delete(String(filePath));
      },
      getFileInfo: this.asyncApi('getFileInfo', (o) => ({ size: read(o.filePath).data.length })),
      writeFile: this.asyncApi('writeFile', (o) => {
        files.set(String(o.filePath), { data: Buffer.from(String(o.data ?? '')), mime: 'application/octet-stream' });
      }),
      readFile: this.asyncApi('readFile', (o) => ({ data: read(o.filePath).data.toString(o.encoding ?? 'utf8') })),
    };
  }
}

/** Every app still open in this worker (closed by the test helpers after each test). */
export const activeApps = new Set<WeappApp>();

// A rejection nobody handles (e.g. a `void promise` in the app that fails) is a problem of the open apps; vitest
// reports it as well.
process.on('unhandledRejection', (reason) => {
  for (const app of activeApps) app.problems.push(`Unhandled rejection: ${describeError(reason)}`);
});

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'stack' in error && typeof error.stack === 'string') return error.stack;
  if (error && typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

function safeCopy(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null, (_key, v) => (typeof v === 'function' ? undefined : v)));
  } catch {
    return null;
  }
}

function storageKb(device: Device): number {
  let bytes = 0;
  for (const [key, value] of device.storage) bytes += key.length + value.length;
  return Math.ceil(bytes / 1024);
}

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? 'bin';
}

/** Component property types made in the logic realm, as the view realm's constructors. */
function viewProperties(properties: Record<string, Loose>): Record<string, unknown> {
  const types: Record<string, unknown> = { String, Number, Boolean, Object, Array };
  const out: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(properties)) {
    if (typeof definition === 'function') out[name] = types[definition.name] ?? null;
    else if (definition && typeof definition === 'object') {
      const type = definition.type === null ? null : (types[definition.type?.name] ?? null);
      out[name] = {
        type,
        value: definition.value === undefined ? undefined : JSON.parse(JSON.stringify(definition.value)),
      };
    } else out[name] = definition;
  }
  return out;
}

function selectorQuery(): Record<string, unknown> {
  const callbacks: ((result: unknown) => void)[] = [];
  const results: unknown[] = [];
  const node = {
    boundingClientRect(cb?: (r: unknown) => void) {
      results.push({ top: 0, left: 0, width: 0, height: 0, right: 0, bottom: 0 });
      if (cb) callbacks.push(cb);
      return query;
    },
    scrollOffset(cb?: (r: unknown) => void) {
      results.push({ scrollTop: 0, scrollLeft: 0 });
      if (cb) callbacks.push(cb);
      return query;
    },
    fields(_f: unknown, cb?: (r: unknown) => void) {
      results.push(null);
      if (cb) callbacks.push(cb);
      return query;
    },
    node(cb?: (r: unknown) => void) {
      results.push(null);
      if (cb) callbacks.push(cb);
      return query;
    },
  };
  const query: Record<string, unknown> = {
    in: () => query,
    select: () => node,
    selectAll: () => node,
    selectViewport: () => node,
    exec(cb?: (r: unknown[]) => void) {
      setTimeout(() => {
        callbacks.forEach((fn, i) => {
          fn(results[i]);
        });
        cb?.(results);
      }, 0);
    },
  };
  return query;
}
