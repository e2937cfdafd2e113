import type { Platform } from '@citizen/shared';
import type { Config } from '../../../config';
import type { UpstreamClient } from '../../../upstream/client';
import { alipayAuth } from './alipay';
import { baiduAuth } from './baidu';
import { wechatAuth } from './wechat';
import type { PlatformAuth } from './types';

export type { PlatformAuth, FaceOutcome, FaceEvidence } from './types';

/**
 * One PlatformAuth per GraphQL Platform. H5 (the browser build) signs in through
 * WeChat's web login, so it shares WeChat's code exchange and face API; its accounts
 * are still its own (platform H5).
 */
export function platformAuths(upstream: UpstreamClient, config: Config): Record<Platform, PlatformAuth> {
  const wechat = wechatAuth(upstream, config);
  return { WECHAT: wechat, H5: wechat, ALIPAY: alipayAuth(upstream, config), BAIDU: baiduAuth(upstream, config) };
}
