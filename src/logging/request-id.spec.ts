import { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const requestWith = (headers: Record<string, string>) => {
  const req = { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) } as IncomingMessage;
  const sent: Record<string, unknown> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      sent[name] = value;
    },
  } as unknown as ServerResponse;
  return { id: assignRequestId(req, res), sent };
};

describe('assignRequestId', () => {
  it.each([
    '3f2c1e7a-9b1d-4c3e-8f00-123456789abc',
    '01HZX3K6Q7W8E9R0T1Y2U3I4O5',
    'Root=1-5759e988-bd862e3fe1be46a994272793',
    'abc_123.xyz',
  ])('keeps the caller id %s and echoes it', (offered) => {
    const { id, sent } = requestWith({ 'X-Request-Id': offered });
    expect(id).toBe(offered);
    expect(sent['X-Request-Id']).toBe(offered);
  });

  it.each(['', 'has space', 'quote"d', 'line\nbreak', '{"json":1}', 'x'.repeat(129)])(
    'replaces the insane id %j with a fresh UUID',
    (offered) => {
      const { id, sent } = requestWith({ 'X-Request-Id': offered });
      expect(id).toMatch(UUID);
      expect(sent['X-Request-Id']).toBe(id);
    },
  );

  it('makes one when the caller sent none', () => {
    expect(requestWith({}).id).toMatch(UUID);
  });
});
