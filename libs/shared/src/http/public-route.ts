import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_ROUTE = 'ledgerdesk:public-route';

/** The route needs no access token (login, health, public survey links). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
