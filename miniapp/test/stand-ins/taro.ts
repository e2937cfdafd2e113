/**
 * Stand-in for @tarojs/taro in jsdom component tests. `request` goes to whatever the
 * test installs with `setRequestHandler` (a function that answers like a BFF would);
 * navigation calls are recorded so tests can assert where a tap leads.
 */
import { useEffect, useRef } from 'react';

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type Handler = (options: RequestOptions) => Promise<{ statusCode: number; data: unknown }>;
type UploadOptions = { url: string; filePath: string; name: string; header?: Record<string, string> };
/** Answers an upload like the BFF's POST /uploads; `progress` reports a percentage as the platform would. */
type UploadHandler = (
  options: UploadOptions,
  progress: (percent: number) => void,
) => Promise<{ statusCode: number; data: string }>;
export interface ChosenImage {
  path: string;
  size: number;
  type?: string;
}

let handler: Handler = async () => {
  throw new Error('no request handler installed');
};
let uploadHandler: UploadHandler = async () => {
  throw new Error('no upload handler installed');
};
export const calls: {
  navigateTo: string[];
  switchTab: string[];
  redirectTo: string[];
  /** reLaunch urls (the app starts again from a page: e.g. back to oneself after acting for family). */
  reLaunch: string[];
  toasts: string[];
  modals: string[];
  navigateBack: number[];
  clipboard: string[];
  /** setTabBarBadge / removeTabBarBadge, as `index:text` or `index:-`. */
  badges: string[];
  scrolls: string[];
  uploads: string[];
  /** setNavigationBarTitle titles, in order. */
  titles: string[];
  /** setTabBarItem calls, as `index:text`. */
  tabBarItems: string[];
} = {
  navigateTo: [],
  switchTab: [],
  redirectTo: [],
  reLaunch: [],
  toasts: [],
  modals: [],
  navigateBack: [],
  clipboard: [],
  badges: [],
  scrolls: [],
  uploads: [],
  titles: [],
  tabBarItems: [],
};
/** What the next modals answer (confirm or not); defaults to cancel. */
export const modalAnswers: boolean[] = [];
/** What the next chooseImage calls return; an empty queue means the citizen closed the picker. */
export const chosenImages: ChosenImage[] = [];
const storage = new Map<string, unknown>();

export function setRequestHandler(next: Handler): void {
  handler = next;
}

export function setUploadHandler(next: UploadHandler): void {
  uploadHandler = next;
}

/** Like Taro's: a promise with the task's progress() hook attached. */
function uploadFile(options: UploadOptions) {
  const listeners: Array<(update: { progress: number }) => void> = [];
  calls.uploads.push(options.filePath);
  const task = Promise.resolve().then(() =>
    uploadHandler(options, (progress) => listeners.forEach((listener) => listener({ progress }))),
  ) as Promise<{ statusCode: number; data: string }> & {
    progress: (listener: (update: { progress: number }) => void) => void;
  };
  task.progress = (listener) => void listeners.push(listener);
  return task;
}

const Taro = {
  request: (options: RequestOptions) => handler(options),
  uploadFile,
  chooseImage: async () => {
    const image = chosenImages.shift();
    if (!image) throw new Error('chooseImage:fail cancel');
    return { tempFilePaths: [image.path], tempFiles: [image] };
  },
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  redirectTo: async ({ url }: { url: string }) => void calls.redirectTo.push(url),
  reLaunch: async ({ url }: { url: string }) => void calls.reLaunch.push(url),
  navigateBack: async () => void calls.navigateBack.push(1),
  showModal: async ({ title }: { title: string }) => {
    calls.modals.push(title);
    return { confirm: modalAnswers.shift() ?? false, cancel: true };
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  setClipboardData: async ({ data }: { data: string }) => void calls.clipboard.push(data),
  setTabBarBadge: async ({ index, text }: { index: number; text: string }) =>
    void calls.badges.push(`${index}:${text}`),
  removeTabBarBadge: async ({ index }: { index: number }) => void calls.badges.push(`${index}:-`),
  pageScrollTo: async ({ selector, scrollTop }: { selector?: string; scrollTop?: number }) =>
    void calls.scrolls.push(selector ?? String(scrollTop)),
  stopPullDownRefresh: () => undefined,
  getCurrentPages: () => [],
  setNavigationBarTitle: async ({ title }: { title: string }) => void calls.titles.push(title),
  setTabBarItem: async ({ index, text }: { index: number; text?: string }) =>
    void calls.tabBarItems.push(`${index}:${text ?? ''}`),
};

export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useReachBottom = (_fn: () => void) => undefined;
export const useRouter = () => ({ params: routerParams });
export const routerParams: Record<string, string> = {};
export const useDidShow = (fn: () => void) => {
  // Taro runs it once when the page first shows; later shows come from showPage.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the first render's callback, once, as on mount
  useEffect(() => fn(), []);
  usePageListener(showListeners, fn);
};
/** Pages are hidden and shown again only when a test says so (hidePage, showPage). */
export const useDidHide = (fn: () => void) => usePageListener(hideListeners, fn);
const showListeners = new Set<{ current: () => void }>();
const hideListeners = new Set<{ current: () => void }>();
/** Keeps the latest callback of a mounted page, as Taro's hooks do. */
function usePageListener(listeners: Set<{ current: () => void }>, fn: () => void): void {
  const ref = useRef(fn);
  // eslint-disable-next-line react-hooks/refs -- the latest callback, for showPage/hidePage to call outside render
  ref.current = fn;
  useEffect(() => {
    listeners.add(ref);
    return () => void listeners.delete(ref);
  }, [listeners]);
}
/** The citizen leaves the page (another page on top, the app in the background). */
export function hidePage(): void {
  for (const ref of [...hideListeners]) ref.current();
}
/** The page is shown again. */
export function showPage(): void {
  for (const ref of [...showListeners]) ref.current();
}
export const login = async () => ({ code: 'stand-in' });
export default Taro;
