/**
 * The privacy policy and the user agreement, Chinese and English side by side. What
 * the policy says is collected, why and for how long is what the code does (README:
 * identity, deletion and retention; bff/src/config.ts for the periods). A change of
 * text needs a new version in shared/src/policies.ts, which asks everyone again.
 */
export type Words = readonly [string, string];
export interface PolicySection {
  heading: Words;
  paragraphs: readonly Words[];
}
export interface DataItem {
  what: Words;
  why: Words;
  kept: Words;
}

export const PRIVACY_INTRO: Words = [
  '城市通帮助您在手机上办理政务服务。本政策说明我们收集哪些个人信息、用于什么目的、保存多久，以及您的权利。只有在您同意后，我们才会开始实名认证。',
  'City App lets you use government services on your phone. This policy says what personal data we collect, for what purpose, how long we keep it, and your rights. We start the real-name check only after you agree.',
];

/** What is collected, for which purpose, kept how long. */
export const PRIVACY_DATA: readonly DataItem[] = [
  {
    what: ['平台账号标识（微信、支付宝、百度或网页）', 'Your platform account (WeChat, Alipay, Baidu or web)'],
    why: ['登录和识别您的账号', 'Signing you in and recognising your account'],
    kept: ['至您注销账号', 'Until you delete your account'],
  },
  {
    what: ['姓名、身份证号', 'Name and ID number'],
    why: [
      '与公安人口库核对完成实名认证；办事时自动填写。加密保存，页面只显示脱敏信息',
      'Checked with the population register to verify you; filled into forms. Stored encrypted; screens show them masked',
    ],
    kept: ['至您注销账号', 'Until you delete your account'],
  },
  {
    what: ['手机号', 'Phone number'],
    why: [
      '验证码、办件和挪车通知，以及在其他平台登录时确认是您本人。加密保存',
      'Codes, news about applications and car moving, and confirming it is you on another platform. Stored encrypted',
    ],
    kept: ['至您注销账号', 'Until you delete your account'],
  },
  {
    what: ['人脸核验结果（不保存人脸图像）', 'Face check results (no face images are kept)'],
    why: [
      '经您单独同意，用于高级认证和敏感操作前的确认',
      'With your separate consent: the higher level and confirming sensitive acts',
    ],
    kept: ['核验时间保存至注销账号', 'The time of the check, until you delete your account'],
  },
  {
    what: ['办事申请的内容和上传的材料', 'What you enter and upload in applications'],
    why: ['交给办理您事项的部门', 'Sent to the departments that handle your application'],
    kept: [
      '注销时未办结的申请撤回并删除；已办结的申请去掉个人信息后，以匿名档案（编号、事项、状态、日期）保存10年',
      'On deletion, open applications are withdrawn and deleted; finished ones are kept for 10 years as an anonymous record (number, service, status, dates) without your data',
    ],
  },
  {
    what: ['申请草稿', 'Application drafts'],
    why: ['让您在任一平台继续填写', 'So you can carry on from any platform'],
    kept: ['90天未修改即删除', 'Deleted after 90 days untouched'],
  },
  {
    what: ['挪车：车牌、原因、位置描述、现场照片', 'Car moving: plate, reason, place, photo'],
    why: [
      '通知车主挪车。照片去除位置等信息后加密保存；点击“定位”时的坐标只用于确定区县，不会发给车主',
      'Telling the owner. Photos are stripped of location data and stored encrypted; coordinates from “Locate me” only find the district and never reach the owner',
    ],
    kept: [
      '未使用的照片24小时后删除；注销后请求为另一方保留，但去除您的信息',
      'Unused photos are deleted after 24 hours; after you delete your account the request stays for the other party without your data',
    ],
  },
  {
    what: ['消息和通知发送记录', 'Messages and delivery records'],
    why: [
      '告诉您办件、挪车、预约和证照到期的进展',
      'Telling you how applications, car moving, appointments and licences stand',
    ],
    kept: [
      '消息至注销账号；已送达的发送记录30天后删除',
      'Messages until you delete your account; delivery records 30 days after delivery',
    ],
  },
  {
    what: ['本政策和用户协议的同意记录（版本、时间）', 'Your consent to this policy and the agreement (version, time)'],
    why: ['证明您在实名认证前已同意', 'Showing you agreed before the real-name step'],
    kept: ['至您注销账号', 'Until you delete your account'],
  },
  {
    what: ['显示偏好（长辈模式、字号、语言）', 'Display preferences (elder mode, text size, language)'],
    why: ['按您的选择显示', 'Showing the app your way'],
    kept: ['只保存在您的设备上', 'Kept only on your device'],
  },
];

export const PRIVACY_SECTIONS: readonly PolicySection[] = [
  {
    heading: ['我们如何保护和共享', 'How we protect and share it'],
    paragraphs: [
      [
        '身份证号、姓名、手机号和照片加密保存；系统日志不记录身份证号和手机号。',
        'ID numbers, names, phone numbers and photos are stored encrypted; logs never record ID or phone numbers.',
      ],
      [
        '我们只与办理您事项的政府部门共享所需信息。挪车短信由交警车驾管系统发送，双方号码互不可见。我们不出售个人信息，也不用于广告。',
        'We share only what the departments handling your affairs need. Car-moving SMS go out through the traffic police register, and neither side sees the other’s number. We never sell personal data or use it for advertising.',
      ],
    ],
  },
  {
    heading: ['您的权利', 'Your rights'],
    paragraphs: [
      [
        '您可以在「我的」查看您的实名信息（脱敏）、已关联的平台并解除关联，也可以注销账号（需人脸确认）：我们会按上表删除或匿名化您的信息。',
        'Under Me you can see your verified details (masked) and linked platforms, unlink a platform, or delete your account (with a face check): your data is then deleted or anonymised as above.',
      ],
      [
        '各部门自己保存的办件档案由该部门依法管理。如有疑问或投诉，请拨打 12345 政务服务热线。',
        'Case files held by the departments themselves are kept by them under the law. For questions or complaints, call the 12345 government hotline.',
      ],
    ],
  },
];

export const TERMS_SECTIONS: readonly PolicySection[] = [
  {
    heading: ['服务内容', 'The service'],
    paragraphs: [
      [
        '城市通提供政务服务的查询、办理、预约、电子证照和一键挪车。各事项由相应政府部门依法办理，办理结果以部门决定为准。',
        'City App offers government services: looking up, applying, booking, electronic licences and car moving. Each matter is decided by its department under the law; its decision is what counts.',
      ],
    ],
  },
  {
    heading: ['您的责任', 'What we ask of you'],
    paragraphs: [
      [
        '请使用您本人的真实身份，不要用他人的信息认证或办事。填写和上传的内容应真实、完整。',
        'Use your own identity, never someone else’s, and make what you enter and upload true and complete.',
      ],
      [
        '一键挪车只用于车辆确实妨碍您通行的情况。恶意请求经车主举报、工作人员核实达到3次的，挪车功能将暂停365天。',
        'Use car moving only when a car really is in your way. After 3 reports upheld by staff, car moving is suspended for 365 days.',
      ],
      [
        '请保管好您的手机和账号。发现不是您本人的登录时，请在「我的」解除关联。',
        'Keep your phone and accounts safe. If you see a sign-in that was not you, unlink it under Me.',
      ],
    ],
  },
  {
    heading: ['变更和终止', 'Changes and ending'],
    paragraphs: [
      [
        '协议或隐私政策变更时，我们会在您下次实名认证或办理前请您重新阅读并同意。您可以随时注销账号。',
        'When this agreement or the privacy policy changes, we ask you to read and agree again before your next verification. You may delete your account at any time.',
      ],
    ],
  },
];
