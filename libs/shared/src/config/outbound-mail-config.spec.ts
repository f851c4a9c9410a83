import { AppConfig, ConfigurationError } from './app-config';

describe('AppConfig: outbound email and CSAT', () => {
  it('defaults to the local development sink and an hour before surveys', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.csatSurveyDelaySeconds).toBe(3600);
    expect(config.csatTokenTtlDays).toBe(30);
  });

  it('derives the survey-link secret from JWT_SECRET with a distinct key unless CSAT_TOKEN_SECRET is set', () => {
    const jwtSecret = 'j'.repeat(40);
    const derived = AppConfig.fromEnvironment({ JWT_SECRET: jwtSecret }).csatTokenSecret;
    expect(derived).not.toBe(jwtSecret);
    expect(derived).toHaveLength(43);
    expect(
      AppConfig.fromEnvironment({ JWT_SECRET: jwtSecret, CSAT_TOKEN_SECRET: 's'.repeat(32) }).csatTokenSecret,
    ).toBe('s'.repeat(32));
  });

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(AppConfig.fromEnvironment({ PUBLIC_URL: 'https://help.example.com/' }).publicUrl).toBe(
      'https://help.example.com',
    );
  });

  it.each([
    ['SMTP_URL', 'mail.example.com:25'],
    ['PUBLIC_URL', 'help.example.com'],
    ['CSAT_SURVEY_DELAY_SECONDS', '-1'],
    ['CSAT_TOKEN_TTL_DAYS', '0'],
    ['CSAT_TOKEN_SECRET', 'short'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => AppConfig.fromEnvironment({ [name]: value })).toThrow(ConfigurationError);
    expect(() => AppConfig.fromEnvironment({ [name]: value })).toThrow(name);
  });
});
