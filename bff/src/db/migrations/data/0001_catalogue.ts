/**
 * The seed catalogue of migrations 0001 and 0007, as it was when its migration shipped: frozen with the migration (migrations never
 * import live module code). What a new city starts with today is loaded by the seeding
 * step (db/seed.ts) from the modules; operators edit the live rows from the console.
 */
export const SEED_CATEGORIES: Array<{ id: string; name: string; name_en: string; icon: string; sort_order: number }> = [
 {
  "id": "social-insurance",
  "name": "社会保障",
  "name_en": "Social insurance",
  "icon": "shield",
  "sort_order": 10
 },
 {
  "id": "medical",
  "name": "医疗保障",
  "name_en": "Medical security",
  "icon": "medical",
  "sort_order": 20
 },
 {
  "id": "provident-fund",
  "name": "住房公积金",
  "name_en": "Housing provident fund",
  "icon": "fund",
  "sort_order": 30
 },
 {
  "id": "transport",
  "name": "交通出行",
  "name_en": "Transport",
  "icon": "car",
  "sort_order": 40
 },
 {
  "id": "entry-exit",
  "name": "出入境",
  "name_en": "Entry and exit",
  "icon": "passport",
  "sort_order": 50
 },
 {
  "id": "qualifications",
  "name": "职业资格",
  "name_en": "Professional qualifications",
  "icon": "certificate",
  "sort_order": 60
 },
 {
  "id": "education",
  "name": "教育服务",
  "name_en": "Education",
  "icon": "school",
  "sort_order": 70
 },
 {
  "id": "housing",
  "name": "住房保障",
  "name_en": "Housing",
  "icon": "house",
  "sort_order": 80
 },
 {
  "id": "civil-affairs",
  "name": "民政婚姻",
  "name_en": "Civil affairs",
  "icon": "rings",
  "sort_order": 90
 },
 {
  "id": "business",
  "name": "企业开办",
  "name_en": "Business",
  "icon": "shop",
  "sort_order": 100
 },
 {
  "id": "living",
  "name": "生活缴费",
  "name_en": "Living fees",
  "icon": "bolt",
  "sort_order": 110
 },
 {
  "id": "health",
  "name": "医疗卫生",
  "name_en": "Health",
  "icon": "hospital",
  "sort_order": 120
 },
 {
  "id": "legal",
  "name": "法律服务",
  "name_en": "Legal services",
  "icon": "scale",
  "sort_order": 130
 }
];

export const SEED_TILES: Array<{ id: string; title: string; title_en: string; icon: string; category_id: string; line: string; target_kind: string; target_value: string; agency: string | null; required_level: number; badge?: string | null; platforms?: string[]; regions?: string[] }> = [
 {
  "id": "si-payment-record",
  "title": "社保缴费记录",
  "title_en": "Social insurance payments",
  "icon": "shield",
  "category_id": "social-insurance",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "si-payment-record",
  "agency": "social-insurance",
  "required_level": 2,
  "badge": "HOT"
 },
 {
  "id": "si-pension-qualification",
  "title": "养老待遇资格认证",
  "title_en": "Pension qualification",
  "icon": "shield",
  "category_id": "social-insurance",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "si-pension-qualification",
  "agency": "social-insurance",
  "required_level": 3
 },
 {
  "id": "si-card",
  "title": "社保卡服务",
  "title_en": "Social security card",
  "icon": "card",
  "category_id": "social-insurance",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "si-card",
  "agency": "licences",
  "required_level": 2
 },
 {
  "id": "medical-card",
  "title": "医保电子凭证",
  "title_en": "Medical insurance card",
  "icon": "medical",
  "category_id": "medical",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "medical-card",
  "agency": "social-insurance",
  "required_level": 2
 },
 {
  "id": "medical-reimbursement",
  "title": "医保报销进度",
  "title_en": "Reimbursement progress",
  "icon": "medical",
  "category_id": "medical",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "medical-reimbursement",
  "agency": "social-insurance",
  "required_level": 2
 },
 {
  "id": "pf-balance",
  "title": "公积金余额查询",
  "title_en": "Provident fund balance",
  "icon": "fund",
  "category_id": "provident-fund",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "pf-balance",
  "agency": "provident-fund",
  "required_level": 2,
  "badge": "HOT"
 },
 {
  "id": "pf-withdraw-purchase",
  "title": "购房提取公积金",
  "title_en": "Withdraw for a home purchase",
  "icon": "fund",
  "category_id": "provident-fund",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "pf-withdraw-purchase",
  "agency": "provident-fund",
  "required_level": 3
 },
 {
  "id": "pf-withdraw-rent",
  "title": "租房提取公积金",
  "title_en": "Withdraw for rent",
  "icon": "fund",
  "category_id": "provident-fund",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "pf-withdraw-rent",
  "agency": "provident-fund",
  "required_level": 3
 },
 {
  "id": "car-move",
  "title": "一键挪车",
  "title_en": "Move my blocked car",
  "icon": "car",
  "category_id": "transport",
  "line": "DO",
  "target_kind": "PAGE",
  "target_value": "/pages/car-move/index",
  "agency": "vehicle",
  "required_level": 2,
  "badge": "HOT"
 },
 {
  "id": "vehicle-info",
  "title": "机动车信息",
  "title_en": "Vehicle information",
  "icon": "car",
  "category_id": "transport",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "vehicle-info",
  "agency": "vehicle",
  "required_level": 2
 },
 {
  "id": "driving-licence",
  "title": "驾驶证信息",
  "title_en": "Driving licence",
  "icon": "card",
  "category_id": "transport",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "driving-licence",
  "agency": "licences",
  "required_level": 2
 },
 {
  "id": "traffic-violations",
  "title": "交通违法查询",
  "title_en": "Traffic violations",
  "icon": "warning",
  "category_id": "transport",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "traffic-violations",
  "agency": "vehicle",
  "required_level": 2
 },
 {
  "id": "realtime-bus",
  "title": "实时公交",
  "title_en": "Real-time bus",
  "icon": "bus",
  "category_id": "transport",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "realtime-bus",
  "agency": null,
  "required_level": 0
 },
 {
  "id": "endorsement-appointment",
  "title": "出入境签注预约",
  "title_en": "Endorsement appointment",
  "icon": "passport",
  "category_id": "entry-exit",
  "line": "BOOK",
  "target_kind": "SERVICE",
  "target_value": "endorsement-appointment",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "endorsement-progress",
  "title": "出入境办理进度",
  "title_en": "Entry-exit progress",
  "icon": "passport",
  "category_id": "entry-exit",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "endorsement-progress",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "qualification-query",
  "title": "职业资格证书查询",
  "title_en": "Qualification certificates",
  "icon": "certificate",
  "category_id": "qualifications",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "qualification-query",
  "agency": "licences",
  "required_level": 2
 },
 {
  "id": "school-enrolment",
  "title": "小学新生入学报名",
  "title_en": "Primary school enrolment",
  "icon": "school",
  "category_id": "education",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "school-enrolment",
  "agency": "population",
  "required_level": 2,
  "badge": "NEW"
 },
 {
  "id": "public-rental-housing",
  "title": "公租房申请",
  "title_en": "Public rental housing",
  "icon": "house",
  "category_id": "housing",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "public-rental-housing",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "deed-tax-subsidy",
  "title": "契税补贴申领",
  "title_en": "Deed tax subsidy",
  "icon": "house",
  "category_id": "housing",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "deed-tax-subsidy",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "talent-housing-subsidy",
  "title": "人才住房补贴",
  "title_en": "Talent housing subsidy",
  "icon": "house",
  "category_id": "housing",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "talent-housing-subsidy",
  "agency": "population",
  "required_level": 3,
  "badge": "NEW"
 },
 {
  "id": "real-estate-query",
  "title": "不动产登记查询",
  "title_en": "Real estate registration",
  "icon": "house",
  "category_id": "housing",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "real-estate-query",
  "agency": null,
  "required_level": 2
 },
 {
  "id": "marriage-appointment",
  "title": "婚姻登记预约",
  "title_en": "Marriage registration appointment",
  "icon": "rings",
  "category_id": "civil-affairs",
  "line": "BOOK",
  "target_kind": "SERVICE",
  "target_value": "marriage-appointment",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "individual-business-licence",
  "title": "个体工商户营业执照",
  "title_en": "Individual business licence",
  "icon": "shop",
  "category_id": "business",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "individual-business-licence",
  "agency": "licences",
  "required_level": 2
 },
 {
  "id": "business-licence-query",
  "title": "营业执照查询",
  "title_en": "Business licence query",
  "icon": "shop",
  "category_id": "business",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "business-licence-query",
  "agency": "licences",
  "required_level": 1
 },
 {
  "id": "water-fee",
  "title": "水费缴纳",
  "title_en": "Water bill",
  "icon": "water",
  "category_id": "living",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "water-fee",
  "agency": null,
  "required_level": 1
 },
 {
  "id": "power-fee",
  "title": "电费缴纳",
  "title_en": "Electricity bill",
  "icon": "bolt",
  "category_id": "living",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "power-fee",
  "agency": null,
  "required_level": 1
 },
 {
  "id": "gas-fee",
  "title": "燃气费缴纳",
  "title_en": "Gas bill",
  "icon": "flame",
  "category_id": "living",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "gas-fee",
  "agency": null,
  "required_level": 1
 },
 {
  "id": "hospital-registration",
  "title": "医院预约挂号",
  "title_en": "Hospital appointment",
  "icon": "hospital",
  "category_id": "health",
  "line": "BOOK",
  "target_kind": "SERVICE",
  "target_value": "hospital-registration",
  "agency": null,
  "required_level": 2
 },
 {
  "id": "vaccination-record",
  "title": "疫苗接种记录",
  "title_en": "Vaccination record",
  "icon": "medical",
  "category_id": "health",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "vaccination-record",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "administrative-reconsideration",
  "title": "行政复议申请",
  "title_en": "Administrative reconsideration",
  "icon": "scale",
  "category_id": "legal",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "administrative-reconsideration",
  "agency": "population",
  "required_level": 2
 },
 {
  "id": "hotline-12345",
  "title": "12345热线",
  "title_en": "12345 hotline",
  "icon": "phone",
  "category_id": "legal",
  "line": "ASK",
  "target_kind": "SERVICE",
  "target_value": "hotline-12345",
  "agency": null,
  "required_level": 0
 },
 {
  "id": "policy-qa",
  "title": "政策问答",
  "title_en": "Policy questions",
  "icon": "chat",
  "category_id": "legal",
  "line": "ASK",
  "target_kind": "SERVICE",
  "target_value": "policy-qa",
  "agency": null,
  "required_level": 0
 },
 {
  "id": "legal-aid",
  "title": "法律援助咨询",
  "title_en": "Legal aid",
  "icon": "scale",
  "category_id": "legal",
  "line": "ASK",
  "target_kind": "SERVICE",
  "target_value": "legal-aid",
  "agency": null,
  "required_level": 0
 },
 {
  "id": "my-licences",
  "title": "我的电子证照",
  "title_en": "My electronic licences",
  "icon": "card",
  "category_id": "qualifications",
  "line": "INQUIRE",
  "target_kind": "PAGE",
  "target_value": "/pages/licences/index",
  "agency": "licences",
  "required_level": 2
 },
 {
  "id": "shenzhen-talent-points",
  "title": "深圳人才引进积分",
  "title_en": "Shenzhen talent points",
  "icon": "certificate",
  "category_id": "qualifications",
  "line": "INQUIRE",
  "target_kind": "SERVICE",
  "target_value": "shenzhen-talent-points",
  "agency": null,
  "required_level": 2,
  "regions": [
   "440300"
  ]
 },
 {
  "id": "fuzhou-metro",
  "title": "福州地铁乘车码",
  "title_en": "Fuzhou metro QR code",
  "icon": "bus",
  "category_id": "transport",
  "line": "DO",
  "target_kind": "SERVICE",
  "target_value": "fuzhou-metro",
  "agency": null,
  "required_level": 1,
  "regions": [
   "350100"
  ],
  "platforms": [
   "WECHAT",
   "ALIPAY",
   "H5"
  ]
 }
];
