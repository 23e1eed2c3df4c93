import { CommandMetadata, Sealed } from '../shared/command';
import { DomainError } from '../shared/domain-error';
import { Jurisdiction, ResidenceStatus } from '../shared/vocabulary';

/** An entitlement to benefits under one jurisdiction, open-ended while `to` is absent. */
export interface Entitlement {
  entitlementId: string;
  jurisdiction: Jurisdiction;
  from: string;
  to?: string;
}

export type ParticipantEvent =
  | { type: 'ParticipantRegistered'; data: { participantId: string; municipality: string; residenceStatus: ResidenceStatus;
      /** Given name, family name and birth date, sealed with the participant's own key. */
      personalData: Sealed; registeredAt: string } }
  | { type: 'ResidenceStatusChanged'; data: { participantId: string; from: ResidenceStatus; to: ResidenceStatus; changedOn: string } }
  | { type: 'EntitlementAdded'; data: { participantId: string; entitlement: Entitlement } }
  | { type: 'EntitlementEnded'; data: { participantId: string; entitlementId: string; to: string } }
  | { type: 'PersonalDataErased'; data: { participantId: string; erasedAt: string } }
  /** The same person was registered twice; this registration lives on in `mergedInto`. */
  // `reason`: why an admin merged two registrations the duplicate check never listed; sealed, as free text may name the person.
  | { type: 'ParticipantMerged'; data: { participantId: string; mergedInto: string; mergedAt: string; reason?: Sealed } };

export type Participant =
  | { status: 'none' }
  | { status: 'registered' | 'erased' | 'merged'; id: string; municipality: string; residenceStatus: ResidenceStatus; entitlements: Entitlement[];
      mergedInto?: string };

export const initialParticipant: Participant = { status: 'none' };

export const evolve = (state: Participant, event: ParticipantEvent): Participant => {
  switch (event.type) {
    case 'ParticipantRegistered':
      return { status: 'registered', id: event.data.participantId, municipality: event.data.municipality,
        residenceStatus: event.data.residenceStatus, entitlements: [] };
    case 'ResidenceStatusChanged':
      return state.status === 'none' ? state : { ...state, residenceStatus: event.data.to };
    case 'EntitlementAdded':
      return state.status === 'none' ? state : { ...state, entitlements: [...state.entitlements, event.data.entitlement] };
    case 'EntitlementEnded':
      return state.status === 'none' ? state : { ...state, entitlements: state.entitlements.map((e) =>
        e.entitlementId === event.data.entitlementId ? { ...e, to: event.data.to } : e) };
    case 'PersonalDataErased':
      return state.status === 'none' ? state : { ...state, status: 'erased' };
    case 'ParticipantMerged':
      return state.status === 'none' ? state : { ...state, status: 'merged', mergedInto: event.data.mergedInto };
  }
};

export type ParticipantCommand =
  | { type: 'RegisterParticipant'; data: { participantId: string; municipality: string; residenceStatus: ResidenceStatus;
      personalData: Sealed; entitlements: Entitlement[] }; metadata: CommandMetadata }
  | { type: 'ChangeResidenceStatus'; data: { residenceStatus: ResidenceStatus; changedOn: string }; metadata: CommandMetadata }
  | { type: 'AddEntitlement'; data: { entitlement: Entitlement }; metadata: CommandMetadata }
  | { type: 'EndEntitlement'; data: { entitlementId: string; to: string }; metadata: CommandMetadata }
  | { type: 'ErasePersonalData'; data: Record<string, never>; metadata: CommandMetadata }
  | { type: 'MergeInto'; data: { survivor: { id: string; status: Participant['status'] }; reason?: Sealed }; metadata: CommandMetadata };

const existing = (state: Participant) => {
  if (state.status === 'none') throw new DomainError('not_found', 'participant does not exist');
  return state;
};

/** Two entitlements of one jurisdiction at once would count the same benefit twice. */
const overlaps = (a: Entitlement, b: Entitlement) =>
  a.jurisdiction === b.jurisdiction && a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

const checkEntitlement = (entitlement: Entitlement, others: readonly Entitlement[]) => {
  if (entitlement.to !== undefined && entitlement.to < entitlement.from) {
    throw new DomainError('invalid_period', `entitlement ends on ${entitlement.to}, before it starts on ${entitlement.from}`);
  }
  const clash = others.find((other) => overlaps(entitlement, other));
  if (clash) {
    throw new DomainError('entitlement_overlaps', `an ${clash.jurisdiction} entitlement from ${clash.from} already covers this period`);
  }
};

export const decide = (command: ParticipantCommand, state: Participant): ParticipantEvent[] => {
  switch (command.type) {
    case 'RegisterParticipant': {
      if (state.status !== 'none') throw new DomainError('participant_exists', 'participant already registered');
      const d = command.data;
      d.entitlements.forEach((e, i) => checkEntitlement(e, d.entitlements.slice(0, i)));
      return [
        { type: 'ParticipantRegistered', data: { participantId: d.participantId, municipality: d.municipality,
          residenceStatus: d.residenceStatus, personalData: d.personalData, registeredAt: command.metadata.now } },
        ...d.entitlements.map((entitlement): ParticipantEvent => ({ type: 'EntitlementAdded', data: { participantId: d.participantId, entitlement } })),
      ];
    }
    case 'ChangeResidenceStatus': {
      const participant = existing(state);
      if (participant.residenceStatus === command.data.residenceStatus) return [];
      return [{ type: 'ResidenceStatusChanged', data: { participantId: participant.id, from: participant.residenceStatus,
        to: command.data.residenceStatus, changedOn: command.data.changedOn } }];
    }
    case 'AddEntitlement': {
      const participant = existing(state);
      checkEntitlement(command.data.entitlement, participant.entitlements);
      return [{ type: 'EntitlementAdded', data: { participantId: participant.id, entitlement: command.data.entitlement } }];
    }
    case 'EndEntitlement': {
      const participant = existing(state);
      const entitlement = participant.entitlements.find((e) => e.entitlementId === command.data.entitlementId);
      if (!entitlement) throw new DomainError('entitlement_not_found', `no entitlement ${command.data.entitlementId}`);
      if (command.data.to < entitlement.from) {
        throw new DomainError('invalid_period', `entitlement cannot end on ${command.data.to}, before it starts on ${entitlement.from}`);
      }
      return [{ type: 'EntitlementEnded', data: { participantId: participant.id, ...command.data } }];
    }
    case 'MergeInto': {
      const participant = existing(state);
      const { survivor } = command.data;
      if (participant.status === 'merged') {
        if (participant.mergedInto === survivor.id) return [];
        throw new DomainError('participant_not_active', `participant was already merged into ${participant.mergedInto}`);
      }
      if (survivor.id === participant.id) throw new DomainError('invalid_merge', 'a participant cannot be merged into itself');
      if (survivor.status !== 'registered') throw new DomainError('invalid_merge', `the surviving registration is ${survivor.status}`);
      const reason = command.data.reason === undefined ? {} : { reason: command.data.reason };
      return [{ type: 'ParticipantMerged', data: { participantId: participant.id, mergedInto: survivor.id, mergedAt: command.metadata.now, ...reason } }];
    }
    case 'ErasePersonalData': {
      const participant = existing(state);
      if (participant.status === 'erased') return [];
      return [{ type: 'PersonalDataErased', data: { participantId: participant.id, erasedAt: command.metadata.now } }];
    }
  }
};

/** The decider as one value, for code that handles any aggregate the same way. */
export const participantDecider = { decide, evolve, initialState: initialParticipant };
