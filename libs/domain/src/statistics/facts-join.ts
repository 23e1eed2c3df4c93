import { carryFactColumns, FactsChange } from './fact-columns';
import {
  caseStepsOfDay,
  GuardDecisionFact,
  guardFactsOf,
  joinFacts,
  offerFactOf,
  PARTICIPANT_PREFIX,
  PATHWAY_PREFIX,
  PathwayFact,
  pathwayFactOf,
  personFactOf,
  StatisticsFacts,
  survivorIn,
} from './facts';
import { carryStatisticsMemos } from './queries';
import { ParticipantFactDocument, StatisticsDocument } from './statistics-documents';

/** The fields of a pathway the tables count by: all but its case steps. */
const FIGURES = [
  'person',
  'municipality',
  'kind',
  'jurisdiction',
  'residenceStatus',
  'ageBand',
  'start',
  'endedOn',
  'status',
  'outcome',
] as const;
const sameFigures = (a: PathwayFact, b: PathwayFact): boolean => FIGURES.every((field) => a[field] === b[field]);

const STEPS_PREFIX = 'steps-';

/** Signals a change that only joining every document again follows. */
class NeedsFullJoin extends Error {}

/**
 * The facts of a set of documents kept joined as the documents change: after a few events only the
 * documents they changed are joined again (a pathway or guard decision also when its person's
 * registration changed), and the facts of the new position keep every other fact where it stood,
 * so the query columns and the suppression decisions follow by copy rather than from scratch.
 *
 * A change that moves persons as a whole — a merge of registrations (or a change to a registration
 * others were merged into), a document that disappears — joins everything again. Persons are
 * numbered once and new ones get the next number, and new facts are appended, so the facts differ
 * from a fresh `factsOf` in their order and numbering only, which no figure depends on: every
 * query answers both alike (see facts-join.spec.ts).
 */
export class FactsJoin {
  facts!: StatisticsFacts;
  private participants = new Map<string, ParticipantFactDocument>();
  private numbers = new Map<string, number>();
  private pathwayAt = new Map<string, number>();
  private personAt = new Map<string, number>();
  private offerAt = new Map<string, number>();
  /** Pathway ids whose case steps came before the pathway (never in a consistent log). */
  private stepsWithoutPathway = new Set<string>();
  /** Each guard document's decisions, in the order they are listed. */
  private guards = new Map<string, GuardDecisionFact[]>();
  /** The pathway and guard documents naming each participant id. */
  private dependents = new Map<string, Set<string>>();
  /** Ids some registration was merged into. */
  private mergeTargets = new Set<string>();

  /** `documents` is the caller's: it folds events into it and then names the keys they changed. */
  constructor(private readonly documents: ReadonlyMap<string, StatisticsDocument>) {
    this.joinAll();
  }

  /** The facts after the documents under `keys` changed; those of the previous position stay as they were. */
  update(keys: Iterable<string>): StatisticsFacts {
    const previous = this.facts;
    const changed = new Set(keys);
    if (changed.size === 0) return previous;
    try {
      const { facts, change } = this.joinChanged(changed);
      carryFactColumns(previous, facts, change);
      carryStatisticsMemos(previous, facts, change);
      this.facts = facts;
    } catch (error) {
      if (!(error instanceof NeedsFullJoin)) throw error;
      this.joinAll();
    }
    return this.facts;
  }

  private joinAll(): void {
    this.numbers.clear();
    this.pathwayAt.clear();
    this.personAt.clear();
    this.offerAt.clear();
    this.guards.clear();
    this.dependents.clear();
    this.mergeTargets.clear();
    const guardsAt: [string, number, number][] = [];
    const joined = joinFacts(this.documents, (key, doc, index) => {
      switch (doc.fact) {
        case 'participant':
          this.personAt.set(key.slice(PARTICIPANT_PREFIX.length), index);
          break;
        case 'pathway':
          this.pathwayAt.set(key, index);
          this.depend(doc.participantId, key);
          break;
        case 'offer':
          this.offerAt.set(key, index);
          break;
        case 'guard':
          guardsAt.push([key, index, doc.decisions.length]);
          for (const decision of doc.decisions) this.depend(decision.participantId, key);
      }
    });
    for (const [key, start, length] of guardsAt) this.guards.set(key, joined.facts.guardDecisions.slice(start, start + length));
    for (const doc of joined.participants.values()) if (doc.mergedInto) this.mergeTargets.add(doc.mergedInto);
    this.participants = joined.participants;
    this.numbers = joined.numbers;
    this.stepsWithoutPathway = joined.stepsWithoutPathway;
    this.facts = joined.facts;
  }

  private depend(participantId: string, key: string): void {
    const keys = this.dependents.get(participantId);
    if (keys) keys.add(key);
    else this.dependents.set(participantId, new Set([key]));
  }

  private personOf(participantId: string): number {
    const root = survivorIn(this.participants)(participantId);
    let number = this.numbers.get(root);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(root, number);
    }
    return number;
  }

  private joinChanged(keys: Set<string>): { facts: StatisticsFacts; change: FactsChange } {
    const previous = this.facts;
    const facts: StatisticsFacts = { ...previous };
    const change = {
      pathways: new Set<number>(),
      pathwayFigures: false,
      persons: false,
      offers: false,
      guardDecisions: false,
    };
    const copied = new Set<keyof StatisticsFacts>();
    /** The list to change, copied once: the previous facts keep theirs. */
    const own = <K extends keyof StatisticsFacts>(list: K): StatisticsFacts[K] => {
      if (!copied.has(list)) {
        copied.add(list);
        facts[list] = previous[list].slice() as StatisticsFacts[K];
      }
      return facts[list];
    };
    const placeAt = <T>(list: T[], at: Map<string, number>, key: string, fact: T): number => {
      let index = at.get(key);
      if (index === undefined) {
        index = list.length;
        at.set(key, index);
        list.push(fact);
      } else list[index] = fact;
      return index;
    };

    const others = new Set<string>();
    // Case steps after the pathways, so that a pathway opened in the same events is there for its steps.
    const steps: string[] = [];
    for (const key of keys) {
      if (key.startsWith(STEPS_PREFIX)) {
        steps.push(key);
        continue;
      }
      if (!key.startsWith(PARTICIPANT_PREFIX)) {
        others.add(key);
        continue;
      }
      const id = key.slice(PARTICIPANT_PREFIX.length);
      const doc = this.documents.get(key);
      const before = this.participants.get(id);
      if (!doc && !before) continue;
      if (doc?.fact !== 'participant' || doc.mergedInto || before?.mergedInto || this.mergeTargets.has(id)) throw new NeedsFullJoin();
      this.participants.set(id, doc);
      placeAt(own('persons'), this.personAt, id, personFactOf(doc, this.personOf(id)));
      change.persons = true;
      for (const dependent of this.dependents.get(id) ?? []) others.add(dependent);
    }

    let guardsChanged = false;
    for (const key of [...others, ...steps]) {
      const doc = this.documents.get(key);
      if (!doc) {
        if (this.pathwayAt.has(key) || this.offerAt.has(key) || this.guards.has(key) || key.startsWith(STEPS_PREFIX))
          throw new NeedsFullJoin();
        continue;
      }
      switch (doc.fact) {
        case 'pathway': {
          const at = this.pathwayAt.get(key);
          // Case steps that came before their pathway (never in a consistent log) are joined with it whole.
          if (at === undefined && this.stepsWithoutPathway.has(key.slice(PATHWAY_PREFIX.length))) throw new NeedsFullJoin();
          const pathways = own('pathways');
          const steps = at === undefined ? [] : pathways[at].steps;
          const fact = pathwayFactOf(doc, this.participants.get(doc.participantId), this.personOf(doc.participantId), steps);
          const index = placeAt(pathways, this.pathwayAt, key, fact);
          change.pathways.add(index);
          if (index >= previous.pathways.length || !sameFigures(previous.pathways[index], fact)) change.pathwayFigures = true;
          this.depend(doc.participantId, key);
          break;
        }
        case 'steps': {
          const at = this.pathwayAt.get(PATHWAY_PREFIX + doc.pathwayId);
          if (at === undefined) {
            this.stepsWithoutPathway.add(doc.pathwayId);
            break;
          }
          // The pathway's fact with this day's counts in place of the old (its other days shared with the previous facts).
          const pathways = own('pathways');
          const { steps } = pathways[at];
          const day = steps.findIndex((s) => s.on === doc.on);
          const counted = caseStepsOfDay(doc);
          pathways[at] = { ...pathways[at], steps: day < 0 ? [...steps, counted] : steps.map((s, k) => (k === day ? counted : s)) };
          change.pathways.add(at);
          break;
        }
        case 'offer':
          placeAt(own('offers'), this.offerAt, key, offerFactOf(doc));
          change.offers = true;
          break;
        case 'guard':
          this.guards.set(
            key,
            guardFactsOf(doc, this.participants, survivorIn(this.participants), (id) => this.personOf(id)),
          );
          for (const decision of doc.decisions) this.depend(decision.participantId, key);
          guardsChanged = true;
          break;
        default:
          throw new NeedsFullJoin();
      }
    }
    if (guardsChanged) {
      facts.guardDecisions = [...this.guards.values()].flat();
      change.guardDecisions = true;
    }
    return { facts, change };
  }
}
