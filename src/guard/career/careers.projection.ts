import { EnrolmentLedgerEvent, PersonalDataErased, ParticipantRegistered } from '@lotse/domain';
import { defineProjection } from '@lotse/projections';
import { applyCareerEvent, CareerView, emptyCareer } from './career.view';

/**
 * A career, the municipality that registered the person (which decides who may read it), and the
 * person's sealed name and birth date for lists that show whom a row is about.
 */
export type CareerDocument = CareerView & { municipality?: string; personalData?: string | null };

/** The ledger's events a career shows; a closed ledger's entries arrive in the survivor's LedgerMerged. */
type CareerEvent = ParticipantRegistered | PersonalDataErased | Exclude<EnrolmentLedgerEvent, { type: 'LedgerClosed' }>;

/** The career read model: GET /participants/:id/career, one document per registration. */
export const careersProjection = defineProjection<CareerEvent, CareerDocument>({
  name: 'careers',
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
  indexes: [['participantId']],
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
      default:
        return applyCareerEvent(current, event);
    }
  },
});
