import { maskName, relationshipLabels } from '@veterans/shared';
import { eq, or } from 'drizzle-orm';
import { alias, type MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { familyLinks, orgUnits, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';
import { legalExportSection } from '../legal/account';
import { requestsExportSection } from '../requests/export';
import type { UserRow } from './citizen';
import { consentHistory } from './consents';

/**
 * `GET /me/export`: everything the service holds about the caller, in sections. A feature that stores personal
 * data (requests, bookings, notifications …) adds its section to `exportSections` below, so the export stays
 * complete as the product grows.
 */
export interface ExportContext {
  db: Database;
  cipher: FieldCipher;
  user: UserRow;
}

export interface ExportSection {
  key: string;
  title: string;
  collect(context: ExportContext): Promise<unknown>;
}

const profileSection: ExportSection = {
  key: 'profile',
  title: '个人资料与实名信息',
  async collect({ db, cipher, user }) {
    const community = user.communityUnitId
      ? (await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, user.communityUnitId)))[0]
      : undefined;
    const plain = (value: string | null, column: MySqlColumn) =>
      value ? cipher.decrypt(value, sealedIn(column, user.id)) : null;
    return {
      id: user.id,
      kind: user.kind,
      wechatBound: user.openid !== null,
      phone: plain(user.phoneCipher, users.phoneCipher),
      name: plain(user.nameCipher, users.nameCipher),
      idNumber: plain(user.idNumberCipher, users.idNumberCipher),
      birthDate: user.birthDate,
      gender: user.gender,
      veteranStatus: user.veteranStatus,
      verifiedAt: user.verifiedAt?.toISOString() ?? null,
      verificationNote: user.verificationNote,
      dischargeDate: user.dischargeDate,
      community: user.communityUnitId ? { id: user.communityUnitId, name: community?.name ?? null } : null,
      careMode: user.careMode,
      createdAt: user.createdAt.toISOString(),
    };
  },
};

const consentsSection: ExportSection = {
  key: 'consents',
  title: '隐私政策与敏感信息同意记录',
  async collect({ db, user }) {
    const history = await consentHistory(db, user.id);
    return history.map((record) => ({
      kind: record.kind,
      version: record.version,
      granted: record.granted === 'granted',
      at: record.createdAt.toISOString(),
    }));
  },
};

const familyLinksSection: ExportSection = {
  key: 'familyLinks',
  title: '家属关联',
  async collect({ db, cipher, user }) {
    const family = alias(users, 'family_user');
    const veteran = alias(users, 'veteran_user');
    const rows = await db
      .select({
        id: familyLinks.id,
        familyUserId: familyLinks.familyUserId,
        veteranUserId: familyLinks.veteranUserId,
        relationship: familyLinks.relationship,
        status: familyLinks.status,
        createdAt: familyLinks.createdAt,
        decidedAt: familyLinks.decidedAt,
        familyNameCipher: family.nameCipher,
        veteranNameCipher: veteran.nameCipher,
      })
      .from(familyLinks)
      .innerJoin(family, eq(family.id, familyLinks.familyUserId))
      .innerJoin(veteran, eq(veteran.id, familyLinks.veteranUserId))
      .where(or(eq(familyLinks.familyUserId, user.id), eq(familyLinks.veteranUserId, user.id)));
    return rows.map((row) => {
      const asFamily = row.familyUserId === user.id;
      const otherCipher = asFamily ? row.veteranNameCipher : row.familyNameCipher;
      const otherId = asFamily ? row.veteranUserId : row.familyUserId;
      return {
        id: row.id,
        myRole: asFamily ? 'family' : 'veteran',
        // The other person's data is theirs, not the caller's: only as much as the app shows.
        otherParty: otherCipher
          ? maskName(cipher.decrypt(otherCipher, sealedIn(users.nameCipher, otherId)))
          : '已注销用户',
        relationship: relationshipLabels[row.relationship],
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        decidedAt: row.decidedAt?.toISOString() ?? null,
      };
    });
  },
};

/** In the order they appear in the export. Later features append theirs (办事申请, 法律咨询预约, 消息 …). */
export const exportSections: readonly ExportSection[] = [
  profileSection,
  consentsSection,
  familyLinksSection,
  requestsExportSection,
  legalExportSection,
];

export async function buildExport(context: ExportContext, sections: readonly ExportSection[] = exportSections) {
  const collected = [];
  for (const section of sections) {
    collected.push({ key: section.key, title: section.title, data: await section.collect(context) });
  }
  return {
    exportedAt: new Date().toISOString(),
    notice:
      '这是“退役军人服务通”保存的您本人的全部个人信息。文件包含完整的身份证号码等敏感信息，请妥善保管，不要转发给他人。',
    sections: collected,
  };
}
