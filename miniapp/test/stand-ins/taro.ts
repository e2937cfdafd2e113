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
export const calls: { navigateTo: string[]; switchTab: string[]; toasts: string[] } = { navigateTo: [], switchTab: [], toasts: [] };

export function setRequestHandler(next: Handler): void {
  handler = next;
}

const Taro = {
  request: (options: RequestOptions) => handler(options),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  navigateBack: async () => undefined,
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  stopPullDownRefresh: () => undefined,
  getCurrentPages: () => [],
};

export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useRouter = () => ({ params: {} });
export default Taro;
