export { pathwayDecider, pathwayStreamId, isPathwayEvent, GOAL_REACHED_OUTCOMES } from './pathway.decider';
export type {
  Pathway, OpenedPathwayState, PathwayStatus, PathwayEvent, PathwayCommand, CaseStep, PlannedStep, ParticipantSnapshot,
  PathwayOpened, CaseStepRecorded, PathwayCompleted, PathwayAborted, PathwayTransferred,
  OpenPathway, RecordCaseStep, CompletePathway, AbortPathway, TransferPathway,
} from './pathway.decider';
