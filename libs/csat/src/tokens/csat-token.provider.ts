import { Provider } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import { CsatTokenSigner } from './csat-token';

export const csatTokenSignerProvider: Provider = {
  provide: CsatTokenSigner,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new CsatTokenSigner(config.csatTokenSecret, config.csatTokenTtlDays),
};
