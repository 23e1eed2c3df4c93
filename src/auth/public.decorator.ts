import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'lotse:public';

/** The route (or every route of the controller) needs no token: health probes, metrics. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
