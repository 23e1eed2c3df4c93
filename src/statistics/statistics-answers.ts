import { Type } from '@nestjs/common';
import { SuccessAnswer } from '../http';
import { StatisticsAnswer } from './statistics.response';

/** What every statistics read answers: the figures as JSON, or the same figures as CSV by negotiation. */
export const statisticsAnswers = (type: Type<StatisticsAnswer> = StatisticsAnswer, description = 'The figures'): SuccessAnswer => ({
  status: 200,
  type,
  description,
  alternatives: {
    'text/csv': {
      type: 'string',
      description: 'RFC 4180, UTF-8; suppressed figures as `*`; first lines: position, period, municipality, rule',
    },
  },
});
