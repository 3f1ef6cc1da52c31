import { z } from 'zod';
import { request } from '../../api/client';

const faceResultSchema = z.object({ passed: z.boolean(), verified: z.boolean() });
export type FaceResult = z.infer<typeof faceResultSchema> | { cancelled: true };

/** wx.requestFacialVerify as a promise: true when WeChat's face check ran to the end, false when it did not. */
function faceCheck(verifyId: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.requestFacialVerify({ verifyId, success: () => resolve(true), fail: () => resolve(false) });
  });
}

/**
 * 刷脸核验 (weapp): the server opens a session for the identity on file, WeChat checks the face, and the server —
 * never this callback — asks WeChat how it went (server/src/modules/wechat/face.ts).
 */
export async function verifyByFace(): Promise<FaceResult> {
  const { verifyId } = await request('POST', '/me/face-verification', {
    schema: z.object({ verifyId: z.string() }),
    quiet: true,
  });
  // WeChat's fail: the check did not finish on the phone (left, refused, or no face seen); the session is left to
  // expire and a new attempt opens another. Its success means only that the check ran: the verdict is the server's.
  if (!(await faceCheck(verifyId))) return { cancelled: true };
  return request('POST', '/me/face-verification/result', { schema: faceResultSchema, body: { verifyId }, quiet: true });
}

/** What the person is told after 刷脸核验. */
export function faceResultText(result: FaceResult): string {
  if ('cancelled' in result) return '刷脸核验未完成，可以重新开始，或上传证件照片由工作人员核验。';
  if (result.verified) return '刷脸核验通过，退役军人身份已认证。';
  if (result.passed) return '刷脸核验通过，但退役军人名册中没有与您一致的记录，仍需服务站工作人员核验。';
  return '刷脸核验未通过：人脸与实名信息不一致。请确认是本人操作后重试，或上传证件照片由工作人员核验。';
}
