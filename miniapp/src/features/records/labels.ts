import { t } from '../../preferences';

/**
 * Words of the records screens, Chinese and English side by side: the record kinds'
 * titles, the agencies' short names (for "社保中心暂时无法访问"), stages and statuses.
 */
export const RECORD_TYPES = [
  'providentFund',
  'socialInsurance',
  'medicalInsurance',
  'driving',
  'exitEntry',
  'qualifications',
  'realEstate',
  'vaccinations',
  'business',
  'bus',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const TYPE_TITLES: Record<RecordType, readonly [string, string]> = {
  providentFund: ['公积金', 'Provident fund'],
  socialInsurance: ['社保', 'Social insurance'],
  medicalInsurance: ['医保', 'Medical insurance'],
  driving: ['车驾管', 'Vehicles and driving'],
  exitEntry: ['出入境办理进度', 'Exit-entry progress'],
  qualifications: ['职业资格证书', 'Qualifications'],
  realEstate: ['不动产登记', 'Real estate'],
  vaccinations: ['疫苗接种记录', 'Vaccinations'],
  business: ['营业执照查询', 'Business licences'],
  bus: ['实时公交', 'Real-time bus'],
};

const AGENCY_NAMES: Record<string, readonly [string, string]> = {
  'provident-fund': ['公积金中心', 'The provident fund centre'],
  'social-insurance': ['社保中心', 'The social insurance centre'],
  'medical-insurance': ['医保局', 'The medical insurance bureau'],
  'traffic-police': ['交警支队', 'The traffic police'],
  'exit-entry': ['出入境管理局', 'The exit-entry administration'],
  talent: ['人才工作局', 'The talent bureau'],
  'real-estate': ['不动产登记中心', 'The real estate registry'],
  health: ['卫生健康委', 'The health commission'],
  licences: ['电子证照库', 'The licence library'],
  'market-regulation': ['市场监管局', 'Market regulation'],
  transit: ['公交集团', 'The bus company'],
  population: ['户籍登记系统', 'The population register'],
};

/** "社保中心暂时无法访问" for an agency named in an error; a general sentence otherwise. */
export function agencyDown(agency: unknown, timeout = false): string {
  const name = typeof agency === 'string' ? AGENCY_NAMES[agency] : undefined;
  if (!name)
    return t(
      '相关部门系统暂时无法访问，请稍后再试',
      'The department’s system cannot be reached right now. Please try again later.',
    );
  return timeout
    ? t(`${name[0]}响应超时，请稍后再试`, `${name[1]} took too long to answer. Please try again later.`)
    : t(`${name[0]}暂时无法访问`, `${name[1]} cannot be reached right now`);
}

/** 1234567 fen → "12,345.67 元" / "12,345.67 yuan": thousands separators, two decimals. */
export function yuan(cents: number): string {
  const text = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return t(`${text} 元`, `${text} yuan`);
}

const WORDS: Record<string, readonly [string, string]> = {
  active: ['正常', 'Active'],
  sealed: ['封存', 'Sealed'],
  suspended: ['暂停', 'Suspended'],
  paid: ['已缴', 'Paid'],
  unpaid: ['未缴', 'Unpaid'],
  repaying: ['还款中', 'Repaying'],
  overdue: ['逾期', 'Overdue'],
  'reported-lost': ['已挂失', 'Reported lost'],
  valid: ['正常', 'Valid'],
  normal: ['正常', 'Normal'],
  'inspection-overdue': ['年检逾期', 'Inspection overdue'],
  pension: ['养老保险', 'Pension'],
  medical: ['医疗保险', 'Medical'],
  unemployment: ['失业保险', 'Unemployment'],
  injury: ['工伤保险', 'Work injury'],
  maternity: ['生育保险', 'Maternity'],
  SUBMITTED: ['已提交', 'Submitted'],
  REVIEWING: ['审核中', 'Under review'],
  APPROVED: ['已核准', 'Approved'],
  PAID: ['已支付', 'Paid'],
  REJECTED: ['未通过', 'Rejected'],
  PASSPORT: ['普通护照', 'Passport'],
  HK_MACAO_PERMIT: ['往来港澳通行证', 'HK/Macao permit'],
  HK_ENDORSEMENT: ['赴港签注', 'Hong Kong endorsement'],
  MACAO_ENDORSEMENT: ['赴澳签注', 'Macao endorsement'],
  ACCEPTED: ['已受理', 'Accepted'],
  MAKING: ['制证中', 'Being made'],
  READY: ['待领取', 'Ready to collect'],
  COLLECTED: ['已领取', 'Collected'],
  revoked: ['吊销', 'Revoked'],
  cancelled: ['注销', 'Cancelled'],
};

/** A status or stage word in the citizen's language (the code itself when unknown). */
export const word = (code: string): string => (WORDS[code] ? t(WORDS[code][0], WORDS[code][1]) : code);
