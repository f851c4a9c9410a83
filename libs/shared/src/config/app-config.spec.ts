import { AppConfig, ConfigurationError } from './app-config';

describe('AppConfig', () => {
  it('applies documented defaults when the environment is empty', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.port).toBe(3000);
    expect(config.deskTimeZone).toBe('UTC');
    expect(config.workSessionIdleSeconds).toBe(120);
    expect(config.ticketNumberPrefix).toBe('LD');
  });

  it('converts numeric variables', () => {
    expect(AppConfig.fromEnvironment({ PORT: '8080' }).port).toBe(8080);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      AppConfig.fromEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DESK_TIMEZONE: 'Mars/Base' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('DESK_TIMEZONE="Mars/Base"');
  });

  it('acknowledges new tickets unless ACKNOWLEDGE_NEW_TICKETS is false', () => {
    expect(AppConfig.fromEnvironment({}).acknowledgeNewTickets).toBe(true);
    expect(AppConfig.fromEnvironment({ ACKNOWLEDGE_NEW_TICKETS: 'false' }).acknowledgeNewTickets).toBe(false);
    expect(() => AppConfig.fromEnvironment({ ACKNOWLEDGE_NEW_TICKETS: 'no' })).toThrow(
      /ACKNOWLEDGE_NEW_TICKETS/,
    );
  });

  it('checks the senders of inbound mail unless told not to, asking the system DNS or the servers named', () => {
    const defaults = AppConfig.fromEnvironment({});
    expect([defaults.mailSenderAuthentication, defaults.mailDnsServers]).toEqual(['verify', []]);
    const own = AppConfig.fromEnvironment({
      MAIL_SENDER_AUTHENTICATION: 'off',
      MAIL_DNS_SERVERS: ' 10.0.0.2, [::1]:5353 ',
    });
    expect([own.mailSenderAuthentication, own.mailDnsServers]).toEqual(['off', ['10.0.0.2', '[::1]:5353']]);
    expect(() => AppConfig.fromEnvironment({ MAIL_SENDER_AUTHENTICATION: 'maybe' })).toThrow(
      /MAIL_SENDER_AUTHENTICATION/,
    );
    expect(() => AppConfig.fromEnvironment({ MAIL_DNS_SERVERS: '10.0.0.2,,10.0.0.3' })).toThrow(
      /MAIL_DNS_SERVERS/,
    );
  });

  it('closes solved tickets after AUTO_CLOSE_SOLVED_AFTER_DAYS, never inside the reopen window', () => {
    expect(AppConfig.fromEnvironment({}).autoCloseSolvedAfterDays).toBe(14);
    expect(AppConfig.fromEnvironment({ AUTO_CLOSE_SOLVED_AFTER_DAYS: '0' }).autoCloseSolvedAfterDays).toBe(0);
    expect(
      AppConfig.fromEnvironment({ AUTO_CLOSE_SOLVED_AFTER_DAYS: '3', REOPEN_WINDOW_DAYS: '3' })
        .autoCloseSolvedAfterDays,
    ).toBe(3);
    expect(() => AppConfig.fromEnvironment({ AUTO_CLOSE_SOLVED_AFTER_DAYS: '7' })).toThrow(
      /AUTO_CLOSE_SOLVED_AFTER_DAYS=7: must be 0 \(never\) or at least REOPEN_WINDOW_DAYS \(14\)/,
    );
    expect(() => AppConfig.fromEnvironment({ AUTO_CLOSE_SOLVED_AFTER_DAYS: 'soon' })).toThrow(
      /AUTO_CLOSE_SOLVED_AFTER_DAYS/,
    );
  });

  it('trusts no proxy unless told which (X-Forwarded-For is client-controlled)', () => {
    expect(AppConfig.fromEnvironment({}).trustProxy).toBe(false);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(() => AppConfig.fromEnvironment({ TRUST_PROXY: 'yes please!' })).toThrow(/TRUST_PROXY must be/);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => AppConfig.fromEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(() => AppConfig.fromEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });
});
