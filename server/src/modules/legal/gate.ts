import { Gate } from '../../lib/gate';

/**
 * The gate for booking attempts in one API process. When a slot opens, hundreds of people may tap 预约 in the
 * same second; booking transactions may use all but 4 of the pool's connections (so sign-in, lists and the jobs
 * keep working during a rush), at least 1, and up to 2000 attempts wait their turn, so the rush gets fair
 * SLOT_FULL answers. The database's conditional UPDATE stays the guarantee against overbooking.
 */
export function bookingGate(poolSize: number): Gate {
  return new Gate(Math.max(1, poolSize - 4), 2000, '预约人数较多，请稍后再试');
}
