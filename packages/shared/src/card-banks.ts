import { z } from 'zod';

/**
 * 优待证 is a bank debit card made with a partner bank 合作银行; the applicant chooses one. The district admin keeps
 * the list (the first national partners are seeded); a bank taken off the list stays on the requests that chose it
 * but can no longer be chosen.
 */
export const CARD_BANK_NAME_MAX = 50;

export const cardBankNameSchema = z
  .string()
  .trim()
  .min(1, { error: '请填写银行名称' })
  .max(CARD_BANK_NAME_MAX, { error: `银行名称最多 ${CARD_BANK_NAME_MAX} 字` });

export const cardBankSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    /** Offered to applicants; an inactive bank is refused on submit. */
    active: z.boolean(),
  })
  .meta({ id: 'CardBank' });
export type CardBank = z.infer<typeof cardBankSchema>;

export const cardBankListSchema = z.object({ items: z.array(cardBankSchema) }).meta({ id: 'CardBankList' });

export const cardBankCreateBodySchema = z.strictObject({ name: cardBankNameSchema });
export type CardBankCreateBody = z.infer<typeof cardBankCreateBodySchema>;

export const cardBankUpdateBodySchema = z
  .strictObject({ name: cardBankNameSchema.optional(), active: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.active !== undefined, { error: '请填写要修改的内容' });
export type CardBankUpdateBody = z.infer<typeof cardBankUpdateBodySchema>;

/** Why a chosen bank cannot be taken (not on the list, or no longer a partner), or null when it can. */
export function cardBankProblem(chosen: string, banks: readonly Pick<CardBank, 'name' | 'active'>[]): string | null {
  const bank = banks.find((entry) => entry.name === chosen);
  if (!bank) return '所选银行不是优待证合作银行，请重新选择';
  if (!bank.active) return `${bank.name}暂停办理优待证，请选择其他合作银行`;
  return null;
}
