import { maskPhone } from '@veterans/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { SmsProvider } from './provider';

/**
 * Development only (the configuration refuses it in production): writes the code to the log instead of
 * sending it. End-to-end tests read this exact line, `SMS code for 138****8000: 123456`, from the output.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, code: string): Promise<void> {
    this.log.info(`SMS code for ${maskPhone(phone)}: ${code}`);
  }
}
