/** Sends a sign-in code by text message. Implementations throw when the message was not accepted. */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, code: string): Promise<void>;
}

/** Thrown by a provider; carries the provider's own error code for the log (never the phone number). */
export class SmsProviderError extends Error {
  override name = 'SmsProviderError';
  constructor(
    readonly providerCode: string,
    message = `SMS provider refused the message (${providerCode})`,
  ) {
    super(message);
  }
}
