import { ApiProperty } from '@nestjs/swagger';

/** A participant's personal data as the API shows it to the roles that may read it. */
export class PersonalDataView {
  @ApiProperty({ example: 'Amira' }) givenName: string;
  @ApiProperty({ example: 'Haddad' }) familyName: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2004-05-17' }) birthDate: string;
}
