import { z } from 'zod';
import { DEV_ALIPAY_APP_PUBLIC_KEY } from './platforms/alipay.dev-key';

/** Settings of the simulated agencies, read from the environment and checked at start. */
const schema = z.object({
  MOCK_HOST: z.string().default('127.0.0.1').describe('Address the simulated agencies listen on'),
  MOCK_PORT: z.coerce.number().int().min(0).max(65535).default(4010).describe('Port of the simulated agencies'),
  MOCK_SEED: z.coerce
    .number()
    .int()
    .default(20261121)
    .describe(
      'Seed of the generated data and of simulated failures (errorRate): the same seed gives the same people and the same failing calls',
    ),
  MOCK_PEOPLE: z.coerce
    .number()
    .int()
    .min(100)
    .max(1_000_000)
    .default(10_000)
    .describe('How many people the population register holds'),
  MOCK_VEHICLES: z.coerce
    .number()
    .int()
    .min(10)
    .max(1_000_000)
    .default(5_000)
    .describe('How many vehicles the vehicle register holds'),
  MOCK_LATENCY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .describe('Latency added to every agency call, in ms'),
  MOCK_FAULTS: z.string().default('').describe('Per-agency faults, e.g. vehicle=latency:50,errorRate:0.1;sms=down'),
  MOCK_DEPARTMENT_PACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400_000)
    .default(4000)
    .describe(
      'Departments move each application one step (accepted, in review, approved, completed) per this many ms; 0 = only the /dev decide route moves them',
    ),
  MOCK_WECHAT_APPID: z.string().min(1).default('wx-citizen-dev').describe('App id the WeChat simulator accepts'),
  MOCK_WECHAT_SECRET: z
    .string()
    .min(1)
    .default('wechat-dev-secret')
    .describe('App secret the WeChat simulator accepts'),
  MOCK_ALIPAY_APPID: z.string().min(1).default('alipay-citizen-dev').describe('App id the Alipay simulator accepts'),
  MOCK_ALIPAY_AES_KEY: z
    .string()
    .min(1)
    .default('ZGV2LWFsaXBheS1hZXMxNg==')
    .describe("The app's AES key (base64, 128 bits) the Alipay simulator encrypts my.getPhoneNumber answers with"),
  MOCK_BAIDU_CLIENT_ID: z
    .string()
    .min(1)
    .default('baidu-citizen-dev')
    .describe('Client id the Baidu simulator accepts'),
  MOCK_BAIDU_SECRET: z.string().min(1).default('baidu-dev-secret').describe('Secret key the Baidu simulator accepts'),
  MOCK_BAIDU_AI_API_KEY: z
    .string()
    .min(1)
    .default('baidu-ai-dev-key')
    .describe('Baidu AI Cloud API key the simulator issues face-verification tokens to'),
  MOCK_BAIDU_AI_SECRET_KEY: z
    .string()
    .min(1)
    .default('baidu-ai-dev-secret')
    .describe('Baidu AI Cloud secret key the simulator accepts'),
  MOCK_ALIPAY_APP_PUBLIC_KEY: z
    .string()
    .min(1)
    .default(DEV_ALIPAY_APP_PUBLIC_KEY)
    .describe(
      "The app's public key (SPKI in base64, as the Alipay console shows it) the Alipay simulator checks RSA2 signatures with",
    ),
  MOCK_WECHAT_PAY_KEY: z
    .string()
    .min(1)
    .default('wechat-pay-dev-key')
    .describe('Key the WeChat Pay simulator signs payment notifications with'),
  MOCK_ALIPAY_PAY_KEY: z
    .string()
    .min(1)
    .default('alipay-pay-dev-key')
    .describe('Key the Alipay simulator signs payment notifications with'),
  MOCK_BAIDU_PAY_KEY: z
    .string()
    .min(1)
    .default('baidu-pay-dev-key')
    .describe('Key the Baidu polymer payment simulator signs notifications with'),
  MOCK_FINANCE_KEY: z
    .string()
    .min(1)
    .default('finance-dev-key')
    .describe('Key the finance bureau signs payment confirmations with'),
  MOCK_UTILITY_KEY: z
    .string()
    .min(1)
    .default('utility-dev-key')
    .describe("Key of the utilities' payment gateway: checks payment notices, signs bill confirmations"),
});

export type MockConfig = z.infer<typeof schema>;

/** Parses the environment; throws an Error naming every bad setting. */
export function loadMockConfig(env: NodeJS.ProcessEnv = process.env): MockConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid mock-data settings:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}
