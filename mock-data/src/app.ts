import Koa from 'koa';
import Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import type { MockConfig } from './config';
import { generateWorld, type World } from './data/generate';
import { FaultBoard, type Fault } from './faults';
import type { Agency } from './agencies/agency';
import { populationAgency } from './agencies/population';
import { vehicleAgency } from './agencies/vehicle';
import { SmsGateway, smsAgency } from './agencies/sms';
import { licencesAgency, providentFundAgency, socialInsuranceAgency } from './agencies/records';
import { ApplicationDesk, DEPARTMENTS, departmentAgency, departmentSpec } from './agencies/departments';
import { wechatPlatform } from './platforms/wechat';
import { alipayPlatform } from './platforms/alipay';
import { baiduPlatform } from './platforms/baidu';

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
  const data = world ?? generateWorld({ seed: config.MOCK_SEED, people: config.MOCK_PEOPLE, vehicles: config.MOCK_VEHICLES });
  const faults = new FaultBoard(config.MOCK_LATENCY_MS);
  faults.applySpec(config.MOCK_FAULTS);
  const sms = new SmsGateway();
  const pace = { paceMs: config.MOCK_DEPARTMENT_PACE_MS };
  const socialInsuranceDesk = new ApplicationDesk(departmentSpec('social-insurance'), pace);
  const providentFundDesk = new ApplicationDesk(departmentSpec('provident-fund'), pace);
  const departmentAgencies = DEPARTMENTS.filter((d) => d !== socialInsuranceDesk.spec && d !== providentFundDesk.spec).map((spec) => departmentAgency(spec, pace));
  const desks = [providentFundDesk, socialInsuranceDesk, ...departmentAgencies.map((a) => a.desk)];
  const agencies: Agency[] = [
    populationAgency(data),
    vehicleAgency(data, sms, () => faults.get('sms').mode !== 'ok' || faults.get('sms').errorRate >= 1),
    socialInsuranceAgency(data, socialInsuranceDesk),
    providentFundAgency(data, providentFundDesk),
    licencesAgency(data),
    ...departmentAgencies,
    smsAgency(sms),
    wechatPlatform(data, config),
    alipayPlatform(data, config),
    baiduPlatform(data, config),
  ];
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
    if (!ctx.path.startsWith('/admin/')) calls.set(`${ctx.method} ${ctx.path}`, (calls.get(`${ctx.method} ${ctx.path}`) ?? 0) + 1);
    await next();
  });

  const root = new Router();
  root.get('/', (ctx) => {
    ctx.body = {
      agencies: agencies.map((a) => ({ name: a.name, title: a.title, openapi: `/openapi/${a.name}.json` })),
      departments: desks.map(({ spec }) => ({ name: spec.name, title: spec.title, titleZh: spec.titleZh, receiptPrefix: spec.receiptPrefix, openapi: `/openapi/${spec.name}.json` })),
      seed: data.seed, people: data.people.length, vehicles: data.vehicles.length,
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
      (change.mode === undefined || ['ok', 'down', 'hang'].includes(change.mode)) &&
      (change.latencyMs === undefined || (Number.isFinite(change.latencyMs) && change.latencyMs >= 0)) &&
      (change.errorRate === undefined || (Number.isFinite(change.errorRate) && change.errorRate >= 0 && change.errorRate <= 1));
    if (!valid) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: `agency must be one of ${names.join(', ')}; mode ok|down|hang; latencyMs >= 0; errorRate 0-1` };
      return;
    }
    // Drop undefined keys that would overwrite settings the caller did not name.
    ctx.body = faults.set(ctx.params.agency, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
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
    mount.use(agency.router.routes(), agency.router.allowedMethods());
    app.use(mount.routes()).use(mount.allowedMethods());
  }
  return { app, world: data, faults, sms, agencies, departments: desks, close: () => desks.forEach((desk) => desk.close()) };
}
