import { openNeeds } from './open-needs';

describe('open needs', () => {
  it('lists the pathway kinds needed without an active pathway of that kind, under any jurisdiction', () =>
    expect(openNeeds(['coaching', 'language_support', 'school_certificate'], [{ kind: 'language_support', status: 'active' }])).toEqual([
      'coaching',
      'school_certificate',
    ]));
  it('opens a need again once its pathway has ended', () =>
    expect(
      openNeeds(
        ['coaching'],
        [
          { kind: 'coaching', status: 'completed' },
          { kind: 'coaching', status: 'aborted' },
        ],
      ),
    ).toEqual(['coaching']));
  it('never lists needs no pathway kind meets', () => expect(openNeeds(['housing', 'health', 'employment', 'other'], [])).toEqual([]));
  it('ignores pathways of kinds nobody assessed as needed', () =>
    expect(openNeeds(['coaching'], [{ kind: 'participation_management', status: 'active' }])).toEqual(['coaching']));
});
