/**
 * The catalogue a new city starts with: services named in the source material
 * (product.md). Operators change it from the console later; this only fills an
 * empty database.
 */
export const SEED_CATEGORIES = [
  { id: 'social-insurance', name: '社会保障', name_en: 'Social insurance', icon: 'shield' },
  { id: 'medical', name: '医疗保障', name_en: 'Medical security', icon: 'medical' },
  { id: 'provident-fund', name: '住房公积金', name_en: 'Housing provident fund', icon: 'fund' },
  { id: 'transport', name: '交通出行', name_en: 'Transport', icon: 'car' },
  { id: 'entry-exit', name: '出入境', name_en: 'Entry and exit', icon: 'passport' },
  { id: 'qualifications', name: '职业资格', name_en: 'Professional qualifications', icon: 'certificate' },
  { id: 'education', name: '教育服务', name_en: 'Education', icon: 'school' },
  { id: 'housing', name: '住房保障', name_en: 'Housing', icon: 'house' },
  { id: 'civil-affairs', name: '民政婚姻', name_en: 'Civil affairs', icon: 'rings' },
  { id: 'business', name: '企业开办', name_en: 'Business', icon: 'shop' },
  { id: 'living', name: '生活缴费', name_en: 'Living fees', icon: 'bolt' },
  { id: 'health', name: '医疗卫生', name_en: 'Health', icon: 'hospital' },
  { id: 'legal', name: '法律服务', name_en: 'Legal services', icon: 'scale' },
].map((c, i) => ({ ...c, sort_order: (i + 1) * 10 }));

type SeedTile = {
  id: string;
  title: string;
  title_en: string;
  icon: string;
  category_id: string;
  line: 'DO' | 'INQUIRE' | 'BOOK' | 'ASK';
  target_kind: 'SERVICE' | 'PAGE' | 'WEB';
  target_value: string;
  agency: string | null;
  required_level: number;
  badge?: 'NEW' | 'HOT';
  platforms?: string[];
  regions?: string[];
};

const T = (
  id: string,
  title: string,
  title_en: string,
  icon: string,
  category_id: string,
  line: SeedTile['line'],
  agency: string | null,
  required_level: number,
  extra: Partial<SeedTile> = {},
): SeedTile => ({
  id,
  title,
  title_en,
  icon,
  category_id,
  line,
  target_kind: 'SERVICE',
  target_value: id,
  agency,
  required_level,
  ...extra,
});

export const SEED_TILES: SeedTile[] = [
  T(
    'si-payment-record',
    '社保缴费证明',
    'Social insurance payment record',
    'shield',
    'social-insurance',
    'INQUIRE',
    'social-insurance',
    2,
    { badge: 'HOT' },
  ),
  T(
    'si-pension-qualification',
    '养老待遇资格认证',
    'Pension qualification',
    'shield',
    'social-insurance',
    'DO',
    'social-insurance',
    3,
  ),
  T('si-card', '社保卡服务', 'Social security card', 'card', 'social-insurance', 'INQUIRE', 'licences', 2),
  T('medical-card', '医保电子凭证', 'Medical insurance card', 'medical', 'medical', 'INQUIRE', 'social-insurance', 2),
  T(
    'medical-reimbursement',
    '医保报销进度',
    'Reimbursement progress',
    'medical',
    'medical',
    'INQUIRE',
    'social-insurance',
    2,
  ),
  T(
    'pf-balance',
    '公积金余额查询',
    'Provident fund balance',
    'fund',
    'provident-fund',
    'INQUIRE',
    'provident-fund',
    2,
    { badge: 'HOT' },
  ),
  T(
    'pf-withdraw-purchase',
    '购房提取公积金',
    'Withdraw for a home purchase',
    'fund',
    'provident-fund',
    'DO',
    'provident-fund',
    3,
  ),
  T('pf-withdraw-rent', '租房提取公积金', 'Withdraw for rent', 'fund', 'provident-fund', 'DO', 'provident-fund', 3),
  T('car-move', '一键挪车', 'Move a blocking car', 'car', 'transport', 'DO', 'vehicle', 2, {
    target_kind: 'PAGE',
    target_value: '/pages/car-move/index',
    badge: 'HOT',
  }),
  T('vehicle-info', '机动车信息', 'Vehicle information', 'car', 'transport', 'INQUIRE', 'vehicle', 2),
  T('driving-licence', '驾驶证信息', 'Driving licence', 'card', 'transport', 'INQUIRE', 'licences', 2),
  T('traffic-violations', '交通违法查询', 'Traffic violations', 'warning', 'transport', 'INQUIRE', 'vehicle', 2),
  T('realtime-bus', '实时公交', 'Real-time bus', 'bus', 'transport', 'INQUIRE', null, 0),
  T(
    'endorsement-appointment',
    '出入境签注预约',
    'Endorsement appointment',
    'passport',
    'entry-exit',
    'BOOK',
    'population',
    2,
  ),
  T(
    'endorsement-progress',
    '出入境办理进度',
    'Entry-exit progress',
    'passport',
    'entry-exit',
    'INQUIRE',
    'population',
    2,
  ),
  T(
    'qualification-query',
    '职业资格证书查询',
    'Qualification certificates',
    'certificate',
    'qualifications',
    'INQUIRE',
    'licences',
    2,
  ),
  T('school-enrolment', '小学新生入学报名', 'Primary school enrolment', 'school', 'education', 'DO', 'population', 2, {
    badge: 'NEW',
  }),
  T('public-rental-housing', '公租房申请', 'Public rental housing', 'house', 'housing', 'DO', 'population', 2),
  T('deed-tax-subsidy', '契税补贴申领', 'Deed tax subsidy', 'house', 'housing', 'DO', 'population', 2),
  T('talent-housing-subsidy', '人才住房补贴', 'Talent housing subsidy', 'house', 'housing', 'DO', 'population', 3, {
    badge: 'NEW',
  }),
  T('real-estate-query', '不动产登记查询', 'Real estate registration', 'house', 'housing', 'INQUIRE', null, 2),
  T(
    'marriage-appointment',
    '婚姻登记预约',
    'Marriage registration appointment',
    'rings',
    'civil-affairs',
    'BOOK',
    'population',
    2,
  ),
  T(
    'individual-business-licence',
    '个体工商户营业执照',
    'Individual business licence',
    'shop',
    'business',
    'DO',
    'licences',
    2,
  ),
  T('business-licence-query', '营业执照查询', 'Business licence query', 'shop', 'business', 'INQUIRE', 'licences', 1),
  T('water-fee', '水费缴纳', 'Water bill', 'water', 'living', 'DO', null, 1),
  T('power-fee', '电费缴纳', 'Electricity bill', 'bolt', 'living', 'DO', null, 1),
  T('gas-fee', '燃气费缴纳', 'Gas bill', 'flame', 'living', 'DO', null, 1),
  T('hospital-registration', '医院预约挂号', 'Hospital appointment', 'hospital', 'health', 'BOOK', null, 2),
  T('vaccination-record', '疫苗接种记录', 'Vaccination record', 'medical', 'health', 'INQUIRE', 'population', 2),
  T(
    'administrative-reconsideration',
    '行政复议申请',
    'Administrative reconsideration',
    'scale',
    'legal',
    'DO',
    'population',
    2,
  ),
  T('hotline-12345', '12345热线', '12345 hotline', 'phone', 'legal', 'ASK', null, 0),
  T('policy-qa', '政策问答', 'Policy questions', 'chat', 'legal', 'ASK', null, 0),
  T('legal-aid', '法律援助咨询', 'Legal aid', 'scale', 'legal', 'ASK', null, 0),
  T('my-licences', '我的电子证照', 'My electronic licences', 'card', 'qualifications', 'INQUIRE', 'licences', 2, {
    target_kind: 'PAGE',
    target_value: '/pages/licences/index',
  }),
  // Regional tiles: only where the local system exists.
  T(
    'shenzhen-talent-points',
    '深圳人才引进积分',
    'Shenzhen talent points',
    'certificate',
    'qualifications',
    'INQUIRE',
    null,
    2,
    { regions: ['440300'] },
  ),
  T('fuzhou-metro', '福州地铁乘车码', 'Fuzhou metro QR code', 'bus', 'transport', 'DO', null, 1, {
    regions: ['350100'],
    platforms: ['WECHAT', 'ALIPAY', 'H5'],
  }),
];
