import { type LockState, lockInForce } from './lockout';

/**
 * Which rows of `staff_sign_in_failures` lock a sign-in, in one place: the sign-in itself (staff.ts) and the
 * administrators' view of an account (admin/staff) both read a name's lock through `signInLock`.
 */

/** `client_hash` of the row that counts a name's failures from all addresses together. */
export const ALL_ADDRESSES = '';

/** One counter row of a typed name. */
export interface SignInFailureState extends LockState {
  clientHash: string;
}

/**
 * The lock in force on a name, from its counter rows (the later one when several are): the all-addresses row
 * locks the name everywhere, an address's row locks that address. With `client`, the lock a sign-in from that
 * address meets; without, the latest lock on any address — an administrator's view, in which the account is
 * locked when it is locked from at least one place.
 */
export function signInLock<Row extends SignInFailureState>(
  rows: readonly Row[],
  now: Date,
  client?: string,
): Row | undefined {
  const counted =
    client === undefined ? rows : rows.filter((row) => row.clientHash === ALL_ADDRESSES || row.clientHash === client);
  return lockInForce(counted, now) as Row | undefined;
}
