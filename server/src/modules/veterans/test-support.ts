import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { veteranRoster } from '../../db/schema/index';
import { writeSealed } from '../../db/sealed-columns';
import { bearer, unitIdByCode } from '../../testing/fixtures';

/** Test helpers for roster uploads (not used by production code). */

export type RosterLine = (string | number | Date | null)[];

export const ROSTER_HEADER = ['姓名', '身份证号码', '退役日期', '所属社区'];

/** A roster workbook as an admin would make it, the ID number column formatted as text. */
export async function rosterXlsx(lines: RosterLine[], header: string[] = ROSTER_HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('退役军人名册');
  sheet.getColumn(2).numFmt = '@';
  sheet.addRow(header);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: RosterLine[number]): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function rosterCsv(lines: RosterLine[], { bom = true, header = ROSTER_HEADER } = {}): Buffer {
  const text = [header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n');
  return Buffer.from(`${bom ? '\uFEFF' : ''}${text}\r\n`, 'utf8');
}

/** A multipart/form-data body with one file part. */
export function multipartFile(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----roster${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export async function uploadRoster(app: FastifyInstance, token: string, fileName: string, content: Buffer) {
  const body = multipartFile(fileName, content);
  return app.inject({
    method: 'POST',
    url: '/api/v1/admin/veteran-roster',
    headers: { ...bearer(token), 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** A roster row as an import stores it (encrypted, sealed, hashed), without going through a file. */
export async function insertRosterRow(
  app: FastifyInstance,
  row: { name: string; idNumber: string; communityCode: string; dischargeDate?: string; phone?: string | null },
): Promise<number> {
  const phone = row.phone === undefined ? '13700000000' : row.phone;
  const [result] = await app.db.insert(veteranRoster).values({
    idNumberHash: app.cipher.hash(row.idNumber),
    idNumberCipher: '',
    nameCipher: '',
    nameHash: app.cipher.hash(row.name),
    phoneHash: phone ? app.cipher.hash(phone) : null,
    dischargeDate: row.dischargeDate ?? '2008-12-01',
    communityUnitId: await unitIdByCode(app, row.communityCode),
    importId: 1,
  });
  await writeSealed(app.db, app.cipher, result.insertId, [
    [veteranRoster.idNumberCipher, row.idNumber],
    [veteranRoster.nameCipher, row.name],
    ...(phone ? ([[veteranRoster.phoneCipher, phone]] as const) : []),
  ]);
  return result.insertId;
}
