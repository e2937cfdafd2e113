import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SaxesParser } from 'saxes';

/**
 * A runtime for the Alipay and Baidu builds in Node, as miniprogram-simulate is for
 * WeChat: the built logic layer (app.js, then a page's script) runs against a global
 * `my` or `swan` holding only APIs that platform documents, with App, Page, Component,
 * getApp and getCurrentPages, and the page lifecycle (onLoad, onShow, onReady). What
 * the page shows is read from the data Taro sets with setData (its node tree, `root`),
 * turned back into elements by the build's own base template (which template number
 * is which component, which `pN` is which attribute). Taps and inputs go to the page's
 * `eh` handler the way the platform delivers them: to every ancestor whose template
 * binds the event, innermost first.
 *
 * Network: my.request / swan.request reach the BFF under test over real HTTP, with
 * each platform's own shapes (Alipay: `headers` in, `status` + `headers` out, dataType
 * `json` or `json_or_text`; Baidu: `header` in, `statusCode` + `header` out).
 */
export type MiniPlatform = 'alipay' | 'swan';

export interface MiniElement {
  tag: string;
  sid: string;
  id: string;
  classes: string[];
  /** The component's attributes by their template name (e.g. mode, report-type), from the node's pN fields. */
  attrs: Record<string, unknown>;
  /** Events the template binds for this component (tap, input, submit, change …). */
  events: Set<string>;
  children: MiniElement[];
  parent: MiniElement | null;
  text: string;
}

export interface MiniPage {
  platform: MiniPlatform;
  /** Every request the app made since this page loaded, as it reached the BFF. */
  readonly requests: Array<{ url: string; method: string; body: string; headers: Record<string, string> }>;
  /** Calls the app made to platform APIs since this page loaded, by name (request excluded). */
  readonly calls: Array<{ api: string; options: unknown }>;
  /** The page's elements now, rebuilt from its data. */
  root(): MiniElement;
  all(selector: string): MiniElement[];
  textOf(selector: string): string[];
  tap(selector: string, index?: number): void;
  /** Fires an event the template binds (input, change, submit, blur …) with a detail. */
  fire(selector: string, type: string, detail: Record<string, unknown>, index?: number): void;
  waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  unload(): void;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type Api = (options?: any, ...rest: any[]) => unknown;

/** Answers an async platform API the platform's way: success or fail, then complete, a tick later. */
export function answer(options: Callbacks | undefined, ok: boolean, result: unknown): void {
  setTimeout(() => {
    if (ok) options?.success?.(result);
    else options?.fail?.(result);
    options?.complete?.(result);
  }, 0);
}

function httpCall(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers as Record<string, string>,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function encodeBody(method: string, data: unknown, contentType: string): string | undefined {
  if (method === 'GET' || data === undefined) return undefined;
  if (typeof data === 'string') return data;
  if (contentType.includes('application/x-www-form-urlencoded'))
    return new URLSearchParams(data as Record<string, string>).toString();
  return JSON.stringify(data);
}

/** Platform behaviour a test can replace per page (login, face, subscription …), keyed by API name. */
export type Overrides = Record<string, Api | Record<string, Api>>;

interface Runtime {
  platform: MiniPlatform;
  global: Record<string, any>;
  storage: Map<string, unknown>;
  requests: MiniPage['requests'];
  calls: MiniPage['calls'];
  pages: Array<Record<string, any>>;
  pageConfigs: Map<string, Record<string, any>>;
  loadingPage: string | null;
  app: Record<string, any>;
  templates: TemplateMap;
  defaults: Record<string, Api>;
}

/** The platform global: only what the platform documents (Taro builds its API from these keys). */
function platformGlobal(rt: Runtime, bffUrl: string): Record<string, Api> {
  const record = (api: string, options: unknown) => rt.calls.push({ api, options });
  const common: Record<string, Api> = {
    canIUse: (schema: string) => typeof rt.global[String(schema).split('.')[0]] !== 'undefined',
    getSystemInfoSync: () => systemInfo(rt.platform),
    getSystemInfo: (o: Callbacks) => answer(o, true, systemInfo(rt.platform)),
    showToast: (o) => {
      record('showToast', o);
      answer(o, true, {});
    },
    hideToast: (o) => answer(o, true, {}),
    showLoading: (o) => answer(o, true, {}),
    hideLoading: (o) => answer(o, true, {}),
    showActionSheet: (o) => {
      record('showActionSheet', o);
      answer(o, false, { errMsg: 'showActionSheet:fail cancel', error: 11 });
    },
    navigateTo: (o) => {
      record('navigateTo', o);
      answer(o, true, {});
    },
    redirectTo: (o) => {
      record('redirectTo', o);
      answer(o, true, {});
    },
    switchTab: (o) => {
      record('switchTab', o);
      answer(o, true, {});
    },
    reLaunch: (o) => {
      record('reLaunch', o);
      answer(o, true, {});
    },
    navigateBack: (o) => {
      record('navigateBack', o);
      answer(o, true, {});
    },
    pageScrollTo: (o) => answer(o, true, {}),
    stopPullDownRefresh: (o) => answer(o, true, {}),
    setKeepScreenOn: (o) => {
      record('setKeepScreenOn', o);
      answer(o, true, {});
    },
    makePhoneCall: (o) => {
      record('makePhoneCall', o);
      answer(o, true, {});
    },
    chooseImage: (o) => {
      record('chooseImage', o);
      answer(o, false, { error: 11, errMsg: 'chooseImage:fail cancel' });
    },
    uploadFile: (o) => {
      record('uploadFile', o);
      answer(o, false, { error: 12, errMsg: 'uploadFile:fail' });
    },
    getLocation: (o) => {
      record('getLocation', o);
      answer(o, true, { latitude: 31.2304, longitude: 121.4737, accuracy: 30 });
    },
    createSelectorQuery: () => selectorQuery(),
    onAppShow: () => undefined,
    offAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppHide: () => undefined,
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    // No temp files here unless a test's camera made one: readFile answers as for a missing file.
    getFileSystemManager: () => ({
      readFile: (o: Callbacks & { filePath: string }) =>
        answer(o, false, { errMsg: `readFile:fail no such file or directory ${o.filePath}` }),
    }),
    reportAnalytics: () => undefined,
  };
  if (rt.platform === 'alipay') {
    return {
      ...common,
      // my.request: `headers` in; `status`, `headers`, `data` out; dataType json (parse or fail) or json_or_text.
      request: (
        o: Callbacks & {
          url: string;
          method?: string;
          data?: unknown;
          headers?: Record<string, string>;
          header?: unknown;
          dataType?: string;
        },
      ) => {
        if (o.header !== undefined)
          throw new Error('my.request takes `headers`, not `header` (that is WeChat and Baidu)');
        const method = (o.method ?? 'GET').toUpperCase();
        const headers = { 'content-type': 'application/json', ...(o.headers ?? {}) };
        const url = o.url.replace(/^https?:\/\/[^/]+/, bffUrl);
        const body = encodeBody(method, o.data, headers['content-type']);
        rt.requests.push({ url, method, body: body ?? '', headers });
        httpCall(url, method, headers, body).then(
          ({ status, headers: responseHeaders, text }) => {
            let data: unknown = text;
            const dataType = o.dataType ?? 'json_or_text';
            if (dataType === 'json' || dataType === 'json_or_text') {
              try {
                data = JSON.parse(text);
              } catch {
                if (dataType === 'json') return answer(o, false, { error: 14, errorMessage: 'JSON parse data error' });
              }
            }
            answer(o, true, { data, status, headers: responseHeaders });
          },
          (error: Error) => answer(o, false, { error: 12, errorMessage: `network error: ${error.message}` }),
        );
        return { abort() {} };
      },
      getAuthCode: (o) => {
        record('getAuthCode', o);
        answer(o, false, { error: 11, errorMessage: '用户取消授权' });
      },
      getStorageSync: (o: { key: string }) => ({ data: rt.storage.has(o.key) ? rt.storage.get(o.key) : null }),
      setStorageSync: (o: { key: string; data: unknown }) => {
        rt.storage.set(o.key, o.data);
      },
      removeStorageSync: (o: { key: string }) => {
        rt.storage.delete(o.key);
      },
      clearStorageSync: () => {
        rt.storage.clear();
      },
      getStorage: (o: Callbacks & { key: string }) =>
        answer(o, true, { data: rt.storage.has(o.key) ? rt.storage.get(o.key) : null }),
      setStorage: (o: Callbacks & { key: string; data: unknown }) => {
        rt.storage.set(o.key, o.data);
        answer(o, true, {});
      },
      removeStorage: (o: Callbacks & { key: string }) => {
        rt.storage.delete(o.key);
        answer(o, true, {});
      },
      confirm: (o) => {
        record('confirm', o);
        answer(o, true, { confirm: false });
      },
      alert: (o) => {
        record('alert', o);
        answer(o, true, {});
      },
      prompt: (o) => answer(o, true, { ok: false }),
      setNavigationBar: (o) => answer(o, true, {}),
      datePicker: (o) => {
        record('datePicker', o);
        answer(o, false, { error: 11, errorMessage: '用户取消操作' });
      },
      startAPVerify: (o) => {
        record('startAPVerify', o);
        answer(o, true, { resultStatus: '6001' });
      },
      requestSubscribeMessage: (o) => {
        record('requestSubscribeMessage', o);
        answer(o, true, {
          behavior: '',
          keep: false,
          refuse: false,
          result: { subscribeEntityIds: [], unsubscribeEntityIds: [] },
        });
      },
      scan: (o) => {
        record('scan', o);
        answer(o, false, { error: 10, errorMessage: '用户取消' });
      },
      getPhoneNumber: (o) => {
        record('getPhoneNumber', o);
        answer(o, false, { error: 11, errorMessage: '用户取消' });
      },
      tradePay: (o) => {
        record('tradePay', o);
        answer(o, true, { resultCode: '6001' });
      },
      navigateToMiniProgram: (o) => {
        record('navigateToMiniProgram', o);
        answer(o, true, {});
      },
      setClipboard: (o) => answer(o, true, {}),
      getClipboard: (o) => answer(o, true, { text: '' }),
    };
  }
  return {
    ...common,
    // swan.request: `header` in; `statusCode`, `header`, `data` out (dataType json parses when it can).
    request: (
      o: Callbacks & {
        url: string;
        method?: string;
        data?: unknown;
        header?: Record<string, string>;
        headers?: unknown;
        dataType?: string;
      },
    ) => {
      if (o.headers !== undefined) throw new Error('swan.request takes `header`, not `headers` (that is Alipay)');
      const method = (o.method ?? 'GET').toUpperCase();
      const headers = { 'content-type': 'application/json', ...(o.header ?? {}) };
      const url = o.url.replace(/^https?:\/\/[^/]+/, bffUrl);
      const body = encodeBody(method, o.data, headers['content-type']);
      rt.requests.push({ url, method, body: body ?? '', headers });
      httpCall(url, method, headers, body).then(
        ({ status, headers: responseHeaders, text }) => {
          let data: unknown = text;
          if ((o.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              /* text stays text */
            }
          }
          answer(o, true, { data, statusCode: status, header: responseHeaders });
        },
        (error: Error) => answer(o, false, { errCode: 1001, errMsg: `request:fail ${error.message}` }),
      );
      return { abort() {} };
    },
    getLoginCode: (o) => {
      record('getLoginCode', o);
      answer(o, false, { errCode: 10004, errMsg: '用户未登录' });
    },
    login: (o) => {
      record('login', o);
      answer(o, false, { errCode: 10004, errMsg: '用户未登录' });
    },
    getStorageSync: (key: string) => (rt.storage.has(key) ? rt.storage.get(key) : ''),
    setStorageSync: (key: string, data: unknown) => {
      rt.storage.set(key, data);
    },
    removeStorageSync: (key: string) => {
      rt.storage.delete(key);
    },
    clearStorageSync: () => {
      rt.storage.clear();
    },
    getStorage: (o: Callbacks & { key: string }) =>
      answer(
        o,
        rt.storage.has(o.key),
        rt.storage.has(o.key) ? { data: rt.storage.get(o.key) } : { errMsg: 'getStorage:fail data not found' },
      ),
    setStorage: (o: Callbacks & { key: string; data: unknown }) => {
      rt.storage.set(o.key, o.data);
      answer(o, true, {});
    },
    removeStorage: (o: Callbacks & { key: string }) => {
      rt.storage.delete(o.key);
      answer(o, true, {});
    },
    showModal: (o) => {
      record('showModal', o);
      answer(o, true, { confirm: false, cancel: true });
    },
    setNavigationBarTitle: (o) => answer(o, true, {}),
    setNavigationBarColor: (o) => answer(o, true, {}),
    scanCode: (o) => {
      record('scanCode', o);
      answer(o, false, { errCode: 1002, errMsg: 'scanCode:fail cancel' });
    },
    requestPolymerPayment: (o) => {
      record('requestPolymerPayment', o);
      answer(o, false, { errCode: 2, errMsg: 'cancel' });
    },
    navigateToSmartProgram: (o) => {
      record('navigateToSmartProgram', o);
      answer(o, true, {});
    },
    // Documented, but a service subscription, not a message consent: it says nothing about template messages.
    subscribeService: (o) => {
      record('subscribeService', o);
      answer(o, true, {});
    },
    setClipboardData: (o) => answer(o, true, {}),
    getClipboardData: (o) => answer(o, true, { data: '' }),
  };
}

function systemInfo(platform: MiniPlatform): Record<string, unknown> {
  const base = {
    pixelRatio: 3,
    windowWidth: 375,
    windowHeight: 667,
    screenWidth: 375,
    screenHeight: 812,
    language: 'zh-Hans',
    system: 'iOS 17.0',
    platform: 'iOS',
    statusBarHeight: 44,
  };
  return platform === 'alipay'
    ? { ...base, app: 'alipay', version: '10.5.70', SDKVersion: '2.9.21', fontSizeSetting: 16 }
    : { ...base, host: 'baiduboxapp', version: '13.60.0', SDKVersion: '3.600.4', fontSizeSetting: 16 };
}

function selectorQuery() {
  const query = {
    select: () => query,
    selectAll: () => query,
    selectViewport: () => query,
    in: () => query,
    boundingClientRect: () => query,
    scrollOffset: () => query,
    fields: () => query,
    exec: (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.([]), 0),
  };
  return query;
}

/** Which component a node number (`nn`) is, and which `pN` field is which attribute, read from base.axml / base.swan. */
interface TemplateMap {
  byNumber: Map<string, { tag: string; attrs: Map<string, string>; events: Set<string> }>;
}

function readTemplates(dist: string, platform: MiniPlatform): TemplateMap {
  const file = path.join(dist, platform === 'alipay' ? 'base.axml' : 'base.swan');
  const byNumber: TemplateMap['byNumber'] = new Map();
  const parser = new SaxesParser({ fragment: true });
  let current: string | null = null;
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth += 1;
    if (tag.name === 'template' && typeof tag.attributes.name === 'string') {
      const match = /^tmpl_0_(\d+)(_blur)?$/.exec(tag.attributes.name as string);
      current = match && (!byNumber.has(match[1]) || match[2]) ? match[1] : null;
      if (current && match?.[2]) byNumber.delete(current);
      depth = 1;
      return;
    }
    if (current && depth === 2 && !byNumber.has(current)) {
      const attrs = new Map<string, string>();
      const events = new Set<string>();
      for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
        const field = /\bi\.(p\d+)\b/.exec(value);
        if (field) attrs.set(name, field[1]);
        const event = /^(?:on|catch|bind|capture-bind|capture-catch)[:]?([A-Za-z]+)$/.exec(name);
        if (event && value === 'eh') events.add(event[1].toLowerCase());
      }
      byNumber.set(current, { tag: tag.name === 'block' ? '#text' : tag.name, attrs, events });
    }
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  parser.write(xmlSafe(fs.readFileSync(file, 'utf8'))).close();
  return { byNumber };
}

/**
 * Template text a strict XML parser can read: the platforms' binding expressions
 * ({{a && b}}, {{a < b}}) are not escaped in .axml/.swan, so `&`, `<` and `>` inside
 * {{…}} (and any bare `&`) become entities, and valueless else-directives get an
 * empty value; everything else must already be XML.
 */
export function xmlSafe(text: string): string {
  return (
    text
      .replace(/\{\{[\s\S]*?\}\}/g, (binding) =>
        binding.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      )
      .replace(/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
      // s-else / a:else are written without a value, as HTML booleans.
      .replace(/(<[a-z][^<>]*?\s)(s-else|a:else)(?=[\s/>])/g, '$1$2=""')
  );
}

function toElement(rt: Runtime, node: Record<string, any>, parent: MiniElement | null): MiniElement {
  const template = rt.templates.byNumber.get(String(node.nn));
  const attrs: Record<string, unknown> = {};
  for (const [name, field] of template?.attrs ?? []) if (node[field] !== undefined) attrs[name] = node[field];
  const element: MiniElement = {
    tag: template?.tag ?? `#${node.nn}`,
    sid: node.sid ?? '',
    id: node.uid ?? node.sid ?? '',
    classes: String(node.cl ?? '')
      .split(/\s+/)
      .filter(Boolean),
    attrs,
    events: template?.events ?? new Set(),
    children: [],
    parent,
    text: typeof node.v === 'string' ? node.v : '',
  };
  element.children = (Array.isArray(node.cn) ? node.cn : [])
    .filter(Boolean)
    .map((child: Record<string, any>) => toElement(rt, child, element));
  return element;
}

function textOf(element: MiniElement): string {
  return element.text + element.children.map(textOf).join('');
}

function matches(element: MiniElement, compound: string): boolean {
  const [tag, ...classes] = compound.split('.');
  if (tag && tag !== element.tag) return false;
  return classes.every((c) => element.classes.includes(c));
}

function select(root: MiniElement, selector: string): MiniElement[] {
  const parts = selector.trim().split(/\s+/);
  const found: MiniElement[] = [];
  const walk = (element: MiniElement) => {
    if (matches(element, parts[parts.length - 1])) {
      let ancestor = element.parent;
      let i = parts.length - 2;
      while (i >= 0 && ancestor) {
        if (matches(ancestor, parts[i])) i -= 1;
        ancestor = ancestor.parent;
      }
      if (i < 0) found.push(element);
    }
    element.children.forEach(walk);
  };
  walk(root);
  return found;
}

/** Applies one setData key ("root.cn.[0].cn.[2].v", "root.cn[1]") to the page's data. */
function applyPath(data: Record<string, any>, key: string, value: unknown): void {
  const tokens = key
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((t) => t !== '');
  let target: any = data;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const token = tokens[i];
    if (target[token] === undefined || target[token] === null) target[token] = /^\d+$/.test(tokens[i + 1]) ? [] : {};
    target = target[token];
  }
  target[tokens[tokens.length - 1]] = value;
}

let runtime: Runtime | null = null;

/**
 * Loads the app once per test file (jest gives each file its own module registry),
 * the platform global first: Taro reads the platform's API names when taro.js loads.
 */
function boot(dist: string, platform: MiniPlatform, bffUrl: string): Runtime {
  if (runtime) {
    if (runtime.platform !== platform) throw new Error('one platform per test file');
    return runtime;
  }
  if (!fs.existsSync(path.join(dist, 'app.js')))
    throw new Error(`No ${platform} build at ${dist}: run the build first (npm run build:${platform} -w miniapp).`);
  const rt: Runtime = {
    platform,
    global: {},
    storage: new Map(),
    requests: [],
    calls: [],
    pages: [],
    pageConfigs: new Map(),
    loadingPage: null,
    app: {},
    templates: readTemplates(dist, platform),
    defaults: {},
  };
  const apis = platformGlobal(rt, bffUrl);
  rt.defaults = { ...apis };
  Object.assign(rt.global, apis);
  if (platform === 'swan') rt.global.ai = {};
  const g = globalThis as Record<string, any>;
  g[platform === 'alipay' ? 'my' : 'swan'] = rt.global;
  // Alipay's JS engine has a navigator carrying the client's user agent; Taro's Alipay runtime reads it.
  if (platform === 'alipay')
    Object.defineProperty(g, 'navigator', {
      configurable: true,
      writable: true,
      value: {
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AlipayClient/10.5.70 ChannelId(0) Nebula',
      },
    });
  g.App = (options: Record<string, any>) => {
    rt.app = Object.assign(Object.create(null), options);
  };
  g.getApp = () => rt.app;
  g.getCurrentPages = () => rt.pages.slice();
  g.Page = (options: Record<string, any>) => {
    if (!rt.loadingPage) throw new Error('Page() called outside a page script');
    rt.pageConfigs.set(rt.loadingPage, options);
  };
  // Taro's recursion component (comp) and custom wrappers: their data is part of the page's tree here.
  g.Component = () => undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, found at run time
  require(path.join(dist, 'app.js'));
  rt.app.onLaunch?.call(rt.app, { query: {}, path: 'pages/home/index', scene: 1001 });
  rt.app.onShow?.call(rt.app, { query: {}, path: 'pages/home/index', scene: 1001 });
  runtime = rt;
  return rt;
}

/**
 * Opens a page of the Alipay or Baidu build. `overrides` replace platform APIs for this
 * page (only APIs the platform has: inventing one is an error); `ai` on Baidu is an object.
 */
export interface LoadOptions {
  /** Platform APIs answering differently for this page (only APIs the platform has). */
  overrides?: Overrides;
  /** The page's options, as a navigateTo URL's query would give them. */
  query?: Record<string, string>;
  /** Keep what earlier pages stored (the same citizen); otherwise storage starts empty, as on a fresh install. */
  keepStorage?: boolean;
  /**
   * Baidu's subscription authorisation panel, shown when the citizen taps a submit button
   * inside <form report-submit report-type="subscribe">: what the form's submit event then
   * carries ({ formId, status, message }). Default: the citizen closes it (500103).
   */
  subscribePanel?: (request: { templateId: unknown; subscribeId: unknown }) => Promise<Record<string, unknown>>;
}

export function loadMiniPage(
  platform: MiniPlatform,
  dist: string,
  page: string,
  bffUrl: string,
  options: LoadOptions = {},
): MiniPage {
  const {
    overrides = {},
    query = {},
    keepStorage = false,
    subscribePanel = async () => ({ formId: '', status: 500103, message: '用户取消授权' }),
  } = options;
  const rt = boot(dist, platform, bffUrl);
  if (!keepStorage) rt.storage.clear();
  for (const [name, impl] of Object.entries(rt.defaults)) rt.global[name] = impl;
  if (platform === 'swan') rt.global.ai = {};
  for (const [name, impl] of Object.entries(overrides)) {
    if (!(name in rt.global))
      throw new Error(`${platform} has no API ${name}: the harness only offers what the platform documents`);
    const recorded =
      (fn: Api, api: string): Api =>
      (first, ...rest) => {
        rt.calls.push({ api, options: first });
        return fn(first, ...rest);
      };
    rt.global[name] =
      typeof impl === 'function'
        ? recorded(impl, name)
        : Object.fromEntries(Object.entries(impl).map(([sub, fn]) => [sub, recorded(fn, `${name}.${sub}`)]));
  }
  if (!rt.pageConfigs.has(page)) {
    rt.loadingPage = page;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built page, found at run time
      require(path.join(dist, `${page}.js`));
    } finally {
      rt.loadingPage = null;
    }
  }
  const config = rt.pageConfigs.get(page);
  if (!config) throw new Error(`${page}.js did not call Page()`);
  const instance: Record<string, any> = Object.create(config);
  instance.data = JSON.parse(JSON.stringify(config.data ?? {}));
  instance.route = page;
  instance.setData = (update: Record<string, unknown>, cb?: () => void) => {
    for (const [key, value] of Object.entries(update)) applyPath(instance.data, key, value);
    if (cb) setTimeout(cb, 0);
  };
  if (platform === 'alipay')
    instance.$spliceData = () => {
      throw new Error('$spliceData is not used by Taro');
    };
  rt.pages.push(instance);
  // The app is one runtime across pages: what a page shows as its own starts here.
  const callsFrom = rt.calls.length;
  const requestsFrom = rt.requests.length;
  // Baidu calls onInit (as early as it can) before onLoad; Taro's Baidu runtime mounts the page in onInit.
  if (platform === 'swan') instance.onInit?.call(instance, query);
  instance.onLoad?.call(instance, query);
  instance.onShow?.call(instance);
  instance.onReady?.call(instance);

  const root = () => toElement(rt, { nn: 'page', cn: instance.data.root?.cn ?? [] }, null);
  const all = (selector: string) => select(root(), selector);
  const dispatch = (target: MiniElement, type: string, detail: Record<string, unknown>) => {
    // The platform calls the bound handler of the target and of each ancestor that binds the event.
    const targetInfo = { id: target.id, dataset: { sid: target.sid }, targetDataset: { sid: target.sid } };
    for (let element: MiniElement | null = target; element; element = element.parent) {
      if (!element.events.has(type)) continue;
      const event = {
        type,
        timeStamp: Date.now(),
        detail: { ...detail },
        target: targetInfo,
        currentTarget: { id: element.id, dataset: { sid: element.sid } },
      };
      instance.eh.call(instance, event);
    }
  };
  /**
   * A tap on a form-type="submit" button submits its form, as the platforms do; on Baidu a
   * subscription form first shows the authorisation panel and its answer is the event's detail.
   */
  const submitForm = (target: MiniElement) => {
    let button: MiniElement | null = target;
    while (button && button.tag !== 'button') button = button.parent;
    if (!button || button.attrs['form-type'] !== 'submit' || button.attrs.disabled === true) return;
    let form: MiniElement | null = button.parent;
    while (form && form.tag !== 'form') form = form.parent;
    if (!form) return;
    const submitting = form;
    if (
      platform === 'swan' &&
      submitting.attrs['report-submit'] === true &&
      submitting.attrs['report-type'] === 'subscribe'
    ) {
      const request = { templateId: submitting.attrs['template-id'], subscribeId: submitting.attrs['subscribe-id'] };
      rt.calls.push({ api: 'subscribePanel', options: request });
      void subscribePanel(request).then((detail) => dispatch(submitting, 'submit', { value: {}, ...detail }));
    } else {
      setTimeout(() => dispatch(submitting, 'submit', { value: {}, formId: '' }), 0);
    }
  };
  const pick = (selector: string, index: number) => {
    const target = all(selector)[index];
    if (!target) throw new Error(`nothing matches ${selector}[${index}]`);
    return target;
  };
  return {
    platform,
    get requests() {
      return rt.requests.slice(requestsFrom);
    },
    get calls() {
      return rt.calls.slice(callsFrom);
    },
    root,
    all,
    textOf: (selector) => all(selector).map((element) => textOf(element).trim()),
    tap: (selector, index = 0) => {
      const target = pick(selector, index);
      dispatch(target, 'tap', { x: 10, y: 10 });
      submitForm(target);
    },
    fire: (selector, type, detail, index = 0) => {
      const target = pick(selector, index);
      if (!target.events.has(type)) throw new Error(`${target.tag} does not bind ${type} on ${platform}`);
      dispatch(target, type, detail);
    },
    waitFor: async (read, done, timeoutMs = 10_000) => {
      const started = Date.now();
      for (;;) {
        const value = read();
        if (done(value)) return value;
        if (Date.now() - started > timeoutMs)
          throw new Error(
            `timed out; last value: ${JSON.stringify(value).slice(0, 500)}\n${JSON.stringify(instance.data).slice(0, 1500)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    unload: () => {
      instance.onUnload?.call(instance);
      rt.pages.splice(rt.pages.indexOf(instance), 1);
    },
  };
}
