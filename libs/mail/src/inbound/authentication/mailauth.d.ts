/** The part of mailauth's API the desk uses (the package ships no types). */
declare module 'mailauth' {
  interface CheckStatus {
    result: string;
    comment?: string;
    /** DKIM: the domain the signature aligns with under DMARC. */
    aligned?: string | false;
  }

  export interface AuthenticationResult {
    spf: false | { domain?: string; status: CheckStatus };
    dkim: { headerFrom?: string[]; results: { signingDomain?: string; status: CheckStatus }[] };
    dmarc: false | { domain?: string; p?: string; policy?: string; status: CheckStatus };
  }

  export function authenticate(
    message: Buffer | string,
    options: {
      ip?: string;
      helo?: string;
      sender?: string;
      mta?: string;
      resolver?: (name: string, rrtype: string) => Promise<unknown>;
      disableArc?: boolean;
      disableBimi?: boolean;
    },
  ): Promise<AuthenticationResult>;
}

declare module 'mailauth/lib/dkim/sign' {
  export function dkimSign(
    message: Buffer | string,
    options: { signatureData: { signingDomain: string; selector: string; privateKey: string | Buffer }[] },
  ): Promise<{ signatures: string; errors: unknown[] }>;
}

declare module 'mailauth/lib/parse-dkim-headers' {
  /** A result of an Authentication-Results field: `dkim=pass header.d=example.com (comment)`. */
  interface ResultInfo {
    value: string;
    comment?: string;
    /** Properties by type: `header.d` is `{ header: { d } }`, `smtp.mailfrom` `{ smtp: { mailfrom } }`. */
    [ptype: string]: unknown;
  }
  /** Parses a structured header field (DKIM-Signature, Authentication-Results, …), name included. */
  function parseDkimHeaders(line: string | Buffer): {
    parsed: {
      header: string;
      /** Authentication-Results: the authserv-id (and its version, if any). */
      value?: string;
      dkim?: ResultInfo[];
      spf?: ResultInfo;
      dmarc?: ResultInfo;
    };
  };
  export = parseDkimHeaders;
}
