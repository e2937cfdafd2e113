import type { Context } from '../../context';
import { chinaCalendar } from '../../time/chinaTime';
import { heldLicences, licenceTitle } from '../agency-records/licences';
import { agencyError, type RecordHolder } from './service';
import type { RecordKind } from './loaders';

/** How far ahead the dashboard looks. */
const APPOINTMENT_DAYS = 7;
const LICENCE_EXPIRY_DAYS = 60;
const INSPECTION_DAYS = 30;

/** Made once: toLocaleString with options builds a new formatter on every call (4% of a dashboard's CPU, issue 12). */
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234567 fen → "12,345.67": thousands separators, two decimals. */
export const yuan = (cents: number): string => YUAN.format(cents / 100);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);

export interface Todo {
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  dueOn: string | null;
}

interface Summary {
  kind: RecordKind;
  text: string;
  textEn: string;
  link: string;
}

const link = (kind: RecordKind) => `/pages/records/index?type=${kind}`;

/** One line per record kind; each line is its own promise, so one agency down nulls its line only. */
function summaries(ctx: Context, holder: RecordHolder): Array<Promise<Summary>> {
  const l = ctx.loaders.citizenRecords;
  const line = async (kind: RecordKind, make: () => Promise<[string, string]>): Promise<Summary> => {
    const [text, textEn] = await make();
    return { kind, text, textEn, link: link(kind) };
  };
  return [
    line('providentFund', async () => {
      const pf = await ctx.records.providentFund(l, holder);
      if (!pf.hasAccount) return ['未查询到公积金账户', 'No provident fund account'];
      return [
        `余额 ${yuan(Number(pf.balanceCents))} 元${pf.loan ? ' · 有贷款' : ''}`,
        `Balance ${yuan(Number(pf.balanceCents))} yuan${pf.loan ? ' · loan' : ''}`,
      ];
    }),
    line('socialInsurance', async () => {
      const si = await ctx.records.socialInsurance(l, holder);
      if (!si.insured) return ['未查询到参保记录', 'Not insured'];
      return [
        `${si.insuredCity}参保 · 累计 ${si.cumulativeMonths} 个月`,
        `Insured in ${si.insuredCity} · ${si.cumulativeMonths} months`,
      ];
    }),
    line('medicalInsurance', async () => {
      const mi = await ctx.records.medicalInsurance(l, holder);
      if (!mi.member) return ['未查询到医保记录', 'No medical insurance'];
      const open = mi.claims.filter((c) => c.stage === 'SUBMITTED' || c.stage === 'REVIEWING').length;
      return [
        `报销 ${mi.claims.length} 笔${open ? `，${open} 笔办理中` : ''}`,
        `${mi.claims.length} claims${open ? `, ${open} in progress` : ''}`,
      ];
    }),
    line('driving', async () => {
      const d = await ctx.records.driving(l, holder);
      const open = d.violations.filter((v) => !v.handled).length;
      if (!d.licence && d.vehicles.length === 0) return ['未查询到驾驶证和车辆', 'No driving licence or vehicle'];
      return [
        `${d.licence ? `驾驶证剩余 ${d.licence.pointsLeft} 分 · ` : ''}${d.vehicles.length} 辆车 · ${open} 条未处理违法`,
        `${d.licence ? `${d.licence.pointsLeft} points left · ` : ''}${d.vehicles.length} vehicles · ${open} unhandled violations`,
      ];
    }),
    line('exitEntry', async () => {
      const open = (await ctx.records.exitEntry(l, holder)).filter((a) => a.stage !== 'COLLECTED').length;
      return open
        ? [`${open} 件出入境证件办理中`, `${open} exit-entry applications in progress`]
        : ['暂无办理中的出入境证件', 'No exit-entry application in progress'];
    }),
    line('qualifications', async () => {
      const n = (await ctx.records.qualifications(l, holder)).length;
      return [n ? `${n} 本职业资格证书` : '暂无职业资格证书', `${n} qualification certificates`];
    }),
    line('realEstate', async () => {
      const n = (await ctx.records.realEstate(l, holder)).length;
      return [n ? `${n} 处不动产登记` : '暂无不动产登记', `${n} property registrations`];
    }),
    line('vaccinations', async () => {
      const list = await ctx.records.vaccinations(l, holder);
      const last = list
        .map((v) => String(v.date))
        .sort()
        .at(-1);
      return [
        `接种 ${list.length} 剂次${last ? `，最近 ${last}` : ''}`,
        `${list.length} doses${last ? `, last on ${last}` : ''}`,
      ];
    }),
  ];
}

/**
 * 我的 at a glance. Every agency is read once (the loaders the summaries share), in
 * parallel with the database reads; an agency that fails takes away its summary line
 * (null, with its error) and is named in `incomplete` when todos depended on it.
 */
/** Dashboard's parent: its summaries stay promises, so one agency's failure is one null summary (bff/src/mappers.ts). */
export type DashboardView = Awaited<ReturnType<typeof dashboard>>;

export async function dashboard(ctx: Context) {
  const account = await ctx.auth.account();
  const holder = await ctx.records.holder(account);
  const today = chinaCalendar(ctx.now()).day;
  const lines = summaries(ctx, holder);
  // The lines' errors are reported at their own paths; here they must not go unhandled.
  for (const line of lines) line.catch(() => undefined);
  const incomplete: string[] = [];
  const [needingInformation, appointments, unread, licences, driving] = await Promise.all([
    ctx.applications.needingInformation(account),
    ctx.appointments.mine(account),
    ctx.messages.unread(holder.citizenId),
    heldLicences({ idNumber: holder.idNumber }, ctx.loaders.records).catch((error) => {
      incomplete.push(agencyError(error, 'licences').details.agency as string);
      return null;
    }),
    ctx.records.driving(ctx.loaders.citizenRecords, holder).catch(() => {
      incomplete.push('traffic-police');
      return null;
    }),
  ]);
  const todos: Todo[] = [];
  for (const app of needingInformation) {
    todos.push({
      kind: 'APPLICATION_NEEDS_INFO',
      title: `${app.definition.title}需要补充材料`,
      titleEn: `${app.definition.titleEn}: more information needed`,
      link: `/pages/application/index?id=${app.row.id}`,
      dueOn: null,
    });
  }
  const soon = new Date(ctx.now().getTime() + APPOINTMENT_DAYS * 864e5).toISOString();
  const nowIso = ctx.now().toISOString();
  for (const a of appointments.filter((x) => x.status === 'BOOKED' && x.starts_at > nowIso && x.starts_at <= soon)) {
    todos.push({
      kind: 'APPOINTMENT_SOON',
      title: `${a.service.title}预约：${a.hall.name}`,
      titleEn: `${a.service.titleEn} at ${a.hall.name_en}`,
      link: '/pages/appointments/index',
      dueOn: chinaCalendar(new Date(a.starts_at)).day,
    });
  }
  for (const licence of licences ?? []) {
    if (!licence.validUntil || licence.validUntil > addDays(today, LICENCE_EXPIRY_DAYS)) continue;
    const title = licenceTitle(licence.kind);
    const expired = licence.validUntil < today;
    todos.push({
      kind: 'LICENCE_EXPIRING',
      title: `${title.zh}${expired ? '已过期' : '即将到期'}`,
      titleEn: `${title.en} ${expired ? 'has expired' : 'expires soon'}`,
      link: '/pages/licences/index',
      dueOn: licence.validUntil,
    });
  }
  for (const vehicle of driving?.vehicles ?? []) {
    if (vehicle.inspectionDue > addDays(today, INSPECTION_DAYS)) continue;
    todos.push({
      kind: 'VEHICLE_INSPECTION_DUE',
      title: `${vehicle.plateMasked} 年检${vehicle.inspectionDue < today ? '已逾期' : '即将到期'}`,
      titleEn: `${vehicle.plateMasked}: inspection ${vehicle.inspectionDue < today ? 'overdue' : 'due soon'}`,
      link: link('driving'),
      dueOn: vehicle.inspectionDue,
    });
  }
  const violations = (driving?.violations ?? []).filter((v) => !v.handled);
  if (violations.length) {
    todos.push({
      kind: 'VIOLATION_UNHANDLED',
      title: `${violations.length} 条交通违法未处理`,
      titleEn: `${violations.length} traffic violations to handle`,
      link: link('driving'),
      dueOn: null,
    });
  }
  if (unread > 0)
    todos.push({
      kind: 'UNREAD_MESSAGES',
      title: `${unread} 条未读消息`,
      titleEn: `${unread} unread messages`,
      link: '/pages/messages/index',
      dueOn: null,
    });
  return { todos, incomplete, summaries: lines };
}
