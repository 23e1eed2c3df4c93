import type { Projection } from '@lotse/projections';
import { applyCareerEvent, CareerView, emptyCareer } from './career.view';

const LEDGER_EVENTS = ['PathwayReserved', 'ReservationReleased', 'PathwayEndRecorded', 'CaseConferenceRecorded', 'OverrideGranted', 'LedgerMerged'];

/**
 * A career, the municipality that registered the person (which decides who may read it), and the
 * person's sealed name and birth date for lists that show whom a row is about.
 */
export type CareerDocument = CareerView & { municipality?: string; personalData?: string | null };

/** The career read model: GET /participants/:id/career, one document per registration. */
export const careersProjection: Projection<CareerDocument> = {
  name: 'careers',
  handles: ['ParticipantRegistered', 'PersonalDataErased', ...LEDGER_EVENTS],
  // The caseload looks up a page's people by id in one query.
  indexes: [['participantId']],
  documentId: (event) => String(event.data.participantId),
  apply: (doc, event) => {
    const participantId = String(event.data.participantId);
    const current = doc ?? emptyCareer(participantId);
    if (event.type === 'ParticipantRegistered') {
      const sealed = event.data.personalData;
      return { ...current, municipality: String(event.data.municipality), personalData: typeof sealed === 'string' ? sealed : null };
    }
    // The key is destroyed anyway; the sealed value need not stay around either.
    if (event.type === 'PersonalDataErased') return { ...current, personalData: null };
    return applyCareerEvent(current, event);
  },
};
