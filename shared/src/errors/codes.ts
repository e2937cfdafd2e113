/**
 * The one registry of error codes the API may put in `extensions.code`, grouped by
 * domain. The BFF throws them; the mini-program turns each into a message a person
 * understands (zh-CN first, English second). Codes are stable: never rename one.
 */
export interface ErrorCodeInfo {
  domain: 'common' | 'upstream' | 'catalogue' | 'validation' | 'identity' | 'car-move' | 'operators' | 'tiles' | 'forms' | 'wallet' | 'appointments';
  /** Whether the person can fix it by changing their input (vs. waiting or retrying). */
  userFixable: boolean;
  zh: string;
  en: string;
}

export const ERROR_CODES = {
  // common
  BAD_USER_INPUT: { domain: 'common', userFixable: true, zh: '填写的内容有误，请检查后重试', en: 'Some of what you entered is not valid. Please check and try again.' },
  GRAPHQL_PARSE_FAILED: { domain: 'common', userFixable: false, zh: '请求格式有误，请更新小程序后重试', en: 'The request could not be read. Please update the app and try again.' },
  GRAPHQL_VALIDATION_FAILED: { domain: 'common', userFixable: false, zh: '请求与服务不匹配，请更新小程序后重试', en: 'The request does not match the service. Please update the app and try again.' },
  UNAUTHENTICATED: { domain: 'common', userFixable: true, zh: '请先登录', en: 'Please sign in first.' },
  FORBIDDEN: { domain: 'common', userFixable: false, zh: '您没有权限进行此操作', en: 'You are not allowed to do this.' },
  NOT_FOUND: { domain: 'common', userFixable: false, zh: '没有找到相关内容', en: 'Nothing was found.' },
  RATE_LIMITED: { domain: 'common', userFixable: false, zh: '操作太频繁，请稍后再试', en: 'Too many attempts. Please wait a moment and try again.' },
  INTERNAL_SERVER_ERROR: { domain: 'common', userFixable: false, zh: '系统繁忙，请稍后再试', en: 'Something went wrong on our side. Please try again later.' },
  NETWORK_ERROR: { domain: 'common', userFixable: false, zh: '网络连接失败，请检查网络后重试', en: 'Could not connect. Please check your network and try again.' },
  // upstream agencies
  AGENCY_UNAVAILABLE: { domain: 'upstream', userFixable: false, zh: '相关部门系统暂时无法访问，请稍后再试', en: 'The department’s system cannot be reached right now. Please try again later.' },
  AGENCY_TIMEOUT: { domain: 'upstream', userFixable: false, zh: '相关部门系统响应超时，请稍后再试', en: 'The department’s system took too long to answer. Please try again later.' },
  AGENCY_CIRCUIT_OPEN: { domain: 'upstream', userFixable: false, zh: '相关部门系统正在恢复中，请稍后再试', en: 'The department’s system is recovering. Please try again in a minute.' },
  // catalogue
  UNKNOWN_REGION: { domain: 'catalogue', userFixable: true, zh: '地区代码无效，请输入6位行政区划代码', en: 'The region code is not valid. Use a 6-digit division code.' },
  // validation of personal identifiers (shared validators' problems)
  ID_NUMBER_FORMAT: { domain: 'validation', userFixable: true, zh: '身份证号应为18位，最后一位可以是数字或X', en: 'An ID number has 18 characters; the last may be a digit or X.' },
  ID_NUMBER_PROVINCE: { domain: 'validation', userFixable: true, zh: '身份证号前两位不是有效的省份代码', en: 'The first two digits of the ID number are not a valid province.' },
  ID_NUMBER_BIRTH_DATE: { domain: 'validation', userFixable: true, zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is not valid.' },
  ID_NUMBER_CHECKSUM: { domain: 'validation', userFixable: true, zh: '身份证号校验位不正确，请核对后重新输入', en: 'The ID number’s check character is wrong. Please check it.' },
  PLATE_FORMAT: { domain: 'validation', userFixable: true, zh: '车牌号格式不正确', en: 'The plate number is not in a valid format.' },
  PLATE_PROVINCE: { domain: 'validation', userFixable: true, zh: '车牌号应以省份简称开头，如“粤”', en: 'A plate starts with a province character, such as 粤.' },
  CREDIT_CODE_FORMAT: { domain: 'validation', userFixable: true, zh: '统一社会信用代码应为18位', en: 'A unified social credit code has 18 characters.' },
  CREDIT_CODE_CHECKSUM: { domain: 'validation', userFixable: true, zh: '统一社会信用代码校验位不正确', en: 'The credit code’s check character is wrong.' },
  PHONE_FORMAT: { domain: 'validation', userFixable: true, zh: '请输入11位手机号码', en: 'Enter an 11-digit mobile number.' },
  NAME_FORMAT: { domain: 'validation', userFixable: true, zh: '请输入身份证上的姓名（2至30个字）', en: 'Enter your name as on your ID card (2 to 30 characters).' },
  // identity: sessions
  TOKEN_EXPIRED: { domain: 'identity', userFixable: false, zh: '登录已过期，正在重新登录', en: 'Your session expired; signing you in again.' },
  LOGIN_CODE_INVALID: { domain: 'identity', userFixable: false, zh: '登录凭证无效或已过期，请重新打开小程序', en: 'The sign-in code is invalid or expired. Please reopen the app.' },
  REFRESH_TOKEN_REUSED: { domain: 'identity', userFixable: false, zh: '检测到登录凭证被重复使用，为保护您的账户已退出登录，请重新登录', en: 'A sign-in token was used twice, so we signed you out to protect your account. Please sign in again.' },
  ASSURANCE_LEVEL_TOO_LOW: { domain: 'identity', userFixable: true, zh: '请先完成身份认证再使用此服务', en: 'Please verify your identity to use this service.' },
  // identity: real name
  REALNAME_MISMATCH: { domain: 'identity', userFixable: true, zh: '姓名与身份证号不匹配，请核对后重试', en: 'The name and ID number do not match. Please check them.' },
  REALNAME_LOCKED: { domain: 'identity', userFixable: false, zh: '今日核验失败次数过多，请明天再试', en: 'Too many failed checks today. Please try again tomorrow.' },
  ACCOUNT_ALREADY_VERIFIED: { domain: 'identity', userFixable: false, zh: '此账号已完成实名认证，不能更换为其他身份', en: 'This account is already verified as another person.' },
  // identity: phone
  PHONE_CODE_WRONG: { domain: 'identity', userFixable: true, zh: '验证码不正确，请重新输入', en: 'The code is not right. Please enter it again.' },
  PHONE_CODE_EXPIRED: { domain: 'identity', userFixable: true, zh: '验证码已过期，请重新获取', en: 'The code has expired. Please ask for a new one.' },
  PHONE_CODE_TOO_MANY_TRIES: { domain: 'identity', userFixable: true, zh: '验证码输错次数过多，请重新获取', en: 'Too many wrong codes. Please ask for a new one.' },
  PHONE_CODE_RESEND_TOO_SOON: { domain: 'identity', userFixable: true, zh: '验证码已发送，请稍后再重新获取', en: 'A code was just sent. Please wait before asking again.' },
  // identity: face
  FACE_CONSENT_REQUIRED: { domain: 'identity', userFixable: true, zh: '人脸识别需要您单独同意采集人脸信息', en: 'Face verification needs your separate consent.' },
  FACE_FAILED: { domain: 'identity', userFixable: true, zh: '人脸识别未通过，请在光线充足处正对镜头重试', en: 'Face verification did not pass. Try again in good light, facing the camera.' },
  FACE_CANCELLED: { domain: 'identity', userFixable: true, zh: '您已取消人脸识别', en: 'You cancelled face verification.' },
  FACE_PENDING: { domain: 'identity', userFixable: true, zh: '人脸识别尚未完成，请完成后再试', en: 'Face verification is not finished yet.' },
  // car moving
  VEHICLE_NOT_FOUND: { domain: 'car-move', userFixable: true, zh: '未查询到该车牌的登记信息，请核对车牌号', en: 'No vehicle is registered with that plate. Please check it.' },
  CAR_MOVE_LIMIT_DAY: { domain: 'car-move', userFixable: false, zh: '今日挪车请求次数已用完，请明天再试', en: 'You have used today’s car-moving requests. Please try tomorrow.' },
  CAR_MOVE_LIMIT_MONTH: { domain: 'car-move', userFixable: false, zh: '本月挪车请求次数已用完', en: 'You have used this month’s car-moving requests.' },
  CAR_MOVE_LIMIT_PLATE: { domain: 'car-move', userFixable: false, zh: '该车辆刚刚已被通知挪车，请稍后再试', en: 'This vehicle’s owner was notified very recently. Please wait a while.' },
  CAR_MOVE_SUSPENDED: { domain: 'car-move', userFixable: false, zh: '因多次被车主举报恶意挪车，您的挪车功能已被暂停', en: 'Car moving is suspended for you after repeated reports of misuse.' },
  CAR_MOVE_NOT_FOUND: { domain: 'car-move', userFixable: false, zh: '没有找到这条挪车请求', en: 'That car-moving request was not found.' },
  CAR_MOVE_CLOSED: { domain: 'car-move', userFixable: false, zh: '这条挪车请求已结束', en: 'That car-moving request has ended.' },
  CAR_MOVE_REMINDER_TOO_SOON: { domain: 'car-move', userFixable: false, zh: '发出请求10分钟后才能再次提醒车主', en: 'You can remind the owner 10 minutes after the request.' },
  CAR_MOVE_ALREADY_REMINDED: { domain: 'car-move', userFixable: false, zh: '已经提醒过车主一次了', en: 'The owner has already been reminded once.' },
  CAR_MOVE_LINK_INVALID: { domain: 'car-move', userFixable: false, zh: '链接无效，请打开短信中的完整链接', en: 'This link is not valid. Please open the full link from the message.' },
  CAR_MOVE_ANSWER_USED: { domain: 'car-move', userFixable: false, zh: '您已经回复过了', en: 'You have already answered.' },
  CAR_MOVE_ALREADY_REPORTED: { domain: 'car-move', userFixable: false, zh: '您已经举报过这条请求', en: 'You have already reported this request.' },
  UPLOAD_TOO_LARGE: { domain: 'car-move', userFixable: true, zh: '照片太大，请选择5MB以内的照片', en: 'The photo is too large. Choose one under 5 MB.' },
  UPLOAD_TYPE: { domain: 'car-move', userFixable: true, zh: '只能上传JPG或PNG格式的照片', en: 'Only JPG or PNG photos can be uploaded.' },
  UPLOAD_NOT_FOUND: { domain: 'car-move', userFixable: true, zh: '照片已失效，请重新上传', en: 'The photo is no longer available. Please upload it again.' },
  RELAY_NEEDS_PHONE: { domain: 'car-move', userFixable: true, zh: '请先绑定手机号，才能使用隐私号码通话', en: 'Bind your phone first to call through a privacy number.' },
  // operators (console)
  OPERATOR_SIGN_IN_FAILED: { domain: 'operators', userFixable: true, zh: '用户名或密码不正确', en: 'The username or password is not right.' },
  OPERATOR_LOCKED: { domain: 'operators', userFixable: false, zh: '密码错误次数过多，账号已临时锁定，请稍后再试', en: 'Too many wrong passwords: the account is locked for a while.' },
  OPERATOR_ROLE_REQUIRED: { domain: 'operators', userFixable: false, zh: '您的角色无权进行此操作', en: 'Your role does not allow this.' },
  OPERATOR_PASSWORD_WEAK: { domain: 'operators', userFixable: true, zh: '密码至少12位，且需包含字母和数字', en: 'A password needs at least 12 characters, with letters and digits.' },
  OPERATOR_EXISTS: { domain: 'operators', userFixable: true, zh: '该用户名已被使用', en: 'That username is taken.' },
  // tiles (console)
  TILE_INVALID: { domain: 'tiles', userFixable: true, zh: '磁贴内容填写有误，请检查标注的项目', en: 'Some of the tile’s fields are not valid.' },
  TILE_TARGET_NOT_ALLOWED: { domain: 'tiles', userFixable: true, zh: '网页地址不在政务域名白名单内', en: 'The web address is not on the allow-list of government domains.' },
  TILE_TARGET_UNKNOWN: { domain: 'tiles', userFixable: true, zh: '跳转目标不存在（服务或页面）', en: 'The target service or page does not exist.' },
  TILE_SCHEDULE_INVALID: { domain: 'tiles', userFixable: true, zh: '下线时间必须晚于上线时间', en: 'The expiry must come after the publish time.' },
  TILE_CONFLICT: { domain: 'tiles', userFixable: true, zh: '他人已修改此磁贴，请刷新后在最新版本上修改；您的修改已另存', en: 'Someone else changed this tile. Reload and edit the latest; your edit was kept aside.' },
  TILE_NOT_FOUND: { domain: 'tiles', userFixable: false, zh: '没有找到这个磁贴', en: 'That tile was not found.' },
  TILE_VERSION_NOT_FOUND: { domain: 'tiles', userFixable: false, zh: '没有找到这个版本', en: 'That version was not found.' },
  ICON_TOO_LARGE: { domain: 'tiles', userFixable: true, zh: '图标文件太大（最大200KB）', en: 'The icon file is too large (200 KB at most).' },
  ICON_TYPE: { domain: 'tiles', userFixable: true, zh: '图标只能是PNG或JPG图片', en: 'An icon must be a PNG or JPG image.' },
  // forms: service application forms (shared/src/forms; uploads reuse UPLOAD_TOO_LARGE / UPLOAD_TYPE above)
  FORM_ANSWERS_INVALID: { domain: 'forms', userFixable: true, zh: '表单内容无法识别，请刷新页面后重新填写', en: 'The form could not be read. Please reload the page and fill it in again.' },
  FORM_FIELD_UNKNOWN: { domain: 'forms', userFixable: true, zh: '表单中有本服务不需要的项目，请刷新页面后重新填写', en: 'The form has an item this service does not ask for. Please reload and fill it in again.' },
  FORM_FIELD_REQUIRED: { domain: 'forms', userFixable: true, zh: '此项为必填项', en: 'This is required.' },
  FORM_FIELD_PATTERN: { domain: 'forms', userFixable: true, zh: '格式不正确，请按提示填写', en: 'This is not in the expected format. Please follow the hint.' },
  FORM_FIELD_TOO_SHORT: { domain: 'forms', userFixable: true, zh: '内容太短，请填写完整', en: 'This is too short. Please fill it in completely.' },
  FORM_FIELD_TOO_LONG: { domain: 'forms', userFixable: true, zh: '内容太长，请精简后再填写', en: 'This is too long. Please shorten it.' },
  FORM_FIELD_NOT_NUMBER: { domain: 'forms', userFixable: true, zh: '请输入数字', en: 'Enter a number.' },
  FORM_FIELD_TOO_SMALL: { domain: 'forms', userFixable: true, zh: '数值小于允许的最小值', en: 'This number is below the smallest allowed.' },
  FORM_FIELD_TOO_LARGE: { domain: 'forms', userFixable: true, zh: '数值大于允许的最大值', en: 'This number is above the largest allowed.' },
  FORM_FIELD_AMOUNT_FORMAT: { domain: 'forms', userFixable: true, zh: '请输入金额（元），最多保留两位小数', en: 'Enter an amount in yuan, with at most 2 decimal places.' },
  FORM_FIELD_DATE_FORMAT: { domain: 'forms', userFixable: true, zh: '请选择有效的日期', en: 'Choose a valid date.' },
  FORM_FIELD_DATE_TOO_EARLY: { domain: 'forms', userFixable: true, zh: '日期早于允许的最早日期', en: 'This date is earlier than allowed.' },
  FORM_FIELD_DATE_TOO_LATE: { domain: 'forms', userFixable: true, zh: '日期晚于允许的最晚日期', en: 'This date is later than allowed.' },
  FORM_FIELD_OPTION_UNKNOWN: { domain: 'forms', userFixable: true, zh: '请从列表中选择一项', en: 'Choose one of the options in the list.' },
  FORM_FIELD_REFERENCE_FORMAT: { domain: 'forms', userFixable: true, zh: '所选证照或文件无效，请重新选择', en: 'The chosen licence or file is not valid. Please choose it again.' },
  FORM_FIELD_LOCKED: { domain: 'forms', userFixable: true, zh: '此项由政府部门数据自动填写，不能修改', en: 'This is filled in from government records and cannot be changed.' },
  SERVICE_NOT_FOUND: { domain: 'forms', userFixable: false, zh: '没有找到该服务', en: 'That service was not found.' },
  LICENCE_NOT_YOURS: { domain: 'forms', userFixable: true, zh: '只能选择您本人的证照', en: 'You can only choose your own licences.' },
  PREFILL_NO_RECORD: { domain: 'forms', userFixable: true, zh: '相关部门没有您的这项记录，请自行填写', en: 'The department holds no record of this for you. Please fill it in.' },
  DRAFT_CONFLICT: { domain: 'forms', userFixable: false, zh: '草稿已在其他设备上更新，已为您载入最新内容', en: 'The draft was changed on another device; the latest version has been loaded.' },
  APPLICATION_WRONG_STATE: { domain: 'forms', userFixable: false, zh: '申请当前状态不能进行此操作，请刷新后查看', en: 'The application cannot do that in its current state. Please refresh.' },
  // wallet: electronic licences and their QR codes
  LICENCE_NOT_FOUND: { domain: 'wallet', userFixable: false, zh: '没有找到这张证照', en: 'That licence was not found.' },
  LICENCE_CODE_INVALID: { domain: 'wallet', userFixable: false, zh: '亮证码无效，可能被篡改或不是本系统生成', en: 'The licence code is not genuine.' },
  LICENCE_CODE_EXPIRED: { domain: 'wallet', userFixable: true, zh: '亮证码已过期，请让对方刷新后重新出示', en: 'The licence code has expired. Ask the holder to refresh it.' },
  LICENCE_CODE_USED: { domain: 'wallet', userFixable: true, zh: '亮证码已被核验过一次，请让对方刷新后重新出示', en: 'The licence code was already checked once. Ask the holder to refresh it.' },
  // appointments
  HALL_NOT_FOUND: { domain: 'appointments', userFixable: false, zh: '没有找到该办事大厅或该大厅不办理此项业务', en: 'That hall was not found, or it does not offer this service.' },
  SLOT_NOT_FOUND: { domain: 'appointments', userFixable: true, zh: '该时段不可预约，请选择其他时段', en: 'That time cannot be booked. Choose another.' },
  SLOT_IN_PAST: { domain: 'appointments', userFixable: true, zh: '该时段已过，请选择之后的时段', en: 'That time has passed. Choose a later one.' },
  SLOT_FULL: { domain: 'appointments', userFixable: true, zh: '该时段已约满，请选择其他时段', en: 'That time is fully booked. Choose another.' },
  APPOINTMENT_EXISTS: { domain: 'appointments', userFixable: true, zh: '您已有该业务的预约，可在“我的预约”中改约或取消', en: 'You already have an appointment for this service. Change or cancel it in My appointments.' },
  APPOINTMENT_NOT_FOUND: { domain: 'appointments', userFixable: false, zh: '没有找到这条预约', en: 'That appointment was not found.' },
  APPOINTMENT_CLOSED: { domain: 'appointments', userFixable: false, zh: '该预约已取消或已过期，不能再修改', en: 'That appointment was cancelled or has passed; it cannot be changed.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** The message for a code in a language; unknown codes get the generic one. */
export function errorMessage(code: unknown, locale: 'zh' | 'en' = 'zh'): string {
  return (isErrorCode(code) ? ERROR_CODES[code] : ERROR_CODES.INTERNAL_SERVER_ERROR)[locale];
}
