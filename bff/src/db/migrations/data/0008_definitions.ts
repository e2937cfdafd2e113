/**
 * The service definitions of migration 0008, as stored rows (without updated_at), as it was when its migration shipped: frozen with the migration (migrations never
 * import live module code). What a new city starts with today is loaded by the seeding
 * step (db/seed.ts) from the modules; operators edit the live rows from the console.
 */
export const DEFINITION_ROWS: Array<{
  id: string;
  title: string;
  title_en: string;
  category_id: string;
  lines: string;
  description: string;
  description_en: string;
  required_level: number;
  departments: string;
  promised_days: number;
  fees: string;
  fees_en: string;
  materials: string;
  form: string;
  status: string;
}> = [
  {
    id: 'pf-withdraw-purchase',
    title: '购房提取公积金',
    title_en: 'Withdraw for a home purchase',
    category_id: 'provident-fund',
    lines: 'DO',
    description:
      '购买本市自住住房的缴存人，可提取本人住房公积金账户余额。账户信息由公积金中心自动带出，无需提交身份证复印件。',
    description_en:
      'Contributors who bought a home to live in here may withdraw their provident fund balance. Account details come from the fund centre; no ID copy is needed.',
    required_level: 3,
    departments: '["provident-fund"]',
    promised_days: 3,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"contract","name":"购房合同或不动产权证书","nameEn":"Purchase contract or property certificate","fieldId":"contract","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"fundAccount","type":"text","label":"公积金账号","labelEn":"Fund account","required":true,"prefill":{"source":"provident-fund","path":"accountNumber"}},{"id":"employer","type":"text","label":"缴存单位","labelEn":"Employer","required":true,"prefill":{"source":"provident-fund","path":"employer"}},{"id":"balance","type":"amount","label":"账户余额（元）","labelEn":"Balance (yuan)","prefill":{"source":"provident-fund","path":"balance"}},{"id":"propertyAddress","type":"address","label":"房屋坐落","labelEn":"Property address","required":true,"minLength":5},{"id":"purchaseDate","type":"date","label":"购房日期","labelEn":"Purchase date","required":true,"minDate":"-5y","maxDate":"today"},{"id":"purchasePrice","type":"amount","label":"购房总价（元）","labelEn":"Price (yuan)","required":true,"min":10000,"max":100000000},{"id":"amount","type":"amount","label":"提取金额（元）","labelEn":"Amount to withdraw (yuan)","required":true,"min":1,"max":10000000},{"id":"bankAccount","type":"text","label":"收款银行卡号","labelEn":"Bank card number","required":true,"pattern":"\\\\d{16,19}","patternMessage":"银行卡号为16至19位数字","patternMessageEn":"A bank card number has 16 to 19 digits."},{"id":"contract","type":"file","label":"购房合同照片","labelEn":"Photo of the purchase contract","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'pf-withdraw-rent',
    title: '租房提取公积金',
    title_en: 'Withdraw for rent',
    category_id: 'provident-fund',
    lines: 'DO',
    description: '在本市无自有住房且租房自住的缴存人，可按月租金提取住房公积金。',
    description_en: 'Contributors renting a home here with no home of their own may withdraw for rent.',
    required_level: 3,
    departments: '["provident-fund"]',
    promised_days: 1,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"lease","name":"租赁合同（有备案的可不提供）","nameEn":"Lease (not needed when registered)","fieldId":"lease","required":false}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"fundAccount","type":"text","label":"公积金账号","labelEn":"Fund account","required":true,"prefill":{"source":"provident-fund","path":"accountNumber"}},{"id":"rentAddress","type":"address","label":"租住地址","labelEn":"Rented home address","required":true,"minLength":5},{"id":"monthlyRent","type":"amount","label":"月租金（元）","labelEn":"Monthly rent (yuan)","required":true,"min":100,"max":100000},{"id":"leaseRegistered","type":"select","label":"租赁合同是否已备案","labelEn":"Is the lease registered?","required":true,"options":[{"value":"yes","label":"已备案","labelEn":"Registered"},{"value":"no","label":"未备案","labelEn":"Not registered"}]},{"id":"lease","type":"file","label":"租赁合同照片","labelEn":"Photo of the lease","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880,"visibleWhen":{"field":"leaseRegistered","equals":["no"]}},{"id":"bankAccount","type":"text","label":"收款银行卡号","labelEn":"Bank card number","required":true,"pattern":"\\\\d{16,19}","patternMessage":"银行卡号为16至19位数字","patternMessageEn":"A bank card number has 16 to 19 digits."},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'si-payment-record',
    title: '社保缴费证明',
    title_en: 'Social insurance payment record',
    category_id: 'social-insurance',
    lines: 'INQUIRE,DO',
    description: '开具本人社会保险参保缴费证明，可用于购房、落户、子女入学等。电子证明带电子签章，与纸质证明同等效力。',
    description_en:
      'A certified record of your social insurance payments, for home purchase, residence or school places. The electronic record is signed and counts as paper.',
    required_level: 2,
    departments: '["social-insurance"]',
    promised_days: 1,
    fees: '免费',
    fees_en: 'Free',
    materials: '[]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"insuredCity","type":"text","label":"参保地","labelEn":"Insured in","required":true,"prefill":{"source":"social-insurance","path":"insuredCity"}},{"id":"months","type":"select","label":"证明期间","labelEn":"Period","required":true,"options":[{"value":"6","label":"近6个月","labelEn":"Last 6 months"},{"value":"12","label":"近12个月","labelEn":"Last 12 months"},{"value":"24","label":"近24个月","labelEn":"Last 24 months"},{"value":"60","label":"近60个月","labelEn":"Last 60 months"}]},{"id":"purpose","type":"select","label":"用途","labelEn":"Purpose","required":true,"options":[{"value":"home","label":"购房","labelEn":"Home purchase"},{"value":"residence","label":"落户","labelEn":"Residence"},{"value":"school","label":"子女入学","labelEn":"School place"},{"value":"other","label":"其他","labelEn":"Other"}]},{"id":"purposeOther","type":"text","label":"其他用途说明","labelEn":"Other purpose","required":true,"maxLength":50,"visibleWhen":{"field":"purpose","equals":["other"]}},{"id":"delivery","type":"select","label":"领取方式","labelEn":"Delivery","required":true,"options":[{"value":"electronic","label":"电子证明","labelEn":"Electronic"},{"value":"post","label":"邮寄纸质证明","labelEn":"Paper by post"}]},{"id":"postAddress","type":"address","label":"邮寄地址","labelEn":"Postal address","required":true,"minLength":5,"visibleWhen":{"field":"delivery","equals":["post"]}},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'school-enrolment',
    title: '小学新生入学报名',
    title_en: 'Primary school enrolment',
    category_id: 'education',
    lines: 'DO',
    description: '适龄儿童（当年8月31日前满6周岁）小学一年级入学报名。户籍信息由公安部门自动核验，无需上传户口簿。',
    description_en:
      'Enrolment for children who turn six by 31 August. Household records are checked with the police; no household book upload is needed.',
    required_level: 2,
    departments: '["education"]',
    promised_days: 10,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"residence","name":"居住证明（非户籍地居住的提供）","nameEn":"Proof of residence (when living away from the registered address)","fieldId":"residenceProof","required":false}]',
    form: '{"fields":[{"id":"name","type":"text","label":"监护人姓名","labelEn":"Guardian’s name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"监护人身份证号","labelEn":"Guardian’s ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"address","type":"address","label":"户籍地址","labelEn":"Registered address","required":true,"prefill":{"source":"population","path":"address"}},{"id":"childName","type":"text","label":"儿童姓名","labelEn":"Child’s name","required":true,"pattern":"[\\\\u4e00-\\\\u9fa5·]{2,20}","patternMessage":"请填写2至20个汉字","patternMessageEn":"Use 2 to 20 Chinese characters."},{"id":"childIdNumber","type":"idNumber","label":"儿童身份证号","labelEn":"Child’s ID number","required":true},{"id":"relation","type":"select","label":"与儿童关系","labelEn":"Relation to the child","required":true,"options":[{"value":"father","label":"父亲","labelEn":"Father"},{"value":"mother","label":"母亲","labelEn":"Mother"},{"value":"guardian","label":"其他监护人","labelEn":"Other guardian"}]},{"id":"school","type":"select","label":"报名学校","labelEn":"School","required":true,"options":[{"value":"s1","label":"实验小学","labelEn":"Experimental Primary"},{"value":"s2","label":"第一小学","labelEn":"No. 1 Primary"},{"value":"s3","label":"外国语学校附属小学","labelEn":"Foreign Languages Primary"}]},{"id":"livesAtRegisteredAddress","type":"select","label":"是否在户籍地址居住","labelEn":"Living at the registered address?","required":true,"options":[{"value":"yes","label":"是","labelEn":"Yes"},{"value":"no","label":"否","labelEn":"No"}]},{"id":"residenceProof","type":"file","label":"居住证明照片","labelEn":"Photo of the proof of residence","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880,"visibleWhen":{"field":"livesAtRegisteredAddress","equals":["no"]}},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'deed-tax-subsidy',
    title: '契税补贴申领',
    title_en: 'Deed tax subsidy',
    category_id: 'housing',
    lines: 'DO',
    description: '在本市购买首套住房并已缴纳契税的家庭，可申领契税补贴，补贴直接发放至本人银行卡。',
    description_en: 'Households that paid deed tax on a first home here may claim a subsidy, paid to their bank card.',
    required_level: 2,
    departments: '["tax"]',
    promised_days: 15,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"invoice","name":"契税完税凭证","nameEn":"Deed tax receipt","fieldId":"taxReceipt","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"certificateNo","type":"text","label":"不动产权证号","labelEn":"Property certificate number","required":true,"pattern":"[\\\\u4e00-\\\\u9fa5]{1,3}\\\\(\\\\d{4}\\\\)[\\\\u4e00-\\\\u9fa5]{1,10}不动产权第\\\\d{7}号","patternMessage":"格式如：粤(2026)深圳市不动产权第0012345号","patternMessageEn":"Like 粤(2026)深圳市不动产权第0012345号."},{"id":"propertyAddress","type":"address","label":"房屋坐落","labelEn":"Property address","required":true,"minLength":5},{"id":"deedTaxPaid","type":"amount","label":"已缴契税（元）","labelEn":"Deed tax paid (yuan)","required":true,"min":1,"max":10000000},{"id":"paidOn","type":"date","label":"缴税日期","labelEn":"Paid on","required":true,"minDate":"-1y","maxDate":"today"},{"id":"bankAccount","type":"text","label":"收款银行卡号","labelEn":"Bank card number","required":true,"pattern":"\\\\d{16,19}","patternMessage":"银行卡号为16至19位数字","patternMessageEn":"A bank card number has 16 to 19 digits."},{"id":"taxReceipt","type":"file","label":"完税凭证照片","labelEn":"Photo of the tax receipt","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'public-rental-housing',
    title: '公租房申请',
    title_en: 'Public rental housing',
    category_id: 'housing',
    lines: 'DO',
    description: '本市户籍、无自有住房且收入符合标准的家庭，可申请公共租赁住房。收入与住房情况由相关部门联网核查。',
    description_en:
      'Households registered here without a home and within the income limit may apply. Income and housing are checked with the departments.',
    required_level: 2,
    departments: '["housing"]',
    promised_days: 20,
    fees: '免费',
    fees_en: 'Free',
    materials: '[{"id":"income","name":"收入证明","nameEn":"Proof of income","fieldId":"incomeProof","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"address","type":"address","label":"户籍地址","labelEn":"Registered address","required":true,"prefill":{"source":"population","path":"address"}},{"id":"householdSize","type":"number","label":"家庭人数","labelEn":"People in the household","required":true,"min":1,"max":10},{"id":"monthlyIncome","type":"amount","label":"家庭月收入（元）","labelEn":"Household monthly income (yuan)","required":true,"min":0,"max":100000},{"id":"maritalStatus","type":"select","label":"婚姻状况","labelEn":"Marital status","required":true,"options":[{"value":"single","label":"未婚","labelEn":"Single"},{"value":"married","label":"已婚","labelEn":"Married"},{"value":"divorced","label":"离异","labelEn":"Divorced"},{"value":"widowed","label":"丧偶","labelEn":"Widowed"}]},{"id":"spouseName","type":"text","label":"配偶姓名","labelEn":"Spouse’s name","required":true,"maxLength":20,"visibleWhen":{"field":"maritalStatus","equals":["married"]}},{"id":"spouseIdNumber","type":"idNumber","label":"配偶身份证号","labelEn":"Spouse’s ID number","required":true,"visibleWhen":{"field":"maritalStatus","equals":["married"]}},{"id":"housing","type":"select","label":"现住房情况","labelEn":"Current housing","required":true,"options":[{"value":"renting","label":"租房","labelEn":"Renting"},{"value":"family","label":"借住亲友","labelEn":"With family or friends"},{"value":"employer","label":"单位宿舍","labelEn":"Employer dormitory"}]},{"id":"incomeProof","type":"file","label":"收入证明照片","labelEn":"Photo of the proof of income","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'individual-business-licence',
    title: '个体工商户营业执照',
    title_en: 'Individual business licence',
    category_id: 'business',
    lines: 'DO',
    description: '个体工商户设立登记，核准后发放电子营业执照。经营者身份以电子身份证照核验，无需上传身份证照片。',
    description_en:
      'Registers a sole trader and issues an electronic business licence. The operator’s identity is checked by electronic ID card: no photo of the card is needed.',
    required_level: 2,
    departments: '["market-regulation"]',
    promised_days: 3,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"id-card","name":"经营者身份证明","nameEn":"Operator’s ID","licenceKind":"ID_CARD","fieldId":"idCard","required":true},{"id":"premises","name":"经营场所使用证明","nameEn":"Right to use the premises","fieldId":"premisesProof","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"经营者姓名","labelEn":"Operator’s name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"经营者身份证号","labelEn":"Operator’s ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"idCard","type":"licence","label":"电子身份证","labelEn":"Electronic ID card","required":true,"licenceKind":"ID_CARD"},{"id":"businessName","type":"text","label":"个体户名称","labelEn":"Business name","required":true,"minLength":2,"maxLength":50},{"id":"businessScope","type":"text","label":"经营范围","labelEn":"Business scope","required":true,"maxLength":200},{"id":"businessAddress","type":"address","label":"经营场所","labelEn":"Premises","required":true,"minLength":5},{"id":"capital","type":"amount","label":"资金数额（元）","labelEn":"Capital (yuan)","required":true,"min":0,"max":100000000},{"id":"employees","type":"number","label":"从业人数","labelEn":"Employees","required":true,"min":1,"max":200},{"id":"premisesProof","type":"file","label":"场所使用证明照片","labelEn":"Photo of the right to use the premises","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'hk-macao-endorsement',
    title: '往来港澳签注',
    title_en: 'Hong Kong and Macao endorsement',
    category_id: 'entry-exit',
    lines: 'DO',
    description: '持往来港澳通行证的居民办理再次签注，审批通过后可在自助签注机打印或邮寄送达。',
    description_en:
      'A further endorsement on a Hong Kong and Macao travel permit; print it at a kiosk or have it posted once approved.',
    required_level: 3,
    departments: '["exit-entry"]',
    promised_days: 7,
    fees: '每次签注15元',
    fees_en: '15 yuan per endorsement',
    materials:
      '[{"id":"id-card","name":"居民身份证","nameEn":"ID card","licenceKind":"ID_CARD","fieldId":"idCard","required":true},{"id":"photo","name":"数码证件照","nameEn":"Digital ID photo","fieldId":"photo","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"idCard","type":"licence","label":"电子身份证","labelEn":"Electronic ID card","required":true,"licenceKind":"ID_CARD"},{"id":"permitNumber","type":"text","label":"通行证号码","labelEn":"Permit number","required":true,"pattern":"C[0-9A-Z]\\\\d{7}","patternMessage":"通行证号码为C开头的9位，如C12345678","patternMessageEn":"Nine characters starting with C, e.g. C12345678."},{"id":"endorsementType","type":"select","label":"签注种类","labelEn":"Endorsement type","required":true,"options":[{"value":"tourism","label":"个人旅游","labelEn":"Individual tourism"},{"value":"group","label":"团队旅游","labelEn":"Group tourism"},{"value":"family","label":"探亲","labelEn":"Family visit"},{"value":"business","label":"商务","labelEn":"Business"}]},{"id":"relativeName","type":"text","label":"探望亲属姓名","labelEn":"Relative visited","required":true,"maxLength":30,"visibleWhen":{"field":"endorsementType","equals":["family"]}},{"id":"visits","type":"select","label":"签注次数","labelEn":"Visits","required":true,"options":[{"value":"1","label":"一次","labelEn":"One"},{"value":"2","label":"二次","labelEn":"Two"}]},{"id":"photo","type":"file","label":"数码证件照","labelEn":"Digital ID photo","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
  {
    id: 'talent-housing-subsidy',
    title: '人才住房补贴（一件事）',
    title_en: 'Talent housing subsidy (one thing)',
    category_id: 'housing',
    lines: 'DO',
    description: '新引进的全日制本科及以上人才，一次申请，人才、住建、税务部门并联审批，通过后按月发放住房补贴。',
    description_en:
      'One application for new graduates: the talent, housing and tax departments decide in parallel; the subsidy is paid monthly once approved.',
    required_level: 3,
    departments: '["talent","housing","tax"]',
    promised_days: 15,
    fees: '免费',
    fees_en: 'Free',
    materials:
      '[{"id":"diploma","name":"学历学位证书","nameEn":"Degree certificate","fieldId":"diploma","required":true}]',
    form: '{"fields":[{"id":"name","type":"text","label":"姓名","labelEn":"Name","required":true,"prefill":{"source":"population","path":"name"}},{"id":"idNumber","type":"idNumber","label":"身份证号","labelEn":"ID number","required":true,"prefill":{"source":"population","path":"idNumber"}},{"id":"phone","type":"phone","label":"联系电话","labelEn":"Phone","required":true,"prefill":{"source":"account","path":"phone"}},{"id":"insuredCity","type":"text","label":"社保参保地","labelEn":"Insured in","required":true,"prefill":{"source":"social-insurance","path":"insuredCity"}},{"id":"pensionMonths","type":"number","label":"累计缴费月数","labelEn":"Months paid","prefill":{"source":"social-insurance","path":"pensionMonths"}},{"id":"employer","type":"text","label":"工作单位","labelEn":"Employer","required":true,"prefill":{"source":"provident-fund","path":"employer"}},{"id":"degree","type":"select","label":"最高学历","labelEn":"Highest degree","required":true,"options":[{"value":"bachelor","label":"本科","labelEn":"Bachelor"},{"value":"master","label":"硕士","labelEn":"Master"},{"value":"doctor","label":"博士","labelEn":"Doctorate"}]},{"id":"graduatedOn","type":"date","label":"毕业时间","labelEn":"Graduated on","required":true,"minDate":"-40y","maxDate":"today"},{"id":"ownsHome","type":"select","label":"本人及配偶在本市是否有自有住房","labelEn":"Do you or your spouse own a home here?","required":true,"options":[{"value":"no","label":"无","labelEn":"No"},{"value":"yes","label":"有","labelEn":"Yes"}]},{"id":"diploma","type":"file","label":"学历学位证书照片","labelEn":"Photo of the degree certificate","required":true,"accept":["image/jpeg","image/png"],"maxBytes":5242880},{"id":"bankAccount","type":"text","label":"收款银行卡号","labelEn":"Bank card number","required":true,"pattern":"\\\\d{16,19}","patternMessage":"银行卡号为16至19位数字","patternMessageEn":"A bank card number has 16 to 19 digits."},{"id":"remark","type":"text","label":"备注","labelEn":"Remarks","maxLength":200}]}',
    status: 'published',
  },
];
