import { chainContent } from '../canonical-json';
import { ByteWriter } from './byte-writer';
import { columnsAgreeWithContent, writeChainInput } from './chain-content-bytes';
import { CheckedColumns, contentAgreesWithColumns } from './content-columns';

const quoted = {
  eventId: '0b8f6c1e-1111-4222-8333-944445555666',
  type: 'Type "quoted"',
  schemaVersion: 12,
  // A nested eventId that is not the envelope's: the check must not be fooled by another id.
  data: { b: 1, a: [true], inner: { eventId: '99999999-1111-4222-8333-944445555666', metadata: {} } },
  // Strings that end in a backslash or hold quotes, braces, colons and commas: metadata is searched back through, not parsed.
  metadata: { role: 'coach\\', actor: 'ü "}{:,\\"', list: [{ a: '[' }, null], empty: {} },
  recordedAt: '2026-02-01T08:30:00.007Z',
};
// Columns as most events have them (no character JSON escapes, a one-digit schema version): compared where they lie.
const plain = { ...quoted, type: 'Type plain', schemaVersion: 3 };
const streamId = 'stream-ä';
const micros = (Date.parse(quoted.recordedAt) - Date.UTC(2000, 0, 1)) * 1000;

describe.each([
  ['a type JSON escapes and a two-digit schema version', quoted],
  ['plain columns', plain],
])('the columns against the hashed content, %s', (_, event) => {
  const content = chainContent(streamId, event);
  const columns: CheckedColumns = {
    stream_id: streamId,
    event_id: event.eventId,
    type: event.type,
    schema_version: event.schemaVersion,
    recorded_at_us: '2026-02-01T08:30:00.007000Z',
  };

  /** The row as PostgreSQL sends it in binary: text as UTF-8, the uuid as 16 bytes, recorded_at in microseconds. */
  const binary = (c: CheckedColumns, recordedAtMicros: number, text = content) => {
    const parts = [
      Buffer.from('pad'),
      Buffer.from(c.stream_id),
      Buffer.from(c.event_id.replace(/-/g, ''), 'hex'),
      Buffer.from(c.type),
      Buffer.from(text),
    ];
    const starts = parts.map((_, i) => parts.slice(0, i).reduce((n, p) => n + p.length, 0));
    const src = Buffer.concat([...parts, Buffer.from('after')]);
    return {
      src,
      streamId: starts[1],
      streamIdEnd: starts[2],
      eventId: starts[2],
      type: starts[3],
      typeEnd: starts[4],
      schemaVersion: c.schema_version,
      content: starts[4],
      contentEnd: starts[4] + parts[4].length,
      recordedAtMicros,
    };
  };

  const changes: [string, Partial<CheckedColumns>, number][] = [
    ['stream id', { stream_id: 'stream-b' }, micros],
    ['stream id, to one of the same length', { stream_id: 'stream-ö' }, micros],
    ['event id', { event_id: '0b8f6c1e-1111-4222-8333-944445555667' }, micros],
    ['event id to one the data holds', { event_id: '99999999-1111-4222-8333-944445555666' }, micros],
    ['type', { type: `${event.type}X` }, micros],
    ['type, to one JSON escapes', { type: `${event.type}\n` }, micros],
    ['schema version', { schema_version: 2 }, micros],
    ['schema version, to two digits', { schema_version: 32 }, micros],
    ['recorded at, by a second', { recorded_at_us: '2026-02-01T08:30:01.007000Z' }, micros + 1_000_000],
    ['recorded at, by a microsecond', { recorded_at_us: '2026-02-01T08:30:00.007001Z' }, micros + 1],
  ];

  it('agree when they are what the content says, as text and as binary columns', () => {
    expect(contentAgreesWithColumns(content, columns)).toBe(true);
    expect(columnsAgreeWithContent(binary(columns, micros), new ByteWriter(4))).toBe(true);
  });

  it.each(changes)('disagree when the %s column is changed', (_, change, changedMicros) => {
    expect(contentAgreesWithColumns(content, { ...columns, ...change })).toBe(false);
    expect(columnsAgreeWithContent(binary({ ...columns, ...change }, changedMicros), new ByteWriter(4))).toBe(false);
  });

  it('disagree with a content that is not a canonical envelope', () => {
    for (const text of ['', '{}', content.slice(1), `${content} `, content.replace('"data"', '"date"')]) {
      expect(contentAgreesWithColumns(text, columns)).toBe(false);
      expect(columnsAgreeWithContent(binary(columns, micros, text), new ByteWriter(4))).toBe(false);
    }
  });

  describe('when data holds an object with an event id and metadata after another key', () => {
    // `,"eventId":"<forged id>","metadata":` in data: what a search for the member from the front finds first.
    const forgedId = '77777777-1111-4222-8333-944445555666';
    const crafted = { ...event, data: { note: { a: 1, eventId: forgedId, metadata: {} } } };
    const craftedContent = chainContent(streamId, crafted);

    it("agree with the envelope's own event id", () => {
      expect(contentAgreesWithColumns(craftedContent, columns)).toBe(true);
      expect(columnsAgreeWithContent(binary(columns, micros, craftedContent), new ByteWriter(4))).toBe(true);
    });

    it('disagree when the event id column is changed to the one data holds', () => {
      const forged = { ...columns, event_id: forgedId };
      expect(contentAgreesWithColumns(craftedContent, forged)).toBe(false);
      expect(columnsAgreeWithContent(binary(forged, micros, craftedContent), new ByteWriter(4))).toBe(false);
    });

    it("disagree when the envelope's own event id is changed and data holds the column's", () => {
      const mimicking = chainContent(streamId, { ...event, data: { note: { a: 1, eventId: event.eventId, metadata: {} } } });
      const tampered = mimicking.replace(`"eventId":"${event.eventId}","metadata":{"actor"`, `"eventId":"${forgedId}","metadata":{"actor"`);
      expect(tampered).not.toBe(mimicking);
      expect(contentAgreesWithColumns(tampered, columns)).toBe(false);
      expect(columnsAgreeWithContent(binary(columns, micros, tampered), new ByteWriter(4))).toBe(false);
    });
  });

  it('hash the previous hash and the content exactly as stored', () => {
    const out = new ByteWriter(8);
    writeChainInput(Buffer.from('xab12y'), 1, 5, binary(columns, micros), out);
    expect(out.view().toString('utf8')).toBe(`ab12${content}`);
  });
});
