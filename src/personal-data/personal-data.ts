/** What is sealed into ParticipantRegistered: the person, never in clear text in the log. */
export interface PersonalData {
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** The registration's personal data as the vault opens it: null when erased or never sealed. */
export const openPersonalData = async (
  vault: { open<T>(participantId: string, sealed: string): Promise<T | symbol> },
  participantId: string,
  events: readonly { type: string; data: Record<string, unknown> }[],
): Promise<PersonalData | null> => {
  const registered = events.find((e) => e.type === 'ParticipantRegistered');
  if (!registered) return null;
  const opened = await vault.open<PersonalData>(participantId, String(registered.data.personalData));
  return typeof opened === 'symbol' ? null : opened;
};
