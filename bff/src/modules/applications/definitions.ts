import type { DepartmentCode, FormField, FormSchema, LicenceKind, PrefillSource } from '@citizen/shared';
import type { ServiceDefinitionTable } from '../../db/schema';

/**
 * The services a new city can apply for online from day one, with their forms.
 * Operators change definitions later; this only fills an empty database. Department
 * codes are the agencies' names (each a system of its own, reached over HTTP).
 */
// Department names live in shared (one copy for the BFF, the app and documents).
export { DEPARTMENTS, isDepartment, type DepartmentCode } from '@citizen/shared';

export interface Material {
  id: string;
  name: string;
  nameEn: string;
  licenceKind?: LicenceKind;
  fieldId?: string;
  required: boolean;
}

export interface ServiceDefinition {
  id: string;
  title: string;
  titleEn: string;
  categoryId: string;
  lines: Array<'DO' | 'INQUIRE' | 'BOOK' | 'ASK'>;
  description: string;
  descriptionEn: string;
  requiredLevel: number;
  departments: DepartmentCode[];
  promisedDays: number;
  fees: string;
  feesEn: string;
  materials: Material[];
  form: FormSchema;
  /** How the fee is computed from the answers (payments/fees.ts); absent: free. */
  feeRule?: FeeRule | null;
  /** The 办事指南, written in the console; absent for services seeded before it. */
  guide?: ServiceGuide | null;
  /** The published version this is (service_versions); null only before migration 0023. */
  version?: number | null;
}

/** The service guide (办事指南) as 粤省事-class platforms publish it: every text in Chinese and English. */
export interface ServiceGuide {
  /** 事项编码 */
  itemCode: string;
  legalBasis: string;
  legalBasisEn: string;
  /** Who may apply and on what conditions. */
  eligibility: string;
  eligibilityEn: string;
  statutoryDays: number;
  feeBasis: string;
  feeBasisEn: string;
  place: string;
  placeEn: string;
  hours: string;
  hoursEn: string;
  enquiryPhone: string;
  complaintPhone: string;
  /** What the applicant gets, and how it reaches them. */
  result: string;
  resultEn: string;
  delivery: string;
  deliveryEn: string;
  /** Times the applicant must come in person (0: none). */
  visits: number;
}

/** A fee: `unitFen` once, or times the number in the answer `quantityField`. */
export interface FeeRule {
  itemCode: string;
  itemName: string;
  itemNameEn: string;
  unitFen: number;
  quantityField?: string;
  maxQuantity?: number;
}

// Fields many forms share: what the register and our own records already hold.
const F = {
  name: {
    id: 'name',
    type: 'text',
    label: '姓名',
    labelEn: 'Name',
    required: true,
    prefill: { source: 'population', path: 'name' },
  },
  idNumber: {
    id: 'idNumber',
    type: 'idNumber',
    label: '身份证号',
    labelEn: 'ID number',
    required: true,
    prefill: { source: 'population', path: 'idNumber' },
  },
  address: {
    id: 'address',
    type: 'address',
    label: '户籍地址',
    labelEn: 'Registered address',
    required: true,
    prefill: { source: 'population', path: 'address' },
  },
  phone: {
    id: 'phone',
    type: 'phone',
    label: '联系电话',
    labelEn: 'Phone',
    required: true,
    prefill: { source: 'account', path: 'phone' },
  },
  bankAccount: {
    id: 'bankAccount',
    type: 'text',
    label: '收款银行卡号',
    labelEn: 'Bank card number',
    required: true,
    pattern: '\\d{16,19}',
    patternMessage: '银行卡号为16至19位数字',
    patternMessageEn: 'A bank card number has 16 to 19 digits.',
  },
  remark: { id: 'remark', type: 'text', label: '备注', labelEn: 'Remarks', maxLength: 200 },
} satisfies Record<string, FormField>;

const image = (id: string, label: string, labelEn: string, required = true): FormField => ({
  id,
  type: 'file',
  label,
  labelEn,
  required,
  accept: ['image/jpeg', 'image/png'],
  maxBytes: 5 * 1024 * 1024,
});
const option = (value: string, label: string, labelEn: string) => ({ value, label, labelEn });
/** A choice among the citizen's own records (issue 19): one is filled in, several are offered, none falls back to typing. */
const record = (
  id: string,
  label: string,
  labelEn: string,
  source: PrefillSource,
  list: string,
  key: string,
  shown: string,
): FormField => ({
  id,
  type: 'record',
  label,
  labelEn,
  required: true,
  prefill: { source, path: list },
  record: { key, label: shown },
});
/** What only the citizen can say: typed by design (issue 19 counts these apart). */
const declared = (field: FormField): FormField => ({ ...field, declaration: true });

export const SERVICE_DEFINITIONS: ServiceDefinition[] = [
  {
    id: 'pf-withdraw-purchase',
    title: '购房提取公积金',
    titleEn: 'Withdraw for a home purchase',
    categoryId: 'provident-fund',
    lines: ['DO'],
    description:
      '购买本市自住住房的缴存人，可提取本人住房公积金账户余额。账户信息由公积金中心自动带出，无需提交身份证复印件。',
    descriptionEn:
      'Contributors who bought a home to live in here may withdraw their provident fund balance. Account details come from the fund centre; no ID copy is needed.',
    requiredLevel: 3,
    departments: ['provident-fund'],
    promisedDays: 3,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'property',
        name: '不动产权证书（不动产登记中心电子记录，自动调取）',
        nameEn: 'Property certificate (read from the real estate registry)',
        fieldId: 'property',
        required: true,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        {
          id: 'fundAccount',
          type: 'text',
          label: '公积金账号',
          labelEn: 'Fund account',
          required: true,
          prefill: { source: 'provident-fund', path: 'accountNumber' },
        },
        {
          id: 'employer',
          type: 'text',
          label: '缴存单位',
          labelEn: 'Employer',
          required: true,
          prefill: { source: 'provident-fund', path: 'employer' },
        },
        {
          id: 'balance',
          type: 'amount',
          label: '账户余额（元）',
          labelEn: 'Balance (yuan)',
          prefill: { source: 'provident-fund', path: 'balance' },
        },
        record('property', '所购房屋', 'Home bought', 'real-estate', 'properties', 'certificateNumber', 'address'),
        {
          id: 'propertyAddress',
          type: 'address',
          label: '房屋坐落',
          labelEn: 'Property address',
          required: true,
          minLength: 5,
          prefill: { source: 'real-estate', path: 'address', from: 'property' },
        },
        {
          id: 'purchaseDate',
          type: 'date',
          label: '购房日期',
          labelEn: 'Purchase date',
          required: true,
          minDate: '-5y',
          maxDate: 'today',
          prefill: { source: 'real-estate', path: 'purchasedOn', from: 'property' },
        },
        {
          id: 'purchasePrice',
          type: 'amount',
          label: '购房总价（元）',
          labelEn: 'Price (yuan)',
          required: true,
          min: 10000,
          max: 100000000,
          prefill: { source: 'real-estate', path: 'purchasePrice', from: 'property' },
        },
        {
          id: 'contractNumber',
          type: 'text',
          label: '网签合同备案号',
          labelEn: 'Registered contract number',
          maxLength: 40,
          prefill: { source: 'real-estate', path: 'contractNumber', from: 'property' },
        },
        {
          id: 'amount',
          type: 'amount',
          label: '提取金额（元）',
          labelEn: 'Amount to withdraw (yuan)',
          required: true,
          min: 1,
          max: 10000000,
        },
        F.bankAccount,
        F.remark,
      ],
    },
  },
  {
    id: 'pf-withdraw-rent',
    title: '租房提取公积金',
    titleEn: 'Withdraw for rent',
    categoryId: 'provident-fund',
    lines: ['DO'],
    description: '在本市无自有住房且租房自住的缴存人，可按月租金提取住房公积金。',
    descriptionEn: 'Contributors renting a home here with no home of their own may withdraw for rent.',
    requiredLevel: 3,
    departments: ['provident-fund'],
    promisedDays: 1,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'registered-lease',
        name: '住房租赁登记备案（住建局电子记录，自动调取）',
        nameEn: 'Registered lease (read from the housing bureau)',
        fieldId: 'registeredLease',
        required: false,
      },
      {
        id: 'lease',
        name: '租赁合同（未备案的提供）',
        nameEn: 'Lease (when not registered)',
        fieldId: 'lease',
        required: false,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        {
          id: 'fundAccount',
          type: 'text',
          label: '公积金账号',
          labelEn: 'Fund account',
          required: true,
          prefill: { source: 'provident-fund', path: 'accountNumber' },
        },
        record(
          'registeredLease',
          '备案租赁合同',
          'Registered lease',
          'housing',
          'leases',
          'registrationNumber',
          'address',
        ),
        {
          id: 'rentAddress',
          type: 'address',
          label: '租住地址',
          labelEn: 'Rented home address',
          required: true,
          minLength: 5,
          prefill: { source: 'housing', path: 'address', from: 'registeredLease' },
        },
        {
          id: 'monthlyRent',
          type: 'amount',
          label: '月租金（元）',
          labelEn: 'Monthly rent (yuan)',
          required: true,
          min: 100,
          max: 100000,
          prefill: { source: 'housing', path: 'monthlyRent', from: 'registeredLease' },
        },
        // A lease that was never registered is the citizen's own paper, not a government record.
        declared({
          ...image('lease', '租赁合同照片（未备案的上传）', 'Photo of the lease (when not registered)', false),
        }),
        F.bankAccount,
        F.remark,
      ],
    },
  },
  {
    id: 'si-payment-record',
    title: '社保缴费证明',
    titleEn: 'Social insurance payment record',
    categoryId: 'social-insurance',
    lines: ['INQUIRE', 'DO'],
    description: '开具本人社会保险参保缴费证明，可用于购房、落户、子女入学等。电子证明带电子签章，与纸质证明同等效力。',
    descriptionEn:
      'A certified record of your social insurance payments, for home purchase, residence or school places. The electronic record is signed and counts as paper.',
    requiredLevel: 2,
    departments: ['social-insurance'],
    promisedDays: 1,
    fees: '免费',
    feesEn: 'Free',
    materials: [],
    form: {
      fields: [
        F.name,
        F.idNumber,
        {
          id: 'insuredCity',
          type: 'text',
          label: '参保地',
          labelEn: 'Insured in',
          required: true,
          prefill: { source: 'social-insurance', path: 'insuredCity' },
        },
        {
          id: 'months',
          type: 'select',
          label: '证明期间',
          labelEn: 'Period',
          required: true,
          options: [
            option('6', '近6个月', 'Last 6 months'),
            option('12', '近12个月', 'Last 12 months'),
            option('24', '近24个月', 'Last 24 months'),
            option('60', '近60个月', 'Last 60 months'),
          ],
        },
        {
          id: 'purpose',
          type: 'select',
          label: '用途',
          labelEn: 'Purpose',
          required: true,
          options: [
            option('home', '购房', 'Home purchase'),
            option('residence', '落户', 'Residence'),
            option('school', '子女入学', 'School place'),
            option('other', '其他', 'Other'),
          ],
        },
        {
          id: 'purposeOther',
          type: 'text',
          label: '其他用途说明',
          labelEn: 'Other purpose',
          required: true,
          maxLength: 50,
          visibleWhen: { field: 'purpose', equals: ['other'] },
        },
        {
          id: 'delivery',
          type: 'select',
          label: '领取方式',
          labelEn: 'Delivery',
          required: true,
          options: [option('electronic', '电子证明', 'Electronic'), option('post', '邮寄纸质证明', 'Paper by post')],
        },
        {
          id: 'postAddress',
          type: 'address',
          label: '邮寄地址',
          labelEn: 'Postal address',
          required: true,
          minLength: 5,
          visibleWhen: { field: 'delivery', equals: ['post'] },
        },
        F.remark,
      ],
    },
  },
  {
    id: 'school-enrolment',
    title: '小学新生入学报名',
    titleEn: 'Primary school enrolment',
    categoryId: 'education',
    lines: ['DO'],
    description: '适龄儿童（当年8月31日前满6周岁）小学一年级入学报名。户籍信息由公安部门自动核验，无需上传户口簿。',
    descriptionEn:
      'Enrolment for children who turn six by 31 August. Household records are checked with the police; no household book upload is needed.',
    requiredLevel: 2,
    departments: ['education'],
    promisedDays: 10,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'residence',
        name: '居住证明（非户籍地居住的提供）',
        nameEn: 'Proof of residence (when living away from the registered address)',
        fieldId: 'residenceProof',
        required: false,
      },
    ],
    form: {
      fields: [
        { ...F.name, label: '监护人姓名', labelEn: 'Guardian’s name' },
        { ...F.idNumber, label: '监护人身份证号', labelEn: 'Guardian’s ID number' },
        F.phone,
        F.address,
        record(
          'child',
          '入学儿童（户籍登记的子女）',
          'Child (registered in your household)',
          'household',
          'children',
          'idNumber',
          'name',
        ),
        {
          id: 'childName',
          type: 'text',
          label: '儿童姓名',
          labelEn: 'Child’s name',
          required: true,
          pattern: '[\\u4e00-\\u9fa5·]{2,20}',
          patternMessage: '请填写2至20个汉字',
          patternMessageEn: 'Use 2 to 20 Chinese characters.',
          prefill: { source: 'household', path: 'name', from: 'child' },
        },
        {
          id: 'childIdNumber',
          type: 'idNumber',
          label: '儿童身份证号',
          labelEn: 'Child’s ID number',
          required: true,
          prefill: { source: 'household', path: 'idNumber', from: 'child' },
        },
        {
          id: 'relation',
          type: 'select',
          label: '与儿童关系',
          labelEn: 'Relation to the child',
          required: true,
          options: [
            option('father', '父亲', 'Father'),
            option('mother', '母亲', 'Mother'),
            option('guardian', '其他监护人', 'Other guardian'),
          ],
        },
        {
          id: 'school',
          type: 'select',
          label: '报名学校',
          labelEn: 'School',
          required: true,
          options: [
            option('s1', '实验小学', 'Experimental Primary'),
            option('s2', '第一小学', 'No. 1 Primary'),
            option('s3', '外国语学校附属小学', 'Foreign Languages Primary'),
          ],
        },
        {
          id: 'livesAtRegisteredAddress',
          type: 'select',
          label: '是否在户籍地址居住',
          labelEn: 'Living at the registered address?',
          required: true,
          options: [option('yes', '是', 'Yes'), option('no', '否', 'No')],
        },
        declared({
          ...image('residenceProof', '居住证明照片', 'Photo of the proof of residence'),
          visibleWhen: { field: 'livesAtRegisteredAddress', equals: ['no'] },
        }),
        F.remark,
      ],
    },
  },
  {
    id: 'deed-tax-subsidy',
    title: '契税补贴申领',
    titleEn: 'Deed tax subsidy',
    categoryId: 'housing',
    lines: ['DO'],
    description: '在本市购买首套住房并已缴纳契税的家庭，可申领契税补贴，补贴直接发放至本人银行卡。',
    descriptionEn: 'Households that paid deed tax on a first home here may claim a subsidy, paid to their bank card.',
    requiredLevel: 2,
    departments: ['tax'],
    promisedDays: 15,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'invoice',
        name: '契税完税凭证（税务局电子记录，自动调取）',
        nameEn: 'Deed tax receipt (read from the tax bureau)',
        fieldId: 'deedTax',
        required: true,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        record('deedTax', '契税完税凭证', 'Deed tax payment', 'tax', 'deedTaxPayments', 'voucherNumber', 'address'),
        {
          prefill: { source: 'tax', path: 'certificateNumber', from: 'deedTax' },
          id: 'certificateNo',
          type: 'text',
          label: '不动产权证号',
          labelEn: 'Property certificate number',
          required: true,
          pattern: '[\\u4e00-\\u9fa5]{1,3}\\(\\d{4}\\)[\\u4e00-\\u9fa5]{1,10}不动产权第\\d{7}号',
          patternMessage: '格式如：粤(2026)深圳市不动产权第0012345号',
          patternMessageEn: 'Like 粤(2026)深圳市不动产权第0012345号.',
        },
        {
          id: 'propertyAddress',
          type: 'address',
          label: '房屋坐落',
          labelEn: 'Property address',
          required: true,
          minLength: 5,
          prefill: { source: 'tax', path: 'address', from: 'deedTax' },
        },
        {
          id: 'deedTaxPaid',
          type: 'amount',
          label: '已缴契税（元）',
          labelEn: 'Deed tax paid (yuan)',
          required: true,
          min: 1,
          max: 10000000,
          prefill: { source: 'tax', path: 'amount', from: 'deedTax' },
        },
        {
          id: 'paidOn',
          type: 'date',
          label: '缴税日期',
          labelEn: 'Paid on',
          required: true,
          minDate: '-1y',
          maxDate: 'today',
          prefill: { source: 'tax', path: 'paidOn', from: 'deedTax' },
        },
        F.bankAccount,
        F.remark,
      ],
    },
  },
  {
    id: 'public-rental-housing',
    title: '公租房申请',
    titleEn: 'Public rental housing',
    categoryId: 'housing',
    lines: ['DO'],
    description: '本市户籍、无自有住房且收入符合标准的家庭，可申请公共租赁住房。收入与住房情况由相关部门联网核查。',
    descriptionEn:
      'Households registered here without a home and within the income limit may apply. Income and housing are checked with the departments.',
    requiredLevel: 2,
    departments: ['housing'],
    promisedDays: 20,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'income',
        name: '收入情况（税务局个人所得税记录，自动调取）',
        nameEn: 'Income (read from the tax bureau’s income tax records)',
        fieldId: 'monthlyIncome',
        required: true,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        F.address,
        {
          id: 'householdSize',
          type: 'number',
          label: '家庭人数',
          labelEn: 'People in the household',
          required: true,
          min: 1,
          max: 10,
          prefill: { source: 'household', path: 'size' },
        },
        {
          id: 'monthlyIncome',
          type: 'amount',
          label: '申请人月均收入（元，上年度个税记录）',
          labelEn: 'Applicant’s monthly income (yuan, last year’s income tax)',
          required: true,
          min: 0,
          max: 100000,
          prefill: { source: 'tax', path: 'monthlyIncome' },
        },
        {
          prefill: { source: 'civil-affairs', path: 'maritalStatus' },
          id: 'maritalStatus',
          type: 'select',
          label: '婚姻状况',
          labelEn: 'Marital status',
          required: true,
          options: [
            option('single', '未婚', 'Single'),
            option('married', '已婚', 'Married'),
            option('divorced', '离异', 'Divorced'),
            option('widowed', '丧偶', 'Widowed'),
          ],
        },
        {
          id: 'spouseName',
          type: 'text',
          label: '配偶姓名',
          labelEn: 'Spouse’s name',
          required: true,
          maxLength: 20,
          visibleWhen: { field: 'maritalStatus', equals: ['married'] },
          prefill: { source: 'civil-affairs', path: 'spouseName' },
        },
        {
          id: 'spouseIdNumber',
          type: 'idNumber',
          label: '配偶身份证号',
          labelEn: 'Spouse’s ID number',
          required: true,
          visibleWhen: { field: 'maritalStatus', equals: ['married'] },
          prefill: { source: 'civil-affairs', path: 'spouseIdNumber' },
        },
        {
          id: 'housing',
          type: 'select',
          label: '现住房情况',
          labelEn: 'Current housing',
          required: true,
          options: [
            option('renting', '租房', 'Renting'),
            option('family', '借住亲友', 'With family or friends'),
            option('employer', '单位宿舍', 'Employer dormitory'),
          ],
        },
        F.remark,
      ],
    },
  },
  {
    id: 'individual-business-licence',
    title: '个体工商户营业执照',
    titleEn: 'Individual business licence',
    categoryId: 'business',
    lines: ['DO'],
    description: '个体工商户设立登记，核准后发放电子营业执照。经营者身份以电子身份证照核验，无需上传身份证照片。',
    descriptionEn:
      'Registers a sole trader and issues an electronic business licence. The operator’s identity is checked by electronic ID card: no photo of the card is needed.',
    requiredLevel: 2,
    departments: ['market-regulation'],
    promisedDays: 3,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'id-card',
        name: '经营者身份证明',
        nameEn: 'Operator’s ID',
        licenceKind: 'ID_CARD',
        fieldId: 'idCard',
        required: true,
      },
      {
        id: 'premises',
        name: '经营场所使用证明',
        nameEn: 'Right to use the premises',
        fieldId: 'premisesProof',
        required: true,
      },
    ],
    form: {
      fields: [
        { ...F.name, label: '经营者姓名', labelEn: 'Operator’s name' },
        { ...F.idNumber, label: '经营者身份证号', labelEn: 'Operator’s ID number' },
        F.phone,
        {
          id: 'idCard',
          type: 'licence',
          label: '电子身份证',
          labelEn: 'Electronic ID card',
          required: true,
          licenceKind: 'ID_CARD',
        },
        declared({
          id: 'businessName',
          type: 'text',
          label: '个体户名称',
          labelEn: 'Business name',
          required: true,
          minLength: 2,
          maxLength: 50,
        }),
        declared({
          id: 'businessScope',
          type: 'text',
          label: '经营范围',
          labelEn: 'Business scope',
          required: true,
          maxLength: 200,
        }),
        declared({
          id: 'businessAddress',
          type: 'address',
          label: '经营场所',
          labelEn: 'Premises',
          required: true,
          minLength: 5,
        }),
        declared({
          id: 'capital',
          type: 'amount',
          label: '资金数额（元）',
          labelEn: 'Capital (yuan)',
          required: true,
          min: 0,
          max: 100000000,
        }),
        declared({
          id: 'employees',
          type: 'number',
          label: '从业人数',
          labelEn: 'Employees',
          required: true,
          min: 1,
          max: 200,
        }),
        // A lease or the owner's consent between private parties: the citizen's paper, not a government record.
        declared(image('premisesProof', '场所使用证明照片', 'Photo of the right to use the premises')),
        F.remark,
      ],
    },
  },
  {
    id: 'hk-macao-endorsement',
    title: '往来港澳签注',
    titleEn: 'Hong Kong and Macao endorsement',
    categoryId: 'entry-exit',
    lines: ['DO'],
    description: '持往来港澳通行证的居民办理再次签注，审批通过后可在自助签注机打印或邮寄送达。',
    descriptionEn:
      'A further endorsement on a Hong Kong and Macao travel permit; print it at a kiosk or have it posted once approved.',
    requiredLevel: 3,
    departments: ['exit-entry'],
    promisedDays: 7,
    fees: '每次签注15元',
    feesEn: '15 yuan per endorsement',
    materials: [
      {
        id: 'id-card',
        name: '居民身份证',
        nameEn: 'ID card',
        licenceKind: 'ID_CARD',
        fieldId: 'idCard',
        required: true,
      },
      {
        id: 'photo',
        name: '数码证件照（出入境证件照，自动调取）',
        nameEn: 'Digital ID photo (the certified photo on record)',
        fieldId: 'photo',
        required: true,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        {
          id: 'idCard',
          type: 'licence',
          label: '电子身份证',
          labelEn: 'Electronic ID card',
          required: true,
          licenceKind: 'ID_CARD',
        },
        record(
          'permit',
          '往来港澳通行证',
          'HK and Macao travel permit',
          'exit-entry',
          'permits',
          'permitNumber',
          'validUntil',
        ),
        {
          prefill: { source: 'exit-entry', path: 'permitNumber', from: 'permit' },
          id: 'permitNumber',
          type: 'text',
          label: '通行证号码',
          labelEn: 'Permit number',
          required: true,
          pattern: 'C[0-9A-Z]\\d{7}',
          patternMessage: '通行证号码为C开头的9位，如C12345678',
          patternMessageEn: 'Nine characters starting with C, e.g. C12345678.',
        },
        {
          id: 'endorsementType',
          type: 'select',
          label: '签注种类',
          labelEn: 'Endorsement type',
          required: true,
          options: [
            option('tourism', '个人旅游', 'Individual tourism'),
            option('group', '团队旅游', 'Group tourism'),
            option('family', '探亲', 'Family visit'),
            option('business', '商务', 'Business'),
          ],
        },
        {
          id: 'relativeName',
          type: 'text',
          label: '探望亲属姓名',
          labelEn: 'Relative visited',
          required: true,
          maxLength: 30,
          visibleWhen: { field: 'endorsementType', equals: ['family'] },
        },
        {
          id: 'visits',
          type: 'select',
          label: '签注次数',
          labelEn: 'Visits',
          required: true,
          options: [option('1', '一次', 'One'), option('2', '二次', 'Two')],
        },
        record('photo', '出入境证件照', 'Certified photo on record', 'exit-entry', 'photos', 'photoId', 'takenOn'),
        F.remark,
      ],
    },
  },
  {
    id: 'talent-housing-subsidy',
    title: '人才住房补贴（一件事）',
    titleEn: 'Talent housing subsidy (one thing)',
    categoryId: 'housing',
    lines: ['DO'],
    description: '新引进的全日制本科及以上人才，一次申请，人才、住建、税务部门并联审批，通过后按月发放住房补贴。',
    descriptionEn:
      'One application for new graduates: the talent, housing and tax departments decide in parallel; the subsidy is paid monthly once approved.',
    requiredLevel: 3,
    departments: ['talent', 'housing', 'tax'],
    promisedDays: 15,
    fees: '免费',
    feesEn: 'Free',
    materials: [
      {
        id: 'diploma',
        name: '学历学位证书（学信网电子记录，自动调取）',
        nameEn: 'Degree certificate (read from the education records)',
        fieldId: 'diploma',
        required: true,
      },
    ],
    form: {
      fields: [
        F.name,
        F.idNumber,
        F.phone,
        {
          id: 'insuredCity',
          type: 'text',
          label: '社保参保地',
          labelEn: 'Insured in',
          required: true,
          prefill: { source: 'social-insurance', path: 'insuredCity' },
        },
        {
          id: 'pensionMonths',
          type: 'number',
          label: '累计缴费月数',
          labelEn: 'Months paid',
          prefill: { source: 'social-insurance', path: 'pensionMonths' },
        },
        {
          id: 'employer',
          type: 'text',
          label: '工作单位',
          labelEn: 'Employer',
          required: true,
          prefill: { source: 'provident-fund', path: 'employer' },
        },
        record('diploma', '学历学位证书', 'Degree certificate', 'education', 'degrees', 'certificateNumber', 'school'),
        {
          prefill: { source: 'education', path: 'degree', from: 'diploma' },
          id: 'degree',
          type: 'select',
          label: '最高学历',
          labelEn: 'Highest degree',
          required: true,
          options: [
            option('bachelor', '本科', 'Bachelor'),
            option('master', '硕士', 'Master'),
            option('doctor', '博士', 'Doctorate'),
          ],
        },
        {
          id: 'graduatedOn',
          type: 'date',
          label: '毕业时间',
          labelEn: 'Graduated on',
          required: true,
          minDate: '-40y',
          maxDate: 'today',
          prefill: { source: 'education', path: 'graduatedOn', from: 'diploma' },
        },
        {
          prefill: { source: 'real-estate', path: 'ownsHome' },
          id: 'ownsHome',
          type: 'select',
          label: '本人及配偶在本市是否有自有住房',
          labelEn: 'Do you or your spouse own a home here?',
          required: true,
          options: [option('no', '无', 'No'), option('yes', '有', 'Yes')],
        },
        F.bankAccount,
        F.remark,
      ],
    },
  },
];

/** The row a definition is stored as. */
export function definitionRow(d: ServiceDefinition, now: string): ServiceDefinitionTable {
  return {
    id: d.id,
    title: d.title,
    title_en: d.titleEn,
    category_id: d.categoryId,
    lines: d.lines.join(','),
    description: d.description,
    description_en: d.descriptionEn,
    required_level: d.requiredLevel,
    departments: JSON.stringify(d.departments),
    promised_days: d.promisedDays,
    fees: d.fees,
    fees_en: d.feesEn,
    materials: JSON.stringify(d.materials),
    form: JSON.stringify(d.form),
    status: 'published',
    updated_at: now,
  };
}

/** A stored row read back. */
export function definitionFromRow(row: ServiceDefinitionTable): ServiceDefinition {
  return {
    id: row.id,
    title: row.title,
    titleEn: row.title_en,
    categoryId: row.category_id,
    lines: row.lines.split(',').filter(Boolean) as ServiceDefinition['lines'],
    description: row.description,
    descriptionEn: row.description_en,
    requiredLevel: row.required_level,
    departments: JSON.parse(row.departments),
    promisedDays: row.promised_days,
    fees: row.fees,
    feesEn: row.fees_en,
    materials: JSON.parse(row.materials),
    form: JSON.parse(row.form),
    feeRule: row.fee_rule ? (JSON.parse(row.fee_rule) as FeeRule) : null,
    guide: row.guide ? (JSON.parse(row.guide) as ServiceGuide) : null,
    version: row.version ?? null,
  };
}

/** A published version's snapshot (service_versions.data) read back. */
export function definitionFromSnapshot(data: string, version: number): ServiceDefinition {
  const d = JSON.parse(data) as ServiceDefinition;
  return { ...d, feeRule: d.feeRule ?? null, guide: d.guide ?? null, version };
}
