export { ParticipantsModule } from './participants.module';
export { participantStream } from './participant-stream';
export type { PersonalData } from './participant-stream';
