import { EnrolmentLedgerEvent, PersonalDataErased, ParticipantRegistered } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';
import { applyCareerEvent, CareerHistory, emptyCareer } from './career.view';

/**
 * A career, the municipality that registered the person (which decides who may read it), and the
 * person's sealed name and birth date for lists that show whom a row is about.
 */
export type CareerDocument = CareerHistory & {
  municipality?: string;
  personalData?: string | null;
  /** `yes` while a merge's duplicate pathways are unsettled: read-model filters compare strings, so GET /conflicts finds them. */
  openConflicts?: 'yes';
};

/** The ledger's events a career shows; a closed ledger's entries arrive in the survivor's LedgerMerged. */
type CareerEvent =
  ParticipantRegistered | PersonalDataErased | Exclude<EnrolmentLedgerEvent, { type: 'LedgerClosed' | 'GuardDecisionRecorded' }>;

/** The career read model: GET /participants/:id/career, one document per registration. */
export const careersProjection = defineProjection<CareerEvent, CareerDocument>({
  name: 'careers',
  // 2: overrides name the pathway that used them, and a merge brings the other registration's overrides and its duplicate pathways.
  version: 2,
  handles: [
    'ParticipantRegistered',
    'PersonalDataErased',
    'PathwayReserved',
    'ReservationReleased',
    'PathwayEndRecorded',
    'CaseConferenceRecorded',
    'OverrideGranted',
    'LedgerMerged',
  ],
  // The caseload looks up a page's people by id in one query.
  indexes: [['participantId'], ['municipality', 'openConflicts']],
  documentId: (event) => event.data.participantId,
  apply: (doc, event) => {
    const current = doc ?? emptyCareer(event.data.participantId);
    switch (event.type) {
      case 'ParticipantRegistered': {
        const sealed = event.data.personalData;
        return { ...current, municipality: event.data.municipality, personalData: typeof sealed === 'string' ? sealed : null };
      }
      // The key is destroyed anyway; the sealed value need not stay around either.
      case 'PersonalDataErased':
        return { ...current, personalData: null };
      default: {
        const { openConflicts: _open, ...career }: CareerDocument = { ...current, ...applyCareerEvent(current, event) };
        return career.conflicts.length > 0 ? { ...career, openConflicts: 'yes' } : career;
      }
    }
  },
});
