import Koa from 'koa';
import Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import type { MockConfig } from './config';
import { generateWorld, type World } from './data/generate';
import { FAULT_MODES, FaultBoard, type Fault } from './faults';
import type { Agency } from './agencies/agency';
import { populationAgency } from './agencies/population';
import { vehicleAgency } from './agencies/vehicle';
import { SmsGateway, smsAgency } from './agencies/sms';
import { licencesAgency, providentFundAgency, socialInsuranceAgency } from './agencies/records';
import { ApplicationDesk, DEPARTMENTS, departmentAgency, departmentSpec } from './agencies/departments';
import { generateRecords } from './data/records';
import {
  extendAgency,
  extendExitEntry,
  extendMarketRegulation,
  extendProvidentFund,
  extendSocialInsurance,
  extendTalent,
  healthAgency,
  medicalInsuranceAgency,
  realEstateAgency,
  trafficPoliceAgency,
  transitAgency,
} from './agencies/citizen-records';
import { hotlineAgency } from './agencies/hotline';
import { generateHoldings } from './data/holdings';
import {
  civilAffairsAgency,
  extendEducation,
  extendExitEntryPermits,
  extendHousing,
  extendPopulationHouseholds,
  extendTax,
} from './agencies/holdings';
import { generateRelations } from './data/relations';
import { extendPopulationRelations } from './agencies/relations';
import { wechatPlatform } from './platforms/wechat';
import { alipayPlatform } from './platforms/alipay';
import { baiduPlatform } from './platforms/baidu';
import { financeAgency } from './agencies/finance';
import { evaluationAgency } from './agencies/evaluation';
import { UTILITIES, utilityAgency, type UtilityKind } from './agencies/utilities';
import { TRAFFIC_FINE_ITEM, handleFinePaid } from './agencies/fines';
import { PaySimulator, addPayApiRoutes, addPayDevRoutes } from './platforms/pay';

export interface MockApp {
  app: Koa;
  world: World;
  faults: FaultBoard;
  sms: SmsGateway;
  agencies: Agency[];
  /** Desks of the departments that take service applications. */
  departments: ApplicationDesk[];
  /** Stops the departments' automatic progress timers; call it when the server closes. */
  close(): void;
}

/**
 * Every simulated agency in one Koa app, each under its own path prefix with its
 * fault switch in front, its /healthz, and its OpenAPI description at
 * /openapi/<agency>.json. `listen` is the caller's business.
 */
export function buildMockApp(config: MockConfig, world?: World): MockApp {
  const data =
    world ?? generateWorld({ seed: config.MOCK_SEED, people: config.MOCK_PEOPLE, vehicles: config.MOCK_VEHICLES });
  const faults = new FaultBoard(config.MOCK_LATENCY_MS, config.MOCK_SEED);
  faults.applySpec(config.MOCK_FAULTS);
  const sms = new SmsGateway();
  const pace = { paceMs: config.MOCK_DEPARTMENT_PACE_MS };
  const socialInsuranceDesk = new ApplicationDesk(departmentSpec('social-insurance'), pace);
  const providentFundDesk = new ApplicationDesk(departmentSpec('provident-fund'), pace);
  const departmentAgencies = DEPARTMENTS.filter(
    (d) => d !== socialInsuranceDesk.spec && d !== providentFundDesk.spec,
  ).map((spec) => departmentAgency(spec, pace));
  const desks = [providentFundDesk, socialInsuranceDesk, ...departmentAgencies.map((a) => a.desk)];
  const hotline = hotlineAgency(pace);
  const agencies: Agency[] = [
    populationAgency(data),
    vehicleAgency(data, sms, () => faults.get('sms').mode !== 'ok' || faults.get('sms').errorRate >= 1),
    socialInsuranceAgency(data, socialInsuranceDesk),
    providentFundAgency(data, providentFundDesk),
    licencesAgency(data),
    ...departmentAgencies,
    smsAgency(sms),
    hotline,
    wechatPlatform(data, config),
    alipayPlatform(data, config),
    baiduPlatform(data, config),
  ];
  // The 查 line's records: new agencies, and routes added to those that hold the rest.
  const records = generateRecords(data);
  agencies.push(
    medicalInsuranceAgency(data, records, config.MOCK_SEED),
    trafficPoliceAgency(data, records),
    realEstateAgency(data, records),
    healthAgency(data, records),
    transitAgency(records),
  );
  const byName = (name: string) => agencies.find((a) => a.name === name)!;
  extendProvidentFund(byName('provident-fund'), data, records);
  extendSocialInsurance(byName('social-insurance'), data, records);
  extendExitEntry(byName('exit-entry'), data, records);
  extendTalent(byName('talent'), data, records);
  extendMarketRegulation(byName('market-regulation'), records);
  // What application forms fill from instead of asking (issue 19).
  const holdings = generateHoldings(data, records);
  data.holders = holdings.holders;
  agencies.push(civilAffairsAgency(data, holdings));
  extendHousing(byName('housing'), data, holdings);
  extendTax(byName('tax'), data, holdings);
  extendEducation(byName('education'), data, holdings);
  extendExitEntryPermits(byName('exit-entry'), data, holdings);
  extendPopulationHouseholds(byName('population'), data, holdings);
  // Who may act for whom (issue 17): parent/child, spouse, legal guardian.
  const relations = generateRelations(data, holdings);
  data.holders = { ...data.holders, ...relations.holders };
  extendPopulationRelations(byName('population'), data, relations);
  // Paying fees: the finance bureau's slips and receipts, and each platform's payment system.
  // A fine paid at the bureau reaches the traffic police, whose feed then shows the violation handled.
  agencies.push(
    financeAgency(config.MOCK_FINANCE_KEY, (slip) => {
      if (slip.itemCode === TRAFFIC_FINE_ITEM) handleFinePaid(records, slip);
    }),
  );
  // 生活缴费: the water, power and gas companies.
  for (const kind of Object.keys(UTILITIES) as UtilityKind[])
    agencies.push(utilityAgency(kind, data, config.MOCK_UTILITY_KEY));
  // 好差评: the national evaluation system ratings are forwarded to.
  agencies.push(evaluationAgency());
  const pays = [
    new PaySimulator('wechat', config.MOCK_WECHAT_PAY_KEY),
    new PaySimulator('alipay', config.MOCK_ALIPAY_PAY_KEY),
    new PaySimulator('baidu', config.MOCK_BAIDU_PAY_KEY),
  ];
  for (const pay of pays)
    extendAgency(byName(pay.platform), (router) => [...addPayApiRoutes(router, pay), ...addPayDevRoutes(router, pay)]);
  const names = agencies.map((a) => a.name);

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      ctx.status = (error as { status?: number }).status ?? 500;
      ctx.body = { error: ctx.status === 400 ? 'BAD_REQUEST' : 'INTERNAL_ERROR', message: (error as Error).message };
    }
  });
  // The H5 build plays the platform SDK in the browser (login codes, the face camera):
  // those simulator-only /dev routes answer any origin. Real agency routes do not.
  app.use(async (ctx, next) => {
    if (/^\/[\w-]+\/dev\//.test(ctx.path)) {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Access-Control-Allow-Headers', 'content-type');
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (ctx.method === 'OPTIONS') {
        ctx.status = 204;
        return;
      }
    }
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json', 'form'] }));
  // Calls seen per "METHOD /path", so tests and benchmarks can count what a client asked for.
  const calls = new Map<string, number>();
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/admin/'))
      calls.set(`${ctx.method} ${ctx.path}`, (calls.get(`${ctx.method} ${ctx.path}`) ?? 0) + 1);
    await next();
  });

  const root = new Router();
  root.get('/', (ctx) => {
    ctx.body = {
      agencies: agencies.map((a) => ({ name: a.name, title: a.title, openapi: `/openapi/${a.name}.json` })),
      departments: desks.map(({ spec }) => ({
        name: spec.name,
        title: spec.title,
        titleZh: spec.titleZh,
        receiptPrefix: spec.receiptPrefix,
        openapi: `/openapi/${spec.name}.json`,
      })),
      seed: data.seed,
      people: data.people.length,
      vehicles: data.vehicles.length,
    };
  });
  root.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  root.get('/openapi/:agency.json', (ctx) => {
    const agency = agencies.find((a) => a.name === ctx.params.agency);
    if (!agency) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: `No agency ${ctx.params.agency}` };
      return;
    }
    ctx.body = agency.openapi;
  });
  root.get('/admin/calls', (ctx) => {
    ctx.body = { calls: Object.fromEntries(calls) };
  });
  root.get('/admin/faults', (ctx) => {
    ctx.body = faults.all(names);
  });
  root.put('/admin/faults/:agency', (ctx) => {
    const change = (ctx.request.body ?? {}) as Partial<Fault>;
    const valid =
      names.includes(ctx.params.agency) &&
      (change.mode === undefined || FAULT_MODES.includes(change.mode)) &&
      (change.latencyMs === undefined || (Number.isFinite(change.latencyMs) && change.latencyMs >= 0)) &&
      (change.errorRate === undefined ||
        (Number.isFinite(change.errorRate) && change.errorRate >= 0 && change.errorRate <= 1));
    if (!valid) {
      ctx.status = 400;
      ctx.body = {
        error: 'BAD_REQUEST',
        message: `agency must be one of ${names.join(', ')}; mode ${FAULT_MODES.join('|')}; latencyMs >= 0; errorRate 0-1`,
      };
      return;
    }
    // Drop undefined keys that would overwrite settings the caller did not name.
    ctx.body = faults.set(
      ctx.params.agency,
      Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    );
  });
  root.delete('/admin/faults', (ctx) => {
    faults.reset();
    ctx.status = 204;
  });
  app.use(root.routes()).use(root.allowedMethods());

  for (const agency of agencies) {
    const mount = new Router({ prefix: `/${agency.name}` });
    mount.use(faults.middleware(agency.name));
    mount.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok', agency: agency.name };
    });
    // The description at the agency's own base too, so a client reaches it like any other call (faults included).
    mount.get('/openapi.json', (ctx) => {
      ctx.body = agency.openapi;
    });
    mount.use(agency.router.routes(), agency.router.allowedMethods());
    app.use(mount.routes()).use(mount.allowedMethods());
  }
  return {
    app,
    world: data,
    faults,
    sms,
    agencies,
    departments: desks,
    close: () => {
      desks.forEach((desk) => desk.close());
      hotline.desk.close();
      pays.forEach((pay) => pay.close());
    },
  };
}
