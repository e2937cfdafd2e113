import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * Loads a page of the WeChat build into miniprogram-simulate, as the WeChat client
 * would: app.js first (it registers the Taro runtime), then the page as a component
 * rendered through Taro's base.wxml. wx.request is replaced by a bridge to real HTTP,
 * with every URL rewritten to the BFF under test.
 */
/** POST JSON with node:http: the jsdom environment these tests run in has no fetch. */
/** GET a JSON answer over node:http (the jsdom environment has no fetch). */
export function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      })
      .on('error', reject);
  });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export interface RenderedPage {
  requests: Array<{ url: string; method: string; body: string }>;
  textOf(selector: string): string[];
  tap(selector: string, index?: number): void;
  waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  detach(): void;
}

/** `query`: the page's options, as a navigateTo URL's query would give them. */
export function loadWeappPage(
  dist: string,
  page: string,
  bffUrl: string,
  wxOverrides: Record<string, unknown> = {},
  query: Record<string, string> = {},
): RenderedPage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- miniprogram-simulate ships no types: required, it is any
  const simulate = require('miniprogram-simulate');
  const requests: RenderedPage['requests'] = [];
  const g = globalThis as Record<string, any>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- likewise
  g.wx = require('miniprogram-simulate/src/api');
  g.wx.request = (options: {
    url: string;
    method?: string;
    data?: unknown;
    header?: Record<string, string>;
    success?: (r: unknown) => void;
    fail?: (e: unknown) => void;
    complete?: (r: unknown) => void;
  }) => {
    const url = options.url.replace(/^https?:\/\/[^/]+/, bffUrl);
    const body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data ?? {});
    requests.push({ url, method: options.method ?? 'GET', body });
    // node:http, not fetch: the jsdom test environment has no fetch.
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: { ...options.header, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let data: unknown = text;
          try {
            data = JSON.parse(text);
          } catch {
            /* a non-JSON answer stays text, as on WeChat */
          }
          const result = { statusCode: response.statusCode, data, header: response.headers, errMsg: 'request:ok' };
          options.success?.(result);
          options.complete?.(result);
        });
      },
    );
    request.on('error', (error) => {
      const result = { errMsg: `request:fail ${error.message}` };
      options.fail?.(result);
      options.complete?.(result);
    });
    request.end(options.method === 'GET' ? undefined : body);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  Object.assign(g.wx, wxOverrides);
  let app: Record<string, unknown> = {};
  g.App = (options: Record<string, unknown>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];
  g.Page = (options: Record<string, unknown>) => g.Component({ methods: options, ...options });

  if (!fs.existsSync(path.join(dist, 'app.js')))
    throw new Error(`No WeChat build at ${dist}: run the build test first (npm run build:weapp).`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, found at run time
  require(path.join(dist, 'app.js'));
  const id = simulate.load(path.join(dist, page), { rootPath: dist });
  const component = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  component.attach(parent);
  (app.onLaunch as (() => void) | undefined)?.call(app);
  component.instance.onLoad?.(query);
  component.instance.onShow?.();

  // The simulator prefixes every class with the component's tag ("main--"); tests name classes as written.
  const all = (selector: string) =>
    Array.from(parent.querySelectorAll(selector.replace(/\.([\w-]+)/g, '.main--$1'))) as HTMLElement[];
  return {
    requests,
    textOf: (selector) => all(selector).map((el) => (el.textContent ?? '').trim()),
    tap: (selector, index = 0) => {
      // j-component's own tree, which dispatches to the handlers Taro's templates bind (bindtap="eh").
      const target = component.querySelectorAll(selector)[index];
      if (!target) throw new Error(`nothing matches ${selector}[${index}]`);
      target.dispatchEvent('tap');
    },
    waitFor: async (read, done, timeoutMs = 10_000) => {
      const started = Date.now();
      for (;;) {
        const value = read();
        if (done(value)) return value;
        if (Date.now() - started > timeoutMs)
          throw new Error(
            `timed out; last value: ${JSON.stringify(value).slice(0, 500)}\n${parent.innerHTML.slice(0, 2000)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    detach: () => component.detach(),
  };
}
