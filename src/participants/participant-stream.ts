export const participantStream = (participantId: string): string => `participant-${participantId}`;

/** What is sealed into ParticipantRegistered: the person, never in clear text in the log. */
export interface PersonalData {
  givenName: string;
  familyName: string;
  birthDate: string;
}
