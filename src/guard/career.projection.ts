import type { Projection } from '@lotse/projections';
import { applyCareerEvent, CareerView, emptyCareer } from './career.view';

const LEDGER_EVENTS = ['PathwayReserved', 'ReservationReleased', 'PathwayEndRecorded', 'CaseConferenceRecorded', 'OverrideGranted', 'LedgerMerged'];

/** A career and the municipality that registered the person, which decides who may read it. */
export type CareerDocument = CareerView & { municipality?: string };

/** The career read model: GET /participants/:id/career, one document per registration. */
export const careersProjection: Projection<CareerDocument> = {
  name: 'careers',
  handles: ['ParticipantRegistered', ...LEDGER_EVENTS],
  documentId: (event) => String(event.data.participantId),
  apply: (doc, event) => {
    const participantId = String(event.data.participantId);
    const current = doc ?? emptyCareer(participantId);
    if (event.type === 'ParticipantRegistered') return { ...current, municipality: String(event.data.municipality) };
    return applyCareerEvent(current, event);
  },
};
