import { Command, dayOf, Sealed } from '../kernel/command';
import { Decider, unreachable } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event, isEventOf } from '../kernel/event';
import { GermanLevel, Jurisdiction, Need, ResidenceStatus, SchoolCertificate } from '../kernel/vocabulary';

/** An entitlement to benefits under one jurisdiction, open-ended while `to` is absent. */
export interface Entitlement {
  entitlementId: string;
  jurisdiction: Jurisdiction;
  from: string;
  to?: string;
}

/** What a coach found the person needs on one day; the participant's stream keeps every one, the latest counts. */
export interface NeedsAssessment {
  assessmentId: string;
  assessedOn: string;
  needs: Need[];
  germanLevel?: GermanLevel;
  schoolCertificate?: SchoolCertificate;
  assessedBy: string;
}

/** A participant lives in the stream `participant-<participantId>`. */
export const participantStreamId = (participantId: string): string => `participant-${participantId}`;

// Events: stored for good, so their type names and data never change shape.
export type ParticipantRegistered = Event<
  'ParticipantRegistered',
  {
    participantId: string;
    municipality: string;
    residenceStatus: ResidenceStatus;
    /** Given name, family name and birth date, sealed with the participant's own key. */
    personalData: Sealed;
    registeredAt: string;
  }
>;
export type ResidenceStatusChanged = Event<
  'ResidenceStatusChanged',
  { participantId: string; from: ResidenceStatus; to: ResidenceStatus; changedOn: string }
>;
export type EntitlementAdded = Event<'EntitlementAdded', { participantId: string; entitlement: Entitlement }>;
export type EntitlementEnded = Event<'EntitlementEnded', { participantId: string; entitlementId: string; to: string }>;
export type PersonalDataErased = Event<'PersonalDataErased', { participantId: string; erasedAt: string }>;
/**
 * The same person was registered twice; this registration lives on in `mergedInto`. `reason`: why an
 * admin merged two registrations the duplicate check never listed; sealed, as free text may name the person.
 */
export type ParticipantMerged = Event<
  'ParticipantMerged',
  { participantId: string; mergedInto: string; mergedAt: string; reason?: Sealed }
>;
export type NeedsAssessed = Event<'NeedsAssessed', { participantId: string; assessment: NeedsAssessment; recordedAt: string }>;
export type ParticipantEvent =
  | ParticipantRegistered
  | ResidenceStatusChanged
  | EntitlementAdded
  | EntitlementEnded
  | PersonalDataErased
  | ParticipantMerged
  | NeedsAssessed;

export const isParticipantEvent = isEventOf<ParticipantEvent>({
  ParticipantRegistered: true,
  ResidenceStatusChanged: true,
  EntitlementAdded: true,
  EntitlementEnded: true,
  PersonalDataErased: true,
  ParticipantMerged: true,
  NeedsAssessed: true,
});

export type RegisteredParticipantState = {
  status: 'registered' | 'erased' | 'merged';
  id: string;
  municipality: string;
  residenceStatus: ResidenceStatus;
  entitlements: Entitlement[];
  mergedInto?: string;
  /** The ids of every assessment recorded, so a retried request records nothing twice. */
  assessmentIds: string[];
  /** The assessment that counts: the latest by `assessedOn`; of two on one day, the one recorded last. */
  needsAssessment?: NeedsAssessment;
};

export type Participant = { status: 'none' } | RegisteredParticipantState;

export const initialParticipant: Participant = { status: 'none' };

export const evolve = (state: Participant, event: ParticipantEvent): Participant => {
  switch (event.type) {
    case 'ParticipantRegistered':
      return {
        status: 'registered',
        id: event.data.participantId,
        municipality: event.data.municipality,
        residenceStatus: event.data.residenceStatus,
        entitlements: [],
        assessmentIds: [],
      };
    case 'ResidenceStatusChanged':
      return state.status === 'none' ? state : { ...state, residenceStatus: event.data.to };
    case 'EntitlementAdded':
      return state.status === 'none' ? state : { ...state, entitlements: [...state.entitlements, event.data.entitlement] };
    case 'EntitlementEnded':
      return state.status === 'none'
        ? state
        : {
            ...state,
            entitlements: state.entitlements.map((e) => (e.entitlementId === event.data.entitlementId ? { ...e, to: event.data.to } : e)),
          };
    case 'PersonalDataErased':
      return state.status === 'none' ? state : { ...state, status: 'erased' };
    case 'ParticipantMerged':
      return state.status === 'none' ? state : { ...state, status: 'merged', mergedInto: event.data.mergedInto };
    case 'NeedsAssessed': {
      if (state.status === 'none') return state;
      const { assessment } = event.data;
      const latest = state.needsAssessment === undefined || assessment.assessedOn >= state.needsAssessment.assessedOn;
      return {
        ...state,
        assessmentIds: [...state.assessmentIds, assessment.assessmentId],
        ...(latest ? { needsAssessment: assessment } : {}),
      };
    }
    default:
      return unreachable(event);
  }
};

// Commands.
export type RegisterParticipant = Command<
  'RegisterParticipant',
  { participantId: string; municipality: string; residenceStatus: ResidenceStatus; personalData: Sealed; entitlements: Entitlement[] }
>;
export type ChangeResidenceStatus = Command<'ChangeResidenceStatus', { residenceStatus: ResidenceStatus; changedOn: string }>;
export type AddEntitlement = Command<'AddEntitlement', { entitlement: Entitlement }>;
export type EndEntitlement = Command<'EndEntitlement', { entitlementId: string; to: string }>;
export type ErasePersonalData = Command<'ErasePersonalData', Record<string, never>>;
export type MergeInto = Command<'MergeInto', { survivor: { id: string; status: Participant['status'] }; reason?: Sealed }>;
export type AssessNeeds = Command<'AssessNeeds', { assessment: Omit<NeedsAssessment, 'assessedBy'> }>;
export type ParticipantCommand =
  RegisterParticipant | ChangeResidenceStatus | AddEntitlement | EndEntitlement | ErasePersonalData | MergeInto | AssessNeeds;

const existing = (state: Participant): RegisteredParticipantState => {
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

const registerParticipant = ({ data: d, metadata }: RegisterParticipant, state: Participant): ParticipantEvent[] => {
  if (state.status !== 'none') throw new DomainError('participant_exists', 'participant already registered');
  d.entitlements.forEach((e, i) => checkEntitlement(e, d.entitlements.slice(0, i)));
  return [
    {
      type: 'ParticipantRegistered',
      data: {
        participantId: d.participantId,
        municipality: d.municipality,
        residenceStatus: d.residenceStatus,
        personalData: d.personalData,
        registeredAt: metadata.now,
      },
    },
    ...d.entitlements.map((entitlement): ParticipantEvent => ({
      type: 'EntitlementAdded',
      data: { participantId: d.participantId, entitlement },
    })),
  ];
};

const changeResidenceStatus = ({ data }: ChangeResidenceStatus, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  if (participant.residenceStatus === data.residenceStatus) return [];
  return [
    {
      type: 'ResidenceStatusChanged',
      data: { participantId: participant.id, from: participant.residenceStatus, to: data.residenceStatus, changedOn: data.changedOn },
    },
  ];
};

const addEntitlement = ({ data }: AddEntitlement, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  checkEntitlement(data.entitlement, participant.entitlements);
  return [{ type: 'EntitlementAdded', data: { participantId: participant.id, entitlement: data.entitlement } }];
};

const endEntitlement = ({ data }: EndEntitlement, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  const entitlement = participant.entitlements.find((e) => e.entitlementId === data.entitlementId);
  if (!entitlement) throw new DomainError('entitlement_not_found', `no entitlement ${data.entitlementId}`);
  if (data.to < entitlement.from) {
    throw new DomainError('invalid_period', `entitlement cannot end on ${data.to}, before it starts on ${entitlement.from}`);
  }
  return [{ type: 'EntitlementEnded', data: { participantId: participant.id, ...data } }];
};

const mergeInto = ({ data: { survivor, reason }, metadata }: MergeInto, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  if (participant.status === 'merged') {
    if (participant.mergedInto === survivor.id) return [];
    throw new DomainError('participant_not_active', `participant was already merged into ${participant.mergedInto}`);
  }
  if (survivor.id === participant.id) throw new DomainError('invalid_merge', 'a participant cannot be merged into itself');
  if (survivor.status !== 'registered') throw new DomainError('invalid_merge', `the surviving registration is ${survivor.status}`);
  return [
    {
      type: 'ParticipantMerged',
      data: { participantId: participant.id, mergedInto: survivor.id, mergedAt: metadata.now, ...(reason === undefined ? {} : { reason }) },
    },
  ];
};

const assessNeeds = ({ data: { assessment }, metadata }: AssessNeeds, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  if (participant.assessmentIds.includes(assessment.assessmentId)) return [];
  if (participant.status === 'merged')
    throw new DomainError('participant_not_active', `participant was merged into ${participant.mergedInto}`);
  // An assessment describes the person: once their data is erased, nothing new is recorded about them.
  if (participant.status === 'erased') throw new DomainError('personal_data_erased', 'the participant’s personal data was erased');
  if (assessment.assessedOn > dayOf(metadata.now)) {
    throw new DomainError('assessment_in_future', `assessed on ${assessment.assessedOn}, which is after today`);
  }
  const { assessmentId, assessedOn, germanLevel, schoolCertificate } = assessment;
  return [
    {
      type: 'NeedsAssessed',
      data: {
        participantId: participant.id,
        recordedAt: metadata.now,
        assessment: {
          assessmentId,
          assessedOn,
          needs: [...new Set(assessment.needs)],
          ...(germanLevel ? { germanLevel } : {}),
          ...(schoolCertificate ? { schoolCertificate } : {}),
          assessedBy: metadata.actor,
        },
      },
    },
  ];
};

const erasePersonalData = ({ metadata }: ErasePersonalData, state: Participant): ParticipantEvent[] => {
  const participant = existing(state);
  if (participant.status === 'erased') return [];
  return [{ type: 'PersonalDataErased', data: { participantId: participant.id, erasedAt: metadata.now } }];
};

export const decide = (command: ParticipantCommand, state: Participant): ParticipantEvent[] => {
  switch (command.type) {
    case 'RegisterParticipant':
      return registerParticipant(command, state);
    case 'ChangeResidenceStatus':
      return changeResidenceStatus(command, state);
    case 'AddEntitlement':
      return addEntitlement(command, state);
    case 'EndEntitlement':
      return endEntitlement(command, state);
    case 'MergeInto':
      return mergeInto(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    case 'AssessNeeds':
      return assessNeeds(command, state);
    default:
      return unreachable(command);
  }
};

export const participantDecider: Decider<ParticipantCommand, ParticipantEvent, Participant> = {
  decide,
  evolve,
  initialState: initialParticipant,
  isEvent: isParticipantEvent,
};
