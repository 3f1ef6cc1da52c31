import { z } from 'zod';

/**
 * Every error the API can return, with its HTTP status and the Chinese message shown to the user.
 * Clients branch on `code`; `message` is for people.
 */
export const errorCatalog = {
  BAD_REQUEST: { status: 400, message: '请求无效' },
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不正确' },
  UNAUTHORIZED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  SERVICE_NOT_FOUND: { status: 404, message: '该办事事项不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方式' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  URI_TOO_LONG: { status: 414, message: '请求地址过长' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  // Sign-in and sessions
  INVALID_TOKEN: { status: 401, message: '登录已失效，请重新登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  REFRESH_TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  REFRESH_TOKEN_REUSED: { status: 401, message: '检测到登录凭证被重复使用，为保护账号安全已退出所有设备，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '密码错误次数过多，账号已锁定，请稍后再试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录请先修改密码' },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与当前密码相同' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已使用，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录过于频繁，请稍后再试' },
  WECHAT_RISKY_USER: { status: 403, message: '微信判定当前账号存在风险，暂时无法登录' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  SMS_CODE_INVALID: { status: 400, message: '验证码错误' },
  SMS_CODE_EXPIRED: { status: 400, message: '验证码已失效，请重新获取' },
  SMS_TOO_FREQUENT: { status: 429, message: '验证码发送过于频繁，请稍后再试' },
  SMS_SEND_FAILED: { status: 502, message: '短信发送失败，请稍后再试' },
  PHONE_TAKEN: { status: 409, message: '该手机号已是另一个账号的登录手机号，验证该手机号后可将两个账号合并' },
  ACCOUNT_MERGE_REFUSED: { status: 409, message: '两个账号不能合并，请联系服务站' },
  // Identity, family and privacy
  IDENTITY_REQUIRED: { status: 403, message: '请先完成实名认证' },
  ID_NUMBER_TAKEN: { status: 409, message: '该身份证号码已被其他账号认证，如有疑问请联系服务站' },
  IDENTITY_LOCKED: { status: 409, message: '实名信息已认证，如需修改请联系服务站' },
  IDENTITY_MISMATCH: { status: 400, message: '姓名与身份证号码不匹配，或该退役军人尚未在本程序实名认证' },
  FAMILY_LINK_EXISTS: { status: 409, message: '已存在与该退役军人的关联或申请' },
  FAMILY_LINK_SELF: { status: 400, message: '不能关联自己' },
  CONSENT_REQUIRED: { status: 403, message: '请先阅读并同意隐私政策' },
  SENSITIVE_CONSENT_REQUIRED: { status: 403, message: '请先同意处理敏感个人信息' },
  // 窗口代办 (counter service)
  PERSON_ALREADY_REGISTERED: { status: 409, message: '该身份证号码已有登记，请用“按身份证号码查找”为其办理' },
  COUNTER_CLAIM_PHONE_REQUIRED: {
    status: 403,
    message: '请先用短信验证码登录或在小程序里授权微信手机号，再认领窗口办件',
  },
  COUNTER_CLAIM_REFUSED: {
    status: 403,
    message: '未找到可认领的窗口登记记录，请核对姓名和身份证号码，或带身份证到服务站办理',
  },
  // Administration
  USERNAME_TAKEN: { status: 409, message: '该用户名已被使用' },
  UNIT_CODE_TAKEN: { status: 409, message: '该机构编码已被使用' },
  UNIT_NOT_FOUND: { status: 404, message: '机构不存在' },
  OUT_OF_SCOPE: { status: 403, message: '该对象不在您所属机构的管辖范围内' },
  IMPORT_INVALID_FILE: { status: 400, message: '文件无法读取，请上传 xlsx 或 csv 格式的花名册' },
  // 优待证
  CARD_BANK_TAKEN: { status: 409, message: '该银行已在合作银行列表中' },
  // Service requests
  REQUEST_NOT_FOUND: { status: 404, message: '办件不存在' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能进行此操作' },
  REASON_REQUIRED: { status: 400, message: '请填写原因' },
  RESOLUTION_REQUIRED: { status: 400, message: '办结诉求需填写处理结果' },
  DRAFT_EXPIRED: { status: 410, message: '草稿已过期，请重新填写' },
  NOT_EDITABLE: { status: 409, message: '该办件已提交，不能再修改' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '重复的请求标识被用于不同的内容' },
  ALREADY_RATED: { status: 409, message: '您已评价过该办件' },
  RATING_NOT_ALLOWED: { status: 409, message: '办结后才能评价' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, message: '仅支持 jpg、png 图片和 pdf 文件' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件过大，单个文件不能超过 10 MB' },
  UPLOAD_NOT_FOUND: { status: 404, message: '附件不存在或已失效' },
  FOLLOW_UP_CLOSED: { status: 409, message: '该回访已关闭' },
  // Legal consultation booking
  SLOT_NOT_FOUND: { status: 404, message: '该时段不存在' },
  SLOT_FULL: { status: 409, message: '该时段已约满' },
  ALREADY_BOOKED: { status: 409, message: '您已有一个未完成的预约，请先完成或取消后再预约' },
  BOOKING_CLOSED: { status: 409, message: '该时段已停止预约' },
  BOOKING_BLOCKED: { status: 403, message: '因多次预约未到场，暂时不能预约' },
  BOOKING_NOT_FOUND: { status: 404, message: '预约不存在' },
  CANCEL_CLOSED: { status: 409, message: '已过取消截止时间，如不能到场请致电服务中心' },
  RECORD_WINDOW_CLOSED: { status: 409, message: '已超过可填写咨询记录的期限' },
  ALREADY_WAITLISTED: { status: 409, message: '您已在该时段的候补名单中' },
  INTERNAL_ERROR: { status: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodeSchema = z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]);

export const fieldIssueSchema = z.object({
  path: z.string().describe('出错字段的路径，如 body.phone'),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The one error shape of the whole API: `{ error: { code, message, details? } }`. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(fieldIssueSchema).optional(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return errorEnvelopeSchema.safeParse(value).success;
}
