import type { Platform } from '@citizen/shared';

/** What differs between WeChat, Alipay, Baidu and H5, behind one interface. */
export interface PlatformAdapter {
  /** The GraphQL Platform this build is. */
  name: Platform;
  /** Base URL of the BFF; empty means the page's own origin. */
  bffUrl: string;
}
