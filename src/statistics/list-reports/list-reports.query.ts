import { PageQuery } from '../../read-models';

/** Reports are listed newest first, a page at a time; nothing to filter by yet. */
export class ListReportsQuery extends PageQuery {}
