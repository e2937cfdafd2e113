/**
 * The FAQ a new city starts with (migration 0016): at least five answers for each
 * service that can be applied for online, and general policy questions. Frozen with
 * its migration; operators edit the live rows from the console.
 *
 * Each entry: [question, answer, question in English, answer in English, extra search words].
 */
type Entry = [string, string, string, string, string];

export const SERVICE_FAQ: Record<string, Entry[]> = {
  'pf-withdraw-purchase': [
    [
      '购房提取公积金需要什么条件？',
      '在本市或户籍地购买自住住房，且公积金账户正常缴存满3个月的，可申请提取本人及配偶账户余额。',
      'Who can withdraw the fund for a home purchase?',
      'If you bought a home to live in here or where you are registered, and have paid in for 3 months, you and your spouse can withdraw the balance.',
      '买房 购房 提取条件',
    ],
    [
      '购房提取最多能提多少钱？',
      '提取总额不超过购房总价扣除已贷款部分，且不超过账户余额。',
      'How much can I withdraw for a purchase?',
      'At most the price less any loan, and no more than the balance.',
      '额度 金额 上限',
    ],
    [
      '购房后多久内可以申请提取？',
      '自购房合同备案或取得不动产权证书之日起5年内可申请。',
      'How long after buying can I apply?',
      'Within 5 years of the contract registration or the property certificate.',
      '期限 时间 几年',
    ],
    [
      '提取的钱多久到账？',
      '审核通过后1至3个工作日转入您填写的本人银行卡。',
      'When does the money arrive?',
      '1 to 3 working days after approval, into your own bank card.',
      '到账 银行卡 多久',
    ],
    [
      '配偶的公积金可以一起提取吗？',
      '可以。配偶需在“我的”中完成实名认证后，各自在线申请，或到窗口携带结婚证一并办理。',
      'Can my spouse’s fund be withdrawn too?',
      'Yes. Your spouse applies online after verifying, or you apply together at a counter with the marriage certificate.',
      '夫妻 配偶 结婚',
    ],
  ],
  'pf-withdraw-rent': [
    [
      '租房提取公积金需要什么条件？',
      '本人及配偶在本市无自有住房且租房自住，连续足额缴存满3个月，可按月或按年提取。',
      'Who can withdraw for rent?',
      'If you and your spouse own no home here, rent one to live in and have paid in for 3 months, monthly or yearly.',
      '租房 房租 条件',
    ],
    [
      '租房提取每年能提多少？',
      '租赁合同已备案的按实际月租金提取，未备案的按本市规定的月限额提取，每年不超过当年缴存额。',
      'How much can I withdraw for rent each year?',
      'The real rent with a registered lease, otherwise the city’s monthly cap; never more than this year’s deposits.',
      '额度 限额 每月',
    ],
    [
      '没有租赁合同可以提取吗？',
      '可以。未备案的按限额提取，无需提供合同；已备案的系统自动核验。',
      'Can I withdraw without a lease?',
      'Yes, up to the cap, without a lease; a registered lease is checked automatically.',
      '合同 备案',
    ],
    [
      '租房提取多久可以办一次？',
      '可选择按月自动提取，或每满12个月申请一次。',
      'How often can I withdraw for rent?',
      'Monthly by standing order, or once every 12 months.',
      '频次 每月 每年',
    ],
    [
      '提取后还能申请公积金贷款吗？',
      '可以。租房提取不影响以后申请公积金贷款，但会减少账户余额，可能影响可贷额度。',
      'Can I still get a fund loan afterwards?',
      'Yes, but a lower balance may lower the loan you can get.',
      '贷款 影响',
    ],
  ],
  'si-payment-record': [
    [
      '社保缴费证明有什么用？',
      '可用于购房、落户、子女入学等需要证明参保缴费情况的场合。',
      'What is a payment record for?',
      'For buying a home, settling, school places and anything that asks for proof of contributions.',
      '参保证明 用途',
    ],
    [
      '电子证明和纸质证明效力一样吗？',
      '一样。电子证明带有电子印章和验证码，可在社保网站核验真伪。',
      'Is the electronic record as valid as paper?',
      'Yes. It carries an electronic seal and a code anyone can check on the social insurance website.',
      '电子 纸质 效力 盖章',
    ],
    [
      '能查多长时间的缴费记录？',
      '可选择近6个月至近60个月。更早的记录请到社保窗口查询。',
      'How far back can the record go?',
      'From 6 to 60 months; older records at a social insurance counter.',
      '查询 多久 记录',
    ],
    [
      '缴费记录有中断怎么办？',
      '中断期间可能因单位未申报或个人停缴，请联系单位或到社保窗口核实补缴。',
      'What if the record has gaps?',
      'The employer may not have declared, or you stopped paying; ask your employer or a counter about back payments.',
      '断缴 补缴 中断',
    ],
    [
      '邮寄纸质证明多久收到？',
      '审核通过后一般3个工作日内寄出，邮费由我们承担。',
      'When will the paper copy arrive?',
      'Usually posted within 3 working days of approval, postage paid.',
      '邮寄 快递',
    ],
  ],
  'school-enrolment': [
    [
      '小学新生入学报名需要什么条件？',
      '年满6周岁（8月31日前出生）的适龄儿童，由父母或其他监护人在网上报名。',
      'Who can enrol in primary school?',
      'Children who are six by 31 August, enrolled online by a parent or guardian.',
      '上学 入学 一年级 年龄',
    ],
    [
      '非本市户籍的孩子能报名吗？',
      '可以。需提供父母在本市的居住证明，按积分或学位情况统筹安排。',
      'Can children not registered here enrol?',
      'Yes, with proof of the parents’ residence here; places are allotted by points or availability.',
      '外地 随迁子女 居住证',
    ],
    [
      '报名后如何查看录取结果？',
      '录取结果会发送到“消息”，也可在“我的办件”中查看进度。',
      'How do I see the result?',
      'The result arrives in Messages; progress is in My applications.',
      '录取 结果 学位',
    ],
    [
      '可以报多所学校吗？',
      '每名儿童只能报名一所学校，提交后如需更改请在报名截止前联系教育局。',
      'Can I apply to several schools?',
      'One school per child; to change, contact the Education Bureau before the deadline.',
      '志愿 学校',
    ],
    [
      '报名需要带材料去学校吗？',
      '网上报名时户籍和房产信息自动核验，无需提交纸质材料；学校另行通知的除外。',
      'Do I take documents to the school?',
      'No; household and property records are checked online, unless the school asks.',
      '材料 现场',
    ],
  ],
  'deed-tax-subsidy': [
    [
      '哪些人可以申领契税补贴？',
      '在本市购买首套或改善型住房并已缴纳契税的个人，在政策期限内可申领。',
      'Who can claim the deed tax subsidy?',
      'People who bought a first or better home here and paid the deed tax, within the policy period.',
      '契税 补贴 条件 买房',
    ],
    [
      '契税补贴能领多少？',
      '按已缴契税的一定比例补贴，具体比例以当年政策为准，最高不超过实际缴纳的契税。',
      'How much is the subsidy?',
      'A share of the deed tax paid as set by this year’s policy, never more than the tax paid.',
      '金额 比例',
    ],
    [
      '缴税一年后还能申请吗？',
      '不能。须在缴纳契税之日起1年内申请。',
      'Can I claim more than a year after paying?',
      'No. Claim within a year of paying the deed tax.',
      '期限 过期',
    ],
    [
      '补贴发放到哪里？',
      '发放到申请人本人名下的银行账户，审核通过后20个工作日内到账。',
      'Where is the subsidy paid?',
      'Into your own bank account within 20 working days of approval.',
      '到账 银行',
    ],
    [
      '共同购房的由谁申请？',
      '由不动产权证书上的任一产权人申请，其他产权人无需重复申请。',
      'Who claims when the home is jointly owned?',
      'Any one owner on the certificate; the others need not claim.',
      '共有 产权人',
    ],
  ],
  'public-rental-housing': [
    [
      '公租房申请条件是什么？',
      '申请家庭在本市无自有住房，人均月收入低于本市规定标准，且至少一人有本市户籍或连续缴纳社保满1年。',
      'Who can apply for public rental housing?',
      'Households with no home here, income below the city’s line, and one member registered here or insured for a year.',
      '公租房 廉租房 保障房 条件',
    ],
    [
      '公租房租金是多少？',
      '租金按同地段市场租金的一定比例确定，低收入家庭还可申请租金补贴。',
      'What is the rent?',
      'A share of the local market rent; low-income households can claim a rent subsidy.',
      '房租 租金',
    ],
    [
      '申请后要等多久？',
      '资格审核约20个工作日，通过后进入轮候，按轮候顺序配租。',
      'How long is the wait?',
      'About 20 working days to check eligibility, then a waiting list.',
      '轮候 排队 多久',
    ],
    [
      '家庭收入包括哪些？',
      '包括工资、经营收入、养老金等家庭成员的全部收入，以社保和税务记录核验。',
      'What counts as household income?',
      'All members’ wages, business income and pensions, checked against insurance and tax records.',
      '收入 证明',
    ],
    [
      '单身可以申请公租房吗？',
      '可以。年满18周岁的单身人士可作为单人户申请。',
      'Can a single person apply?',
      'Yes, from 18, as a one-person household.',
      '单身 单人',
    ],
  ],
  'individual-business-licence': [
    [
      '开个体户需要什么材料？',
      '经营者电子身份证、经营场所使用证明（租赁合同或产权证明）即可，全程网上办理。',
      'What do I need to open an individual business?',
      'Your electronic ID and proof you may use the premises (a lease or a property certificate); all online.',
      '开店 个体户 营业执照 材料',
    ],
    [
      '办理营业执照要钱吗？',
      '不收费。营业执照和电子营业执照均免费发放。',
      'Does the licence cost anything?',
      'No. Paper and electronic licences are free.',
      '收费 费用',
    ],
    [
      '多久能拿到营业执照？',
      '材料齐全的，一般1个工作日内办结，可领取电子营业执照。',
      'How soon do I get the licence?',
      'Usually within a working day, as an electronic licence.',
      '时间 几天',
    ],
    [
      '个体户名称有什么要求？',
      '名称由行政区划、字号、行业、组织形式组成，不得与同行业已登记名称重复。',
      'What may the business be called?',
      'Place, trade name, trade and form; it may not repeat a registered name in the trade.',
      '字号 起名 名称',
    ],
    [
      '住宅可以作为经营场所吗？',
      '经业主委员会或相邻业主同意，部分行业可以使用住宅登记，餐饮等行业除外。',
      'Can my home be the premises?',
      'For some trades, with the neighbours’ or owners’ committee consent; not for restaurants and the like.',
      '住所 住宅 场所',
    ],
  ],
  'hk-macao-endorsement': [
    [
      '往来港澳签注怎么办理？',
      '持有效往来港澳通行证，可在线申请再次签注，审核通过后到自助机签注或邮寄。',
      'How do I get a Hong Kong and Macao endorsement?',
      'With a valid permit, apply online; after approval, endorse at a kiosk or by post.',
      '港澳 通行证 签注 出入境 旅游',
    ],
    [
      '签注有几种？',
      '有个人旅游、团队旅游、探亲、商务等，签注次数可选一次或二次。',
      'Which endorsements are there?',
      'Individual and group tourism, family visits and business; one or two visits.',
      '种类 旅游 探亲 商务',
    ],
    [
      '签注要多少钱？',
      '每次签注15元，在线支付。',
      'What does an endorsement cost?',
      '15 yuan each, paid online.',
      '费用 收费',
    ],
    [
      '办理签注需要多久？',
      '一般5个工作日内办结，进度可在“我的办件”查看，也可用申请编号和查询码查询。',
      'How long does it take?',
      'Usually within 5 working days; follow it in My applications or by number and query code.',
      '时间 进度',
    ],
    [
      '通行证过期了怎么办？',
      '通行证过期不能签注，请先申请换发通行证，可同时申请签注。',
      'My permit has expired. What now?',
      'An expired permit cannot be endorsed; apply for a new one and the endorsement together.',
      '过期 换证',
    ],
  ],
  'talent-housing-subsidy': [
    [
      '人才住房补贴申请条件是什么？',
      '本科及以上学历，在本市缴纳社保，本人及配偶在本市无自有住房，毕业时间符合当年政策。',
      'Who can claim the talent housing subsidy?',
      'Graduates with a bachelor’s degree or higher, insured here, owning no home here, within this year’s graduation window.',
      '人才 补贴 条件 毕业生',
    ],
    [
      '补贴标准是多少？',
      '本科、硕士、博士按不同标准发放，分3年按月发放，具体以当年政策为准。',
      'How much is the subsidy?',
      'Set by degree, paid monthly over 3 years, as this year’s policy says.',
      '金额 标准',
    ],
    [
      '为什么要几个部门一起审？',
      '这是“一件事”联办：人才、住建、税务部门同时审核，您只需提交一次。',
      'Why do several departments decide?',
      'It is a “one thing” service: talent, housing and tax decide in parallel from one submission.',
      '一件事 联办',
    ],
    [
      '换工作后补贴还能继续领吗？',
      '在本市继续缴纳社保的可继续发放，离开本市的停止发放。',
      'Does it continue after I change jobs?',
      'Yes while you stay insured here; it stops if you leave the city.',
      '换工作 离职 停发',
    ],
    [
      '学历证书怎么提供？',
      '上传学历学位证书照片即可，系统会与学信网核验。',
      'How do I provide my degree?',
      'Upload a photo of the certificate; it is checked with the national degree register.',
      '学历 学位 证书',
    ],
  ],
};

/** Policy questions not tied to one service (the 政策问答 tile). */
export const POLICY_FAQ: Array<{ topic: string } & { entry: Entry }> = [
  {
    topic: 'entry-exit',
    entry: [
      '护照过期了怎么换？',
      '护照有效期不足6个月或已过期的，可到任一出入境窗口申请换发，全国通办，约7个工作日。',
      'How do I renew a passport?',
      'With under 6 months left or expired, apply at any exit-entry counter nationwide; about 7 working days.',
      '护照 换发 出入境 签证',
    ],
  },
  {
    topic: 'transport',
    entry: [
      '交通违法（违章）怎么处理？',
      '可在“交通违法查询”查看记录，罚款可在线缴纳，记分在12个月周期内累计。',
      'How do I deal with a traffic violation?',
      'See it under Traffic violations; pay the fine online; points add up over a 12-month cycle.',
      '违章 罚单 罚款 扣分 交通违法',
    ],
  },
  {
    topic: 'civil-affairs',
    entry: [
      '结婚登记要带什么？',
      '双方本人携带身份证、户口簿到婚姻登记处办理，可提前在“婚姻登记预约”预约时段。',
      'What do we take to register a marriage?',
      'Both of you, with ID cards and household registers, at the registry; book a time first.',
      '结婚 领证 婚姻登记',
    ],
  },
  {
    topic: 'business',
    entry: [
      '个体户和公司有什么区别？',
      '个体工商户由个人经营、承担无限责任，手续简单；公司为法人，股东以出资为限承担责任。',
      'Individual business or company?',
      'An individual business is run by one person with unlimited liability and little paperwork; a company is a legal person with limited liability.',
      '开店 个体户 公司 个体工商户',
    ],
  },
  {
    topic: 'education',
    entry: [
      '孩子上学按什么划片？',
      '公办小学按户籍和实际居住地划片招生，具体学区以教育局每年公布为准。',
      'How are school catchments decided?',
      'By registered and actual address, as the Education Bureau publishes each year.',
      '上学 入学 学区 划片 小学新生入学',
    ],
  },
  {
    topic: 'provident-fund',
    entry: [
      '公积金断缴有什么影响？',
      '断缴期间不能申请公积金贷款，租房提取也需连续缴存满3个月。',
      'What if I stop paying into the fund?',
      'No fund loan while stopped, and rent withdrawals need 3 months in a row.',
      '公积金 断缴 贷款',
    ],
  },
  {
    topic: 'social-insurance',
    entry: [
      '社保可以转移吗？',
      '跨地区就业的，养老和医疗保险可以转移接续，在新参保地申请即可。',
      'Can social insurance move with me?',
      'Pension and medical insurance move with you; apply where you are newly insured.',
      '社保 转移 接续 换城市',
    ],
  },
  {
    topic: 'legal',
    entry: [
      '哪些情况可以申请法律援助？',
      '经济困难且涉及讨薪、工伤、赡养、家庭暴力等事项的，可申请免费法律援助。',
      'When can I get legal aid?',
      'If you cannot afford a lawyer in wage, injury, maintenance, domestic violence and similar cases, for free.',
      '法律援助 律师 讨薪 免费',
    ],
  },
  {
    topic: 'legal',
    entry: [
      '12345热线能处理什么问题？',
      '政策咨询、投诉举报、求助和建议都可以，夜间和节假日也有人接听。',
      'What does the 12345 hotline handle?',
      'Policy questions, complaints, requests for help and suggestions, day and night.',
      '12345 热线 投诉 举报',
    ],
  },
  {
    topic: 'legal',
    entry: [
      '家人不会用手机，怎么帮他查办件进度？',
      '用申请编号和6位查询码即可在“办件进度查询”查看，无需登录；查询码在提交页和消息中。',
      'How can I check a relative’s application?',
      'With the application number and 6-character query code under Progress lookup, no sign-in; the code is on the submission page and in the message.',
      '进度 查询码 代查 家人',
    ],
  },
  {
    topic: 'legal',
    entry: [
      '长辈版怎么打开？',
      '在首页顶部或“我的—显示设置”打开长辈版，字更大、按钮更大、常用服务更少更清楚。',
      'How do I turn on elder mode?',
      'At the top of Home or in Me, Display settings: larger text and buttons, fewer services.',
      '长辈版 关怀版 老年模式 大字',
    ],
  },
  {
    topic: 'transport',
    entry: [
      '车被堵了怎么找车主？',
      '使用“一键挪车”输入对方车牌，系统会短信通知车主，不会泄露双方手机号。',
      'My car is blocked. How do I reach the owner?',
      'Use Move my blocked car: enter the plate and the owner is texted; neither sees the other’s number.',
      '挪车 移车 堵车',
    ],
  },
];
