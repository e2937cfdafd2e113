import { AGENCIES, type AgencyName } from '@citizen/shared';
import type { UpstreamClient, BreakerState } from '../../upstream/client';

export const AGENCY_TITLES: Record<AgencyName, string> = {
  population: '人口库 Population register',
  vehicle: '车驾管 Vehicle register',
  'social-insurance': '社会保险 Social insurance',
  'provident-fund': '住房公积金 Provident fund',
  licences: '电子证照库 Electronic licences',
  education: '教育局 Education bureau',
  tax: '税务局 Tax bureau',
  housing: '住建局 Housing bureau',
  'market-regulation': '市场监管局 Market regulation',
  'exit-entry': '出入境管理局 Exit and entry',
  talent: '人才工作局 Talent bureau',
  sms: '短信网关 SMS gateway',
  wechat: '微信开放平台 WeChat',
  alipay: '支付宝开放平台 Alipay',
  baidu: '百度智能小程序 Baidu',
  hotline: '12345热线 12345 hotline',
  'medical-insurance': '医疗保障局 Medical insurance',
  'traffic-police': '交警支队 Traffic police',
  'real-estate': '不动产登记中心 Real estate registry',
  health: '卫生健康委 Health commission',
  transit: '公交集团 Public transit',
  finance: '财政局非税收入 Finance bureau non-tax revenue',
  evaluation: '全国政务服务好差评系统 National service evaluation',
  water: '自来水公司 Water supply company',
  power: '供电局 Power supply company',
  gas: '燃气公司 Gas company',
  'civil-affairs': '民政局婚姻登记 Civil affairs (marriage registration)',
};

export interface ProbeResult {
  name: AgencyName;
  reachable: boolean;
  latencyMs: number | null;
}

export function isAgency(name: string): name is AgencyName {
  return (AGENCIES as readonly string[]).includes(name);
}

/**
 * Health probes of agencies through the upstream client, so a probe counts in the
 * breaker and an open breaker answers "unreachable" at once without a call.
 */
export class AgencyProbe {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly timeoutMs: number,
  ) {}

  async probe(name: AgencyName): Promise<ProbeResult> {
    const started = performance.now();
    try {
      // Not bound to any request's deadline: a probe reports the agency, not the caller's hurry.
      const response = await this.upstream.request(name, {
        path: '/healthz',
        timeoutMs: this.timeoutMs,
        retries: 0,
        deadline: null,
      });
      return { name, reachable: response.status === 200, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { name, reachable: false, latencyMs: null };
    }
  }

  probeAll(names: readonly AgencyName[] = AGENCIES): Promise<ProbeResult[]> {
    return Promise.all(names.map((name) => this.probe(name)));
  }

  breaker(name: AgencyName): BreakerState {
    return this.upstream.breakerState(name);
  }

  stats(name: AgencyName) {
    return this.upstream.stats(name);
  }
}
