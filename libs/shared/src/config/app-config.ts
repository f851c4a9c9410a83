import { plainToInstance, Transform } from 'class-transformer';
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEVELOPMENT_JWT_SECRET = 'ledgerdesk-development-secret-do-not-use-in-production';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** `a, b,,c` → ['a', 'b', 'c']. */
const commaList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The raw environment, validated. Every variable is documented in README.md. */
class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ledgerdesk';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-64 characters of letters, digits, ":", "_" or "-"',
  })
  REDIS_KEY_PREFIX = 'ledgerdesk';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(60 * 60 * 24 * 30)
  JWT_TTL_SECONDS = 12 * 60 * 60;

  @Matches(/^[A-Z]{1,6}$/, { message: 'TICKET_NUMBER_PREFIX must be 1-6 capital letters' })
  TICKET_NUMBER_PREFIX = 'LD';

  @IsString()
  DESK_TIMEZONE = 'UTC';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT = 10;

  /** Login attempts per client address across all emails (password spraying). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_LIMIT_PER_ADDRESS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600)
  WORK_SESSION_IDLE_SECONDS = 120;

  /** An agent with no live console connection for this long is set offline. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  PRESENCE_OFFLINE_AFTER_SECONDS = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 4 * 1024 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ADJUSTMENT_APPROVAL_THRESHOLD_MINOR = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  FCR_WINDOW_DAYS = 7;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a number of proxy hops or comma-separated proxy addresses',
  })
  TRUST_PROXY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  INBOUND_SMTP_PORT = 2525;

  @IsString()
  INBOUND_SMTP_HOST = '0.0.0.0';

  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'DESK_EMAIL must be an email address' })
  DESK_EMAIL = 'billing@desk.example';

  @IsOptional()
  @Matches(/^imaps?:\/\//, { message: 'IMAP_URL must be an imap:// or imaps:// URL' })
  IMAP_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86400)
  IMAP_POLL_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  MAIL_MAX_BYTES = 25 * 1024 * 1024;

  @IsIn(['verify', 'relay', 'off'])
  MAIL_SENDER_AUTHENTICATION: 'verify' | 'relay' | 'off' = 'verify';

  @IsOptional()
  @Matches(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/, {
    message: 'MAIL_TRUSTED_AUTHSERV_IDS must be a comma-separated list of names like mx.google.com',
  })
  MAIL_TRUSTED_AUTHSERV_IDS?: string;

  @IsOptional()
  @Matches(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/, {
    message: 'MAIL_TRUSTED_RELAY_IPS must be a comma-separated list of IP addresses',
  })
  MAIL_TRUSTED_RELAY_IPS?: string;

  @IsOptional()
  @Matches(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/, {
    message: 'MAIL_DNS_SERVERS must be a comma-separated list of addresses like 127.0.0.1 or 127.0.0.1:5353',
  })
  MAIL_DNS_SERVERS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REOPEN_WINDOW_DAYS = 14;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  AUTO_CLOSE_SOLVED_AFTER_DAYS = 14;

  @IsString()
  @MaxLength(100)
  INBOUND_TEAM = '';

  @IsIn(['true', 'false'])
  ACKNOWLEDGE_NEW_TICKETS: 'true' | 'false' = 'true';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  CONTACT_FORM_RATE_LIMIT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  CONTACT_FORM_RATE_WINDOW_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_MESSAGES_PER_MINUTE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  CHAT_REPLY_MAIL_DELAY_SECONDS = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  TICKET_EXPORT_MAX_ROWS = 50000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  MAIL_SENDER_RATE_LIMIT = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  MAIL_SENDER_RATE_WINDOW_SECONDS = 600;

  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60 * 60 * 24 * 30)
  CSAT_SURVEY_DELAY_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CSAT_TOKEN_TTL_DAYS = 30;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CSAT_TOKEN_SECRET must be at least 32 characters long' })
  CSAT_TOKEN_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  SLA_DUE_SOON_MINUTES = 30;
}

export class ConfigurationError extends Error {}

/** Unset or `false`: X-Forwarded-For is ignored, the client address is the TCP peer's. */
function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((address) => address.trim());
}

function describe(errors: ValidationError[], env: Record<string, string | undefined>): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (constraint) => `${error.property}=${JSON.stringify(env[error.property] ?? null)}: ${constraint}`,
    ),
  );
}

/**
 * Typed, validated configuration. Built once from the environment; read it through
 * dependency injection (`AppConfig`), never from `process.env` elsewhere.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnvironment;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly ticketNumberPrefix: string;
  readonly deskTimeZone: string;
  readonly loginRateLimit: number;
  readonly loginRateLimitPerAddress: number;
  readonly loginRateWindowSeconds: number;
  readonly workSessionIdleSeconds: number;
  readonly presenceOfflineAfterSeconds: number;
  readonly httpBodyLimitBytes: number;
  readonly importMaxBytes: number;
  readonly adjustmentApprovalThresholdMinor: number;
  readonly fcrWindowDays: number;
  readonly logLevel: string;
  readonly corsOrigins: string[];
  /** Which peers may set X-Forwarded-For (the client address that login limits count by). */
  readonly trustProxy: boolean | number | string[];
  /** Inbound email: the desk's SMTP listener (0 = a free port), its address, IMAP polling, limits. */
  readonly inboundSmtpPort: number;
  readonly inboundSmtpHost: string;
  readonly deskEmail: string;
  /** The team new tickets from email land in (by name); empty: none, a supervisor routes them. */
  readonly inboundTeam: string;
  /** Whether a customer who opens a ticket by email or the contact form gets an acknowledgement email. */
  readonly acknowledgeNewTickets: boolean;
  /** Contact-form requests one client address may send per window (`/contact`). */
  readonly contactFormRateLimit: number;
  readonly contactFormRateWindowSeconds: number;
  /** Messages one client address may send in web chats per minute. */
  readonly chatMessagesPerMinute: number;
  /** A reply on a chat is emailed only when the customer has not seen it in the chat this long after. */
  readonly chatReplyMailDelaySeconds: number;
  /** The most tickets one CSV export of the ticket list holds (`GET /api/tickets/export`). */
  readonly ticketExportMaxRows: number;
  readonly imapUrl: string | undefined;
  readonly imapPollSeconds: number;
  readonly mailMaxBytes: number;
  /**
   * SPF, DKIM and DMARC of inbound mail: checked on receipt (`verify`), read from the
   * Authentication-Results a trusted relay added (`relay`), or not at all (`off`).
   */
  readonly mailSenderAuthentication: 'verify' | 'relay' | 'off';
  /** `relay`: the authserv-ids whose Authentication-Results are trusted (lower case). */
  readonly mailTrustedAuthservIds: string[];
  /** `relay`: the only SMTP clients whose mail carries trusted results; empty: any. */
  readonly mailTrustedRelayIps: string[];
  /** DNS servers those checks ask; empty: the system's. */
  readonly mailDnsServers: string[];
  readonly reopenWindowDays: number;
  /** A solved ticket closes by itself this many days after its solve; 0: never. */
  readonly autoCloseSolvedAfterDays: number;
  readonly mailSenderRateLimit: number;
  readonly mailSenderRateWindowSeconds: number;
  /** Outbound email: the SMTP relay replies and surveys go through. */
  readonly smtpUrl: string;
  /** Base of links in emails (CSAT survey links), without a trailing slash. */
  readonly publicUrl: string;
  readonly csatSurveyDelaySeconds: number;
  readonly csatTokenTtlDays: number;
  /** Signs CSAT survey links: CSAT_TOKEN_SECRET, or derived from the JWT secret with a distinct key. */
  readonly csatTokenSecret: string;
  /** Signs the links to a customer's request page: derived from the JWT secret with a distinct key. */
  readonly requestLinkSecret: string;
  /** A running SLA target due within this many minutes is `due_soon`. */
  readonly slaDueSoonMinutes: number;

  private constructor(env: EnvironmentVariables) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.databaseUrl = env.DATABASE_URL;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.redisUrl = env.REDIS_URL;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX;
    this.jwtSecret = env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
    this.jwtTtlSeconds = env.JWT_TTL_SECONDS;
    this.ticketNumberPrefix = env.TICKET_NUMBER_PREFIX;
    this.deskTimeZone = env.DESK_TIMEZONE;
    this.loginRateLimit = env.LOGIN_RATE_LIMIT;
    this.loginRateLimitPerAddress = env.LOGIN_RATE_LIMIT_PER_ADDRESS;
    this.loginRateWindowSeconds = env.LOGIN_RATE_WINDOW_SECONDS;
    this.workSessionIdleSeconds = env.WORK_SESSION_IDLE_SECONDS;
    this.presenceOfflineAfterSeconds = env.PRESENCE_OFFLINE_AFTER_SECONDS;
    this.httpBodyLimitBytes = env.HTTP_BODY_LIMIT_BYTES;
    this.importMaxBytes = env.IMPORT_MAX_BYTES;
    this.adjustmentApprovalThresholdMinor = env.ADJUSTMENT_APPROVAL_THRESHOLD_MINOR;
    this.fcrWindowDays = env.FCR_WINDOW_DAYS;
    this.logLevel = env.LOG_LEVEL;
    this.trustProxy = parseTrustProxy(env.TRUST_PROXY);
    this.inboundSmtpPort = env.INBOUND_SMTP_PORT;
    this.inboundSmtpHost = env.INBOUND_SMTP_HOST;
    this.deskEmail = env.DESK_EMAIL.toLowerCase();
    this.inboundTeam = env.INBOUND_TEAM.trim();
    this.acknowledgeNewTickets = env.ACKNOWLEDGE_NEW_TICKETS === 'true';
    this.contactFormRateLimit = env.CONTACT_FORM_RATE_LIMIT;
    this.contactFormRateWindowSeconds = env.CONTACT_FORM_RATE_WINDOW_SECONDS;
    this.chatMessagesPerMinute = env.CHAT_MESSAGES_PER_MINUTE;
    this.chatReplyMailDelaySeconds = env.CHAT_REPLY_MAIL_DELAY_SECONDS;
    this.ticketExportMaxRows = env.TICKET_EXPORT_MAX_ROWS;
    this.imapUrl = env.IMAP_URL;
    this.imapPollSeconds = env.IMAP_POLL_SECONDS;
    this.mailMaxBytes = env.MAIL_MAX_BYTES;
    this.mailSenderAuthentication = env.MAIL_SENDER_AUTHENTICATION;
    this.mailTrustedAuthservIds = commaList(env.MAIL_TRUSTED_AUTHSERV_IDS).map((id) => id.toLowerCase());
    this.mailTrustedRelayIps = commaList(env.MAIL_TRUSTED_RELAY_IPS);
    this.mailDnsServers = commaList(env.MAIL_DNS_SERVERS);
    this.reopenWindowDays = env.REOPEN_WINDOW_DAYS;
    this.autoCloseSolvedAfterDays = env.AUTO_CLOSE_SOLVED_AFTER_DAYS;
    this.mailSenderRateLimit = env.MAIL_SENDER_RATE_LIMIT;
    this.mailSenderRateWindowSeconds = env.MAIL_SENDER_RATE_WINDOW_SECONDS;
    this.smtpUrl = env.SMTP_URL;
    this.publicUrl = env.PUBLIC_URL.replace(/\/+$/, '');
    this.csatSurveyDelaySeconds = env.CSAT_SURVEY_DELAY_SECONDS;
    this.csatTokenTtlDays = env.CSAT_TOKEN_TTL_DAYS;
    this.slaDueSoonMinutes = env.SLA_DUE_SOON_MINUTES;
    this.csatTokenSecret =
      env.CSAT_TOKEN_SECRET ??
      createHmac('sha256', this.jwtSecret).update('ledgerdesk:csat-token-secret').digest('base64url');
    this.requestLinkSecret = createHmac('sha256', this.jwtSecret)
      .update('ledgerdesk:request-link-secret')
      .digest('base64url');
    this.corsOrigins = commaList(env.CORS_ORIGINS);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** Validates the environment; throws a ConfigurationError naming every bad variable. */
  static fromEnvironment(env: Record<string, string | undefined> = process.env): AppConfig {
    const present = Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
    );
    const variables = plainToInstance(EnvironmentVariables, present);
    const problems = describe(validateSync(variables), env);
    if (!isValidTimeZone(variables.DESK_TIMEZONE)) {
      problems.push(`DESK_TIMEZONE=${JSON.stringify(variables.DESK_TIMEZONE)}: not an IANA time zone`);
    }
    const autoClose = variables.AUTO_CLOSE_SOLVED_AFTER_DAYS;
    if (autoClose > 0 && autoClose < variables.REOPEN_WINDOW_DAYS) {
      problems.push(
        `AUTO_CLOSE_SOLVED_AFTER_DAYS=${autoClose}: must be 0 (never) or at least REOPEN_WINDOW_DAYS ` +
          `(${variables.REOPEN_WINDOW_DAYS}): a customer may reopen a solved ticket for that long, a closed one is final`,
      );
    }
    if (
      variables.MAIL_SENDER_AUTHENTICATION === 'relay' &&
      !commaList(variables.MAIL_TRUSTED_AUTHSERV_IDS).length
    ) {
      problems.push(
        'MAIL_TRUSTED_AUTHSERV_IDS: required when MAIL_SENDER_AUTHENTICATION=relay (the name the relay ' +
          'writes first in its Authentication-Results header, like mx.google.com)',
      );
    }
    const badIp = commaList(variables.MAIL_TRUSTED_RELAY_IPS).find((ip) => isIP(ip) === 0);
    if (badIp !== undefined) {
      problems.push(`MAIL_TRUSTED_RELAY_IPS: ${JSON.stringify(badIp)} is not an IP address`);
    }
    if (variables.NODE_ENV === 'production' && !variables.JWT_SECRET) {
      problems.push('JWT_SECRET: required when NODE_ENV=production');
    }
    if (problems.length > 0) {
      throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    }
    return new AppConfig(variables);
  }
}
