/**
 * The one registry of error codes the API may put in `extensions.code`, grouped by
 * domain. The BFF throws them; the mini-program turns each into a message a person
 * understands (zh-CN first, English second). Codes are stable: never rename one.
 */
export interface ErrorCodeInfo {
  domain:
    | 'common'
    | 'upstream'
    | 'catalogue'
    | 'validation'
    | 'identity'
    | 'car-move'
    | 'operators'
    | 'tiles'
    | 'forms'
    | 'wallet'
    | 'appointments'
    | 'ask'
    | 'messages'
    | 'payments'
    | 'services'
    | 'ratings';
  /** Whether the person can fix it by changing their input (vs. waiting or retrying). */
  userFixable: boolean;
  zh: string;
  en: string;
}

export const ERROR_CODES = {
  // common
  BAD_USER_INPUT: {
    domain: 'common',
    userFixable: true,
    zh: '填写的内容有误，请检查后重试',
    en: 'Some of what you entered is not valid. Please check and try again.',
  },
  GRAPHQL_PARSE_FAILED: {
    domain: 'common',
    userFixable: false,
    zh: '请求格式有误，请更新小程序后重试',
    en: 'The request could not be read. Please update the app and try again.',
  },
  REQUEST_TOO_LARGE: {
    domain: 'common',
    userFixable: false,
    zh: '提交的内容过多，请减少后重试',
    en: 'What was sent is too large. Please send less and try again.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    domain: 'common',
    userFixable: false,
    zh: '请求与服务不匹配，请更新小程序后重试',
    en: 'The request does not match the service. Please update the app and try again.',
  },
  UNAUTHENTICATED: { domain: 'common', userFixable: true, zh: '请先登录', en: 'Please sign in first.' },
  FORBIDDEN: {
    domain: 'common',
    userFixable: false,
    zh: '您没有权限进行此操作',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: { domain: 'common', userFixable: false, zh: '没有找到相关内容', en: 'Nothing was found.' },
  RATE_LIMITED: {
    domain: 'common',
    userFixable: false,
    zh: '操作太频繁，请稍后再试',
    en: 'Too many attempts. Please wait a moment and try again.',
  },
  INTERNAL_SERVER_ERROR: {
    domain: 'common',
    userFixable: false,
    zh: '系统繁忙，请稍后再试',
    en: 'Something went wrong on our side. Please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    domain: 'common',
    userFixable: false,
    zh: '服务暂时不可用，请稍后再试',
    en: 'The service is briefly unavailable. Please try again in a moment.',
  },
  NETWORK_ERROR: {
    domain: 'common',
    userFixable: false,
    zh: '网络连接失败，请检查网络后重试',
    en: 'Could not connect. Please check your network and try again.',
  },
  // upstream agencies
  AGENCY_UNAVAILABLE: {
    domain: 'upstream',
    userFixable: false,
    zh: '相关部门系统暂时无法访问，请稍后再试',
    en: 'The department’s system cannot be reached right now. Please try again later.',
  },
  AGENCY_TIMEOUT: {
    domain: 'upstream',
    userFixable: false,
    zh: '相关部门系统响应超时，请稍后再试',
    en: 'The department’s system took too long to answer. Please try again later.',
  },
  AGENCY_CIRCUIT_OPEN: {
    domain: 'upstream',
    userFixable: false,
    zh: '相关部门系统正在恢复中，请稍后再试',
    en: 'The department’s system is recovering. Please try again in a minute.',
  },
  // catalogue
  UNKNOWN_REGION: {
    domain: 'catalogue',
    userFixable: true,
    zh: '地区代码无效，请输入6位行政区划代码',
    en: 'The region code is not valid. Use a 6-digit division code.',
  },
  // validation of personal identifiers (shared validators' problems)
  ID_NUMBER_FORMAT: {
    domain: 'validation',
    userFixable: true,
    zh: '身份证号应为18位，最后一位可以是数字或X',
    en: 'An ID number has 18 characters; the last may be a digit or X.',
  },
  ID_NUMBER_PROVINCE: {
    domain: 'validation',
    userFixable: true,
    zh: '身份证号前两位不是有效的省份代码',
    en: 'The first two digits of the ID number are not a valid province.',
  },
  ID_NUMBER_BIRTH_DATE: {
    domain: 'validation',
    userFixable: true,
    zh: '身份证号中的出生日期无效',
    en: 'The birth date in the ID number is not valid.',
  },
  ID_NUMBER_CHECKSUM: {
    domain: 'validation',
    userFixable: true,
    zh: '身份证号校验位不正确，请核对后重新输入',
    en: 'The ID number’s check character is wrong. Please check it.',
  },
  PLATE_FORMAT: {
    domain: 'validation',
    userFixable: true,
    zh: '车牌号格式不正确',
    en: 'The plate number is not in a valid format.',
  },
  PLATE_PROVINCE: {
    domain: 'validation',
    userFixable: true,
    zh: '车牌号应以省份简称开头，如“粤”',
    en: 'A plate starts with a province character, such as 粤.',
  },
  PLATE_TYPE_MISMATCH: {
    domain: 'validation',
    userFixable: true,
    zh: '车牌号与所选号牌种类不符，请核对号牌颜色',
    en: 'That plate number does not fit the plate type you picked. Please check the colour of the plate.',
  },
  PLATE_TYPE_UNSUPPORTED: {
    domain: 'validation',
    userFixable: true,
    zh: '警用、使领馆等号牌不能在此挪车，请拨打122',
    en: 'Police, embassy and similar plates cannot be handled here. Please call 122.',
  },
  CREDIT_CODE_FORMAT: {
    domain: 'validation',
    userFixable: true,
    zh: '统一社会信用代码应为18位',
    en: 'A unified social credit code has 18 characters.',
  },
  CREDIT_CODE_CHECKSUM: {
    domain: 'validation',
    userFixable: true,
    zh: '统一社会信用代码校验位不正确',
    en: 'The credit code’s check character is wrong.',
  },
  PHONE_FORMAT: {
    domain: 'validation',
    userFixable: true,
    zh: '请输入11位手机号码',
    en: 'Enter an 11-digit mobile number.',
  },
  NAME_FORMAT: {
    domain: 'validation',
    userFixable: true,
    zh: '请输入身份证上的姓名（2至30个字）',
    en: 'Enter your name as on your ID card (2 to 30 characters).',
  },
  // identity: sessions
  TOKEN_EXPIRED: {
    domain: 'identity',
    userFixable: false,
    zh: '登录已过期，正在重新登录',
    en: 'Your session expired; signing you in again.',
  },
  LOGIN_CODE_INVALID: {
    domain: 'identity',
    userFixable: false,
    zh: '登录凭证无效或已过期，请重新打开小程序',
    en: 'The sign-in code is invalid or expired. Please reopen the app.',
  },
  REFRESH_TOKEN_REUSED: {
    domain: 'identity',
    userFixable: false,
    zh: '检测到登录凭证被重复使用，为保护您的账户已退出登录，请重新登录',
    en: 'A sign-in token was used twice, so we signed you out to protect your account. Please sign in again.',
  },
  ASSURANCE_LEVEL_TOO_LOW: {
    domain: 'identity',
    userFixable: true,
    zh: '请先完成身份认证再使用此服务',
    en: 'Please verify your identity to use this service.',
  },
  // identity: real name
  REALNAME_MISMATCH: {
    domain: 'identity',
    userFixable: true,
    zh: '姓名与身份证号不匹配，请核对后重试',
    en: 'The name and ID number do not match. Please check them.',
  },
  REALNAME_LOCKED: {
    domain: 'identity',
    userFixable: false,
    zh: '今日核验失败次数过多，请明天再试',
    en: 'Too many failed checks today. Please try again tomorrow.',
  },
  ACCOUNT_ALREADY_VERIFIED: {
    domain: 'identity',
    userFixable: false,
    zh: '此账号已完成实名认证，不能更换为其他身份',
    en: 'This account is already verified as another person.',
  },
  // identity: phone
  PHONE_CODE_WRONG: {
    domain: 'identity',
    userFixable: true,
    zh: '验证码不正确，请重新输入',
    en: 'The code is not right. Please enter it again.',
  },
  PHONE_CODE_EXPIRED: {
    domain: 'identity',
    userFixable: true,
    zh: '验证码已过期，请重新获取',
    en: 'The code has expired. Please ask for a new one.',
  },
  PHONE_CODE_TOO_MANY_TRIES: {
    domain: 'identity',
    userFixable: true,
    zh: '验证码输错次数过多，请重新获取',
    en: 'Too many wrong codes. Please ask for a new one.',
  },
  PHONE_CODE_RESEND_TOO_SOON: {
    domain: 'identity',
    userFixable: true,
    zh: '验证码已发送，请稍后再重新获取',
    en: 'A code was just sent. Please wait before asking again.',
  },
  // identity: face
  FACE_CONSENT_REQUIRED: {
    domain: 'identity',
    userFixable: true,
    zh: '人脸识别需要您单独同意采集人脸信息',
    en: 'Face verification needs your separate consent.',
  },
  FACE_FAILED: {
    domain: 'identity',
    userFixable: true,
    zh: '人脸识别未通过，请在光线充足处正对镜头重试',
    en: 'Face verification did not pass. Try again in good light, facing the camera.',
  },
  FACE_CANCELLED: {
    domain: 'identity',
    userFixable: true,
    zh: '您已取消人脸识别',
    en: 'You cancelled face verification.',
  },
  FACE_PENDING: {
    domain: 'identity',
    userFixable: true,
    zh: '人脸识别尚未完成，请完成后再试',
    en: 'Face verification is not finished yet.',
  },
  FACE_STALE: {
    domain: 'identity',
    userFixable: true,
    zh: '为保护您的账户，此操作需要重新进行人脸识别',
    en: 'To protect your account, this needs a fresh face verification.',
  },
  PHONE_FROM_PLATFORM_FAILED: {
    domain: 'identity',
    userFixable: true,
    zh: '未能从平台获取手机号，请输入手机号并用短信验证码绑定',
    en: 'The phone number could not be read from the platform. Please enter it and confirm it with a text message code.',
  },
  FACE_LOCKED: {
    domain: 'identity',
    userFixable: false,
    zh: '今日人脸识别次数已达上限，请明天再试',
    en: 'You have reached today’s limit of face verifications. Please try again tomorrow.',
  },
  // identity: privacy policy and user agreement
  POLICY_VERSION_OUTDATED: {
    domain: 'identity',
    userFixable: true,
    zh: '隐私政策或用户协议已更新，请阅读新版本后再同意',
    en: 'The privacy policy or user agreement has changed. Please read the new version, then agree.',
  },
  POLICY_CONSENT_REQUIRED: {
    domain: 'identity',
    userFixable: true,
    zh: '实名认证前，请先阅读并同意隐私政策和用户协议',
    en: 'Before verifying your real name, please read and agree to the privacy policy and the user agreement.',
  },
  // identity: joining a platform account to a citizen who already has accounts
  REALNAME_LINK_PROOF_REQUIRED: {
    domain: 'identity',
    userFixable: true,
    zh: '该身份已在其他平台使用，请通过人脸识别或向已绑定手机发送的验证码确认是本人',
    en: 'This identity is already used on another platform. Confirm it is you with face verification or a code sent to the bound phone.',
  },
  LINK_CODE_UNAVAILABLE: {
    domain: 'identity',
    userFixable: true,
    zh: '该身份未绑定手机，请使用人脸识别确认本人',
    en: 'No phone is bound to this identity. Please confirm with face verification.',
  },
  NO_PENDING_LINK: {
    domain: 'identity',
    userFixable: false,
    zh: '没有待确认的身份关联，请重新进行实名认证',
    en: 'There is no identity waiting to be confirmed. Please verify your real name again.',
  },
  // identity: acting for family (issue 17)
  ACTING_NOT_ALLOWED: {
    domain: 'identity',
    userFixable: false,
    zh: '为他人办理时不能进行此操作，请由本人办理',
    en: 'This cannot be done for someone else. The person must do it themselves.',
  },
  ACTING_OUT_OF_SCOPE: {
    domain: 'identity',
    userFixable: false,
    zh: '您没有获得办理此事项的授权',
    en: 'You are not authorised to do this for them.',
  },
  ACTING_RIGHT_ENDED: {
    domain: 'identity',
    userFixable: false,
    zh: '代办关系已结束（已成年或授权已撤销），已切换回本人',
    en: 'You can no longer act for them (they came of age, or the authorisation ended). You are acting for yourself again.',
  },
  ACTING_NO_RIGHT: {
    domain: 'identity',
    userFixable: false,
    zh: '登记的家庭关系中没有此人，或您不能为其办理',
    en: 'This person is not among your registered relations, or you cannot act for them.',
  },
  // identity: authorisations between adults (issue 17)
  AUTHORISATION_SCOPES_EMPTY: {
    domain: 'identity',
    userFixable: true,
    zh: '请至少选择一项授权范围',
    en: 'Choose at least one thing they may do for you.',
  },
  AUTHORISATION_SCOPE_UNKNOWN: {
    domain: 'identity',
    userFixable: true,
    zh: '授权范围中有无法识别的事项',
    en: 'One of the things chosen is not a service, category, the wallet or appointments.',
  },
  AUTHORISATION_UNTIL_PAST: {
    domain: 'identity',
    userFixable: true,
    zh: '授权截止日期不能早于今天',
    en: 'The end date cannot be before today.',
  },
  AUTHORISATION_UNTIL_TOO_FAR: {
    domain: 'identity',
    userFixable: true,
    zh: '授权期限最长为一年',
    en: 'An authorisation can last at most one year.',
  },
  AUTHORISATION_SELF: {
    domain: 'identity',
    userFixable: true,
    zh: '不能授权给自己',
    en: 'You cannot authorise yourself.',
  },
  AUTHORISATION_GRANTEE_INVALID: {
    domain: 'identity',
    userFixable: true,
    zh: '请从登记的家庭成员中选择，或填写被授权人的姓名和身份证号',
    en: 'Choose a registered family member, or give the person’s name and ID number.',
  },
  AUTHORISATION_GRANTEE_MINOR: {
    domain: 'identity',
    userFixable: true,
    zh: '被授权人须年满18周岁',
    en: 'The person you authorise must be 18 or older.',
  },
  AUTHORISATION_LIMIT: {
    domain: 'identity',
    userFixable: true,
    zh: '有效授权最多8项，请先撤销不再需要的授权',
    en: 'You can have at most 8 authorisations. Revoke one you no longer need first.',
  },
  AUTHORISATION_NOT_FOUND: {
    domain: 'identity',
    userFixable: false,
    zh: '没有找到这项授权',
    en: 'That authorisation was not found.',
  },
  AUTHORISATION_ENDED: {
    domain: 'identity',
    userFixable: false,
    zh: '这项授权已撤销或已过期',
    en: 'That authorisation was revoked or has expired.',
  },
  // car moving
  VEHICLE_NOT_FOUND: {
    domain: 'car-move',
    userFixable: true,
    zh: '未查询到该车牌的登记信息，请核对车牌号和号牌颜色（种类）',
    en: 'No vehicle is registered with that plate. Please check the number and the colour (type) of the plate.',
  },
  CAR_MOVE_STEP_TOO_SOON: {
    domain: 'car-move',
    userFixable: false,
    zh: '请再等一会儿，车主可能正在赶来',
    en: 'Please wait a little longer; the owner may be on the way.',
  },
  CAR_MOVE_STEP_NOT_AVAILABLE: {
    domain: 'car-move',
    userFixable: false,
    zh: '车主已回复或请求已结束，无需再联系',
    en: 'The owner has answered or the request has ended; there is no need for this step.',
  },
  CAR_MOVE_OWN_VEHICLE: {
    domain: 'car-move',
    userFixable: true,
    zh: '这是登记在您名下的车辆，无需挪车请求',
    en: 'This vehicle is registered to you; you cannot ask yourself to move it.',
  },
  CAR_MOVE_LIMIT_DAY: {
    domain: 'car-move',
    userFixable: false,
    zh: '今日挪车请求次数已用完，请明天再试',
    en: 'You have used today’s car-moving requests. Please try tomorrow.',
  },
  CAR_MOVE_LIMIT_MONTH: {
    domain: 'car-move',
    userFixable: false,
    zh: '本月挪车请求次数已用完',
    en: 'You have used this month’s car-moving requests.',
  },
  CAR_MOVE_LIMIT_PLATE: {
    domain: 'car-move',
    userFixable: false,
    zh: '该车辆刚刚已被通知挪车，请稍后再试',
    en: 'This vehicle’s owner was notified very recently. Please wait a while.',
  },
  CAR_MOVE_SUSPENDED: {
    domain: 'car-move',
    userFixable: false,
    zh: '因多次被车主举报恶意挪车，您的挪车功能已被暂停',
    en: 'Car moving is suspended for you after repeated reports of misuse.',
  },
  CAR_MOVE_NOT_FOUND: {
    domain: 'car-move',
    userFixable: false,
    zh: '没有找到这条挪车请求',
    en: 'That car-moving request was not found.',
  },
  CAR_MOVE_CLOSED: {
    domain: 'car-move',
    userFixable: false,
    zh: '这条挪车请求已结束',
    en: 'That car-moving request has ended.',
  },
  CAR_MOVE_REMINDER_TOO_SOON: {
    domain: 'car-move',
    userFixable: false,
    zh: '发出请求10分钟后才能再次提醒车主',
    en: 'You can remind the owner 10 minutes after the request.',
  },
  CAR_MOVE_ALREADY_REMINDED: {
    domain: 'car-move',
    userFixable: false,
    zh: '已经提醒过车主一次了',
    en: 'The owner has already been reminded once.',
  },
  CAR_MOVE_LINK_INVALID: {
    domain: 'car-move',
    userFixable: false,
    zh: '链接无效，请打开短信中的完整链接',
    en: 'This link is not valid. Please open the full link from the message.',
  },
  CAR_MOVE_ANSWER_USED: {
    domain: 'car-move',
    userFixable: false,
    zh: '您已经回复过了',
    en: 'You have already answered.',
  },
  CAR_MOVE_ALREADY_REPORTED: {
    domain: 'car-move',
    userFixable: false,
    zh: '您已经举报过这条请求',
    en: 'You have already reported this request.',
  },
  CAR_MOVE_PLACE_INVALID: {
    domain: 'car-move',
    userFixable: true,
    zh: '位置最多30个字，只能用中文、字母、数字和常用标点，不能包含网址或电话号码',
    en: 'The place can have at most 30 characters: Chinese, letters, digits and common punctuation, with no links or phone numbers.',
  },
  CAR_MOVE_REPORT_NOT_FOUND: {
    domain: 'car-move',
    userFixable: false,
    zh: '没有找到待审核的这条举报（可能已被处理）',
    en: 'No pending report was found for that request (it may have been decided already).',
  },
  CAR_MOVE_CODE_INVALID: {
    domain: 'car-move',
    userFixable: false,
    zh: '这个挪车码已失效，请拨打122或联系物业',
    en: 'This car-moving code is no longer valid. Please call 122 or the property management.',
  },
  CAR_MOVE_CODE_PAUSED: {
    domain: 'car-move',
    userFixable: false,
    zh: '车主已暂停这个挪车码，如情况紧急请拨打122',
    en: 'The owner has paused this code. If it is urgent, please call 122.',
  },
  CAR_MOVE_CODE_LIMIT: {
    domain: 'car-move',
    userFixable: false,
    zh: '通知太频繁，请稍后再试；紧急情况请拨打122',
    en: 'Too many notices just now. Please wait a while; if it is urgent, call 122.',
  },
  CAR_MOVE_CODE_NOT_FOUND: {
    domain: 'car-move',
    userFixable: false,
    zh: '没有找到这个挪车码',
    en: 'That car-moving code was not found.',
  },
  CAR_MOVE_VEHICLE_NOT_YOURS: {
    domain: 'car-move',
    userFixable: false,
    zh: '车辆管理所没有登记在您名下的这辆车',
    en: 'The vehicle register has no such vehicle registered to you.',
  },
  CAR_MOVE_LOCATION_REQUIRED: {
    domain: 'car-move',
    userFixable: true,
    zh: '请定位或在地图上选择车辆所在位置',
    en: 'Please locate yourself or pick where the car is on the map.',
  },
  CAR_MOVE_PHOTOS_REQUIRED: {
    domain: 'car-move',
    userFixable: true,
    zh: '请拍摄1至3张现场照片',
    en: 'Please add 1 to 3 photos of the scene.',
  },
  CAR_MOVE_QUIET_HOURS_INVALID: {
    domain: 'car-move',
    userFixable: true,
    zh: '免打扰时段的开始和结束须为整点或半点，且不能相同',
    en: 'Quiet hours must start and end on the hour or half hour, and not at the same time.',
  },
  CAR_MOVE_NOT_VEHICLE_OWNER: {
    domain: 'car-move',
    userFixable: false,
    zh: '您名下没有登记的车辆',
    en: 'No vehicle is registered to you.',
  },
  UPLOAD_TOO_LARGE: {
    domain: 'car-move',
    userFixable: true,
    zh: '照片太大，请选择5MB、4000万像素以内的照片',
    en: 'The photo is too large. Choose one under 5 MB and 40 megapixels.',
  },
  UPLOAD_TYPE: {
    domain: 'car-move',
    userFixable: true,
    zh: '只能上传JPG或PNG格式的照片',
    en: 'Only JPG or PNG photos can be uploaded.',
  },
  UPLOAD_UNREADABLE: {
    domain: 'car-move',
    userFixable: true,
    zh: '照片无法读取，可能已损坏，请重新拍摄或选择其他照片',
    en: 'The photo cannot be read; it may be damaged. Take it again or choose another.',
  },
  UPLOAD_QUOTA_EXCEEDED: {
    domain: 'car-move',
    userFixable: false,
    zh: '今天上传的照片太多了，请明天再试',
    en: 'You have uploaded too many photos today. Please try again tomorrow.',
  },
  UPLOAD_NOT_FOUND: {
    domain: 'car-move',
    userFixable: true,
    zh: '照片已失效，请重新上传',
    en: 'The photo is no longer available. Please upload it again.',
  },
  RELAY_NEEDS_PHONE: {
    domain: 'car-move',
    userFixable: true,
    zh: '请先绑定手机号，才能使用隐私号码通话',
    en: 'Bind your phone first to call through a privacy number.',
  },
  // operators (console)
  OPERATOR_SIGN_IN_FAILED: {
    domain: 'operators',
    userFixable: true,
    zh: '用户名或密码不正确',
    en: 'The username or password is not right.',
  },
  OPERATOR_LOCKED: {
    domain: 'operators',
    userFixable: false,
    zh: '密码错误次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many wrong passwords: the account is locked for a while.',
  },
  OPERATOR_ROLE_REQUIRED: {
    domain: 'operators',
    userFixable: false,
    zh: '您的角色无权进行此操作',
    en: 'Your role does not allow this.',
  },
  OPERATOR_PASSWORD_WEAK: {
    domain: 'operators',
    userFixable: true,
    zh: '密码至少12位，且需包含字母和数字',
    en: 'A password needs at least 12 characters, with letters and digits.',
  },
  OPERATOR_EXISTS: { domain: 'operators', userFixable: true, zh: '该用户名已被使用', en: 'That username is taken.' },
  // tiles (console)
  TILE_INVALID: {
    domain: 'tiles',
    userFixable: true,
    zh: '磁贴内容填写有误，请检查标注的项目',
    en: 'Some of the tile’s fields are not valid.',
  },
  TILE_TARGET_NOT_ALLOWED: {
    domain: 'tiles',
    userFixable: true,
    zh: '网页地址不在政务域名白名单内',
    en: 'The web address is not on the allow-list of government domains.',
  },
  TILE_TARGET_UNKNOWN: {
    domain: 'tiles',
    userFixable: true,
    zh: '跳转目标不存在（服务或页面）',
    en: 'The target service or page does not exist.',
  },
  TILE_SCHEDULE_INVALID: {
    domain: 'tiles',
    userFixable: true,
    zh: '下线时间必须晚于上线时间',
    en: 'The expiry must come after the publish time.',
  },
  TILE_CONFLICT: {
    domain: 'tiles',
    userFixable: true,
    zh: '他人已修改此磁贴，请刷新后在最新版本上修改；您的修改已另存',
    en: 'Someone else changed this tile. Reload and edit the latest; your edit was kept aside.',
  },
  TILE_NOT_FOUND: { domain: 'tiles', userFixable: false, zh: '没有找到这个磁贴', en: 'That tile was not found.' },
  TILE_VERSION_NOT_FOUND: {
    domain: 'tiles',
    userFixable: false,
    zh: '没有找到这个版本',
    en: 'That version was not found.',
  },
  ICON_TOO_LARGE: {
    domain: 'tiles',
    userFixable: true,
    zh: '图标文件太大（最大200KB）',
    en: 'The icon file is too large (200 KB at most).',
  },
  ICON_TYPE: {
    domain: 'tiles',
    userFixable: true,
    zh: '图标只能是PNG或JPG图片',
    en: 'An icon must be a PNG or JPG image.',
  },
  // home notices (banner and notices published from the console, modules/notices)
  NOTICE_INVALID: {
    domain: 'tiles',
    userFixable: true,
    zh: '公告内容填写有误，请检查标注的项目',
    en: 'Some of the notice’s fields are not valid.',
  },
  NOTICE_CONFLICT: {
    domain: 'tiles',
    userFixable: true,
    zh: '他人已修改此公告，请刷新后在最新版本上修改',
    en: 'Someone else changed this notice. Reload and edit the latest version.',
  },
  NOTICE_NOT_FOUND: { domain: 'tiles', userFixable: false, zh: '没有找到这条公告', en: 'That notice was not found.' },
  // forms: service application forms (shared/src/forms; uploads reuse UPLOAD_TOO_LARGE / UPLOAD_TYPE above)
  FORM_ANSWERS_INVALID: {
    domain: 'forms',
    userFixable: true,
    zh: '表单内容无法识别，请刷新页面后重新填写',
    en: 'The form could not be read. Please reload the page and fill it in again.',
  },
  FORM_FIELD_UNKNOWN: {
    domain: 'forms',
    userFixable: true,
    zh: '表单中有本服务不需要的项目，请刷新页面后重新填写',
    en: 'The form has an item this service does not ask for. Please reload and fill it in again.',
  },
  FORM_FIELD_REQUIRED: { domain: 'forms', userFixable: true, zh: '此项为必填项', en: 'This is required.' },
  FORM_FIELD_PATTERN: {
    domain: 'forms',
    userFixable: true,
    zh: '格式不正确，请按提示填写',
    en: 'This is not in the expected format. Please follow the hint.',
  },
  FORM_FIELD_TOO_SHORT: {
    domain: 'forms',
    userFixable: true,
    zh: '内容太短，请填写完整',
    en: 'This is too short. Please fill it in completely.',
  },
  FORM_FIELD_TOO_LONG: {
    domain: 'forms',
    userFixable: true,
    zh: '内容太长，请精简后再填写',
    en: 'This is too long. Please shorten it.',
  },
  FORM_FIELD_NOT_NUMBER: { domain: 'forms', userFixable: true, zh: '请输入数字', en: 'Enter a number.' },
  FORM_FIELD_TOO_SMALL: {
    domain: 'forms',
    userFixable: true,
    zh: '数值小于允许的最小值',
    en: 'This number is below the smallest allowed.',
  },
  FORM_FIELD_TOO_LARGE: {
    domain: 'forms',
    userFixable: true,
    zh: '数值大于允许的最大值',
    en: 'This number is above the largest allowed.',
  },
  FORM_FIELD_AMOUNT_FORMAT: {
    domain: 'forms',
    userFixable: true,
    zh: '请输入金额（元），最多保留两位小数',
    en: 'Enter an amount in yuan, with at most 2 decimal places.',
  },
  FORM_FIELD_DATE_FORMAT: { domain: 'forms', userFixable: true, zh: '请选择有效的日期', en: 'Choose a valid date.' },
  FORM_FIELD_DATE_TOO_EARLY: {
    domain: 'forms',
    userFixable: true,
    zh: '日期早于允许的最早日期',
    en: 'This date is earlier than allowed.',
  },
  FORM_FIELD_DATE_TOO_LATE: {
    domain: 'forms',
    userFixable: true,
    zh: '日期晚于允许的最晚日期',
    en: 'This date is later than allowed.',
  },
  FORM_FIELD_OPTION_UNKNOWN: {
    domain: 'forms',
    userFixable: true,
    zh: '请从列表中选择一项',
    en: 'Choose one of the options in the list.',
  },
  FORM_FIELD_REFERENCE_FORMAT: {
    domain: 'forms',
    userFixable: true,
    zh: '所选证照或文件无效，请重新选择',
    en: 'The chosen licence or file is not valid. Please choose it again.',
  },
  FORM_FIELD_LOCKED: {
    domain: 'forms',
    userFixable: true,
    zh: '此项由政府部门数据自动填写，不能修改',
    en: 'This is filled in from government records and cannot be changed.',
  },
  FORM_RECORD_NOT_OWN: {
    domain: 'forms',
    userFixable: true,
    zh: '请从您本人名下的记录中选择',
    en: 'Choose one of the records held in your name.',
  },
  SERVICE_NOT_FOUND: { domain: 'forms', userFixable: false, zh: '没有找到该服务', en: 'That service was not found.' },
  LICENCE_NOT_YOURS: {
    domain: 'forms',
    userFixable: true,
    zh: '只能选择您本人的证照',
    en: 'You can only choose your own licences.',
  },
  PREFILL_NO_RECORD: {
    domain: 'forms',
    userFixable: true,
    zh: '相关部门没有您的这项记录，请自行填写',
    en: 'The department holds no record of this for you. Please fill it in.',
  },
  DRAFT_CONFLICT: {
    domain: 'forms',
    userFixable: false,
    zh: '草稿已在其他设备上更新，已为您载入最新内容',
    en: 'The draft was changed on another device; the latest version has been loaded.',
  },
  APPLICATION_WRONG_STATE: {
    domain: 'forms',
    userFixable: false,
    zh: '申请当前状态不能进行此操作，请刷新后查看',
    en: 'The application cannot do that in its current state. Please refresh.',
  },
  APPLICATION_ALREADY_DECIDED: {
    domain: 'forms',
    userFixable: false,
    zh: '部门已作出决定，申请不能再撤回',
    en: 'The department has already decided; the application can no longer be withdrawn.',
  },
  // wallet: electronic licences and their QR codes
  LICENCE_NOT_FOUND: {
    domain: 'wallet',
    userFixable: false,
    zh: '没有找到这张证照',
    en: 'That licence was not found.',
  },
  LICENCE_CODE_INVALID: {
    domain: 'wallet',
    userFixable: false,
    zh: '亮证码无效，可能被篡改或不是本系统生成',
    en: 'The licence code is not genuine.',
  },
  LICENCE_CODE_EXPIRED: {
    domain: 'wallet',
    userFixable: true,
    zh: '亮证码已过期，请让对方刷新后重新出示',
    en: 'The licence code has expired. Ask the holder to refresh it.',
  },
  LICENCE_CODE_USED: {
    domain: 'wallet',
    userFixable: true,
    zh: '亮证码已被核验过一次，请让对方刷新后重新出示',
    en: 'The licence code was already checked once. Ask the holder to refresh it.',
  },
  // appointments
  HALL_NOT_FOUND: {
    domain: 'appointments',
    userFixable: false,
    zh: '没有找到该办事大厅或该大厅不办理此项业务',
    en: 'That hall was not found, or it does not offer this service.',
  },
  SLOT_NOT_FOUND: {
    domain: 'appointments',
    userFixable: true,
    zh: '该时段不可预约，请选择其他时段',
    en: 'That time cannot be booked. Choose another.',
  },
  SLOT_IN_PAST: {
    domain: 'appointments',
    userFixable: true,
    zh: '该时段已过，请选择之后的时段',
    en: 'That time has passed. Choose a later one.',
  },
  SLOT_FULL: {
    domain: 'appointments',
    userFixable: true,
    zh: '该时段已约满，请选择其他时段',
    en: 'That time is fully booked. Choose another.',
  },
  APPOINTMENT_EXISTS: {
    domain: 'appointments',
    userFixable: true,
    zh: '您已有该业务的预约，可在“我的预约”中改约或取消',
    en: 'You already have an appointment for this service. Change or cancel it in My appointments.',
  },
  APPOINTMENT_NOT_FOUND: {
    domain: 'appointments',
    userFixable: false,
    zh: '没有找到这条预约',
    en: 'That appointment was not found.',
  },
  APPOINTMENT_CLOSED: {
    domain: 'appointments',
    userFixable: false,
    zh: '该预约已取消或已过期，不能再修改',
    en: 'That appointment was cancelled or has passed; it cannot be changed.',
  },
  // ask: FAQ, 12345 consultations, progress lookup without signing in
  CONSULTATION_LIMIT: {
    domain: 'ask',
    userFixable: false,
    zh: '今日提交的咨询已达上限，请明天再试或拨打12345',
    en: 'You have sent as many questions as allowed today. Please try tomorrow or call 12345.',
  },
  CONSULTATION_WRONG_STATE: {
    domain: 'ask',
    userFixable: false,
    zh: '这条咨询尚未答复或已办结，不能进行此操作',
    en: 'This question has not been answered yet, or is already closed.',
  },
  PROGRESS_NOT_FOUND: {
    domain: 'ask',
    userFixable: true,
    zh: '申请编号或查询码不正确，请核对后重试',
    en: 'The application number or query code is not right. Please check them.',
  },
  PROGRESS_TOO_MANY_TRIES: {
    domain: 'ask',
    userFixable: false,
    zh: '查询次数过多，请稍后再试',
    en: 'Too many tries. Please wait and try again later.',
  },
  // payments: fees, receipts, refunds
  PAYMENT_EXPIRED: {
    domain: 'payments',
    userFixable: false,
    zh: '已超过缴费期限，申请已失效，请重新申请',
    en: 'The time to pay has passed and the application has lapsed. Please apply again.',
  },
  PAYMENT_WRONG_STATE: {
    domain: 'payments',
    userFixable: false,
    zh: '该笔费用已支付或已退款，请刷新后查看',
    en: 'This fee is already paid or refunded. Please refresh.',
  },
  REFUND_OWN_REQUEST: {
    domain: 'payments',
    userFixable: false,
    zh: '退款须由另一位操作员批准，不能批准自己发起的退款',
    en: 'Another operator must approve this refund; you cannot approve your own request.',
  },
  REFUND_NOT_REFUNDABLE: {
    domain: 'payments',
    userFixable: false,
    zh: '该笔费用未支付或已退款，不能退款',
    en: 'This fee is not paid, or is already refunded; it cannot be refunded.',
  },
  REFUND_REQUEST_CLOSED: {
    domain: 'payments',
    userFixable: false,
    zh: '该退款申请已处理',
    en: 'This refund request has already been decided.',
  },
  UTILITY_ACCOUNT_NOT_FOUND: {
    domain: 'payments',
    userFixable: true,
    zh: '没有找到该户号，请核对缴费通知单上的户号',
    en: 'No household account has that number. Please check it against your bill.',
  },
  UTILITY_HOLDER_MISMATCH: {
    domain: 'payments',
    userFixable: true,
    zh: '户主姓名与该户号登记的不一致，请填写户主的完整姓名',
    en: 'That is not the name the account is registered to. Please enter the account holder’s full name.',
  },
  UTILITY_BIND_LIMIT: {
    domain: 'payments',
    userFixable: false,
    zh: '今日户号核对失败次数过多，请明天再试',
    en: 'Too many account checks failed today. Please try again tomorrow.',
  },
  UTILITY_BILL_NOT_DUE: {
    domain: 'payments',
    userFixable: false,
    zh: '该账单已缴清或已不存在，请刷新后查看',
    en: 'This bill is already paid or no longer exists. Please refresh.',
  },
  FINE_NOT_PAYABLE: {
    domain: 'payments',
    userFixable: false,
    zh: '该违法记录已处理或没有罚款，无需缴纳',
    en: 'This violation is already handled or has no fine to pay.',
  },
  // ratings: 好差评 of finished cases
  RATING_ALREADY_GIVEN: {
    domain: 'ratings',
    userFixable: false,
    zh: '您已评价过该事项，每件事项只能评价一次',
    en: 'You have already rated this; each case is rated once.',
  },
  RATING_CASE_NOT_FINISHED: {
    domain: 'ratings',
    userFixable: false,
    zh: '事项办结后才能评价',
    en: 'You can rate this once it is finished.',
  },
  // services: service guides, forms and inquiry cards authored in the console (modules/services-admin)
  SERVICE_INVALID: {
    domain: 'services',
    userFixable: true,
    zh: '服务内容填写有误，请检查标注的项目',
    en: 'Some of the service’s fields are not valid.',
  },
  SERVICE_FORM_INVALID: {
    domain: 'services',
    userFixable: true,
    zh: '表单设计有误，请按提示修改',
    en: 'The form has problems; see the list and fix them.',
  },
  SERVICE_ENGLISH_MISSING: {
    domain: 'services',
    userFixable: true,
    zh: '缺少英文内容，请补充英文后再保存',
    en: 'The English text is missing. Add it before saving.',
  },
  SERVICE_DEPARTMENT_UNKNOWN: {
    domain: 'services',
    userFixable: true,
    zh: '实施部门不在已接入的部门之列',
    en: 'That department is not one the app is connected to.',
  },
  SERVICE_PREFILL_UNRESOLVED: {
    domain: 'services',
    userFixable: true,
    zh: '自动填写的数据项在该部门的接口说明中不存在',
    en: 'The prefilled item is not in that agency’s described records.',
  },
  SERVICE_CONFLICT: {
    domain: 'services',
    userFixable: true,
    zh: '他人已修改此服务，请刷新后在最新版本上修改；您的修改已另存',
    en: 'Someone else changed this service. Reload and edit the latest; your edit was kept aside.',
  },
  SERVICE_VERSION_NOT_FOUND: {
    domain: 'services',
    userFixable: false,
    zh: '没有找到这个版本',
    en: 'That version was not found.',
  },
  SERVICE_DRAFT_CHANGED: {
    domain: 'services',
    userFixable: false,
    zh: '服务表单已更新，草稿中已不再需要的项目已移除',
    en: 'The form has changed since your draft; items it no longer asks for were removed.',
  },
  INQUIRY_CARD_INVALID: {
    domain: 'services',
    userFixable: true,
    zh: '查询卡片内容填写有误，请检查标注的项目',
    en: 'Some of the inquiry card’s fields are not valid.',
  },
  INQUIRY_FIELD_NOT_ALLOWED: {
    domain: 'services',
    userFixable: true,
    zh: '该数据项不允许不打码显示',
    en: 'That item may not be shown unmasked.',
  },
  INQUIRY_PREVIEW_REQUIRED: {
    domain: 'services',
    userFixable: true,
    zh: '请先用测试人员数据预览后再发布',
    en: 'Preview with a test person’s data before publishing.',
  },
  INQUIRY_CARD_NOT_FOUND: {
    domain: 'services',
    userFixable: false,
    zh: '没有找到这张查询卡片',
    en: 'That inquiry card was not found.',
  },
  INQUIRY_CARD_IN_USE: {
    domain: 'services',
    userFixable: true,
    zh: '仍有已发布的服务入口指向这张查询卡片，请先修改或下线这些入口',
    en: 'Published tiles still open this inquiry card: retarget or unpublish them first.',
  },
  HALL_INVALID: {
    domain: 'services',
    userFixable: true,
    zh: '办事大厅信息填写有误，请检查标注的项目',
    en: 'Some of the hall’s fields are not valid.',
  },
  FAQ_ENTRY_INVALID: {
    domain: 'services',
    userFixable: true,
    zh: '问答内容填写有误（中英文问题和答案均需填写）',
    en: 'The question and answer need both Chinese and English.',
  },
  // messages: platform subscription messages (never shown as such: the message falls back to SMS)
  PLATFORM_MESSAGE_NOT_SUBSCRIBED: {
    domain: 'messages',
    userFixable: false,
    zh: '您尚未订阅此类消息，已改为短信通知',
    en: 'You have not subscribed to these messages; a text was sent instead.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** The message for a code in a language; unknown codes get the generic one. */
export function errorMessage(code: unknown, locale: 'zh' | 'en' = 'zh'): string {
  return (isErrorCode(code) ? ERROR_CODES[code] : ERROR_CODES.INTERNAL_SERVER_ERROR)[locale];
}
