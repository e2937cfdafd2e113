/**
 * Stand-in for @tarojs/taro in jsdom component tests. `request` goes to whatever the
 * test installs with `setRequestHandler` (a function that answers like a BFF would);
 * navigation calls are recorded so tests can assert where a tap leads.
 */
type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type Handler = (options: RequestOptions) => Promise<{ statusCode: number; data: unknown }>;

let handler: Handler = async () => {
  throw new Error('no request handler installed');
};
export const calls: { navigateTo: string[]; switchTab: string[]; redirectTo: string[]; toasts: string[]; modals: string[] } = { navigateTo: [], switchTab: [], redirectTo: [], toasts: [], modals: [] };
/** What the next modals answer (confirm or not); defaults to cancel. */
export const modalAnswers: boolean[] = [];
const storage = new Map<string, unknown>();

export function setRequestHandler(next: Handler): void {
  handler = next;
}

const Taro = {
  request: (options: RequestOptions) => handler(options),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  redirectTo: async ({ url }: { url: string }) => void calls.redirectTo.push(url),
  navigateBack: async () => undefined,
  showModal: async ({ title }: { title: string }) => {
    calls.modals.push(title);
    return { confirm: modalAnswers.shift() ?? false, cancel: true };
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  stopPullDownRefresh: () => undefined,
  getCurrentPages: () => [],
};

export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useRouter = () => ({ params: routerParams });
export const routerParams: Record<string, string> = {};
export const useDidShow = (fn: () => void) => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('react').useEffect(() => fn(), []);
};
export const login = async () => ({ code: 'stand-in' });
export default Taro;
