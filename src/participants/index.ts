// The participants context's public surface.
export { ParticipantsModule } from './participants.module';
