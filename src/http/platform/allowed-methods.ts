import type { FastifyInstance } from 'fastify';

/** The methods a route can be declared with; OPTIONS is left out, CORS answers it for every path. */
const ROUTE_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;

/** Nest's adapter, as the exception filter holds it. */
interface AdapterOf {
  getInstance(): unknown;
}

/** The methods the routes matching `path` answer (HEAD wherever GET is: Fastify answers it), sorted. */
export const allowedMethodsOf = (adapter: AdapterOf | undefined, path: string): string[] => {
  const fastify = adapter?.getInstance() as FastifyInstance | undefined;
  if (!fastify) return [];
  return ROUTE_METHODS.filter((method) => {
    try {
      return fastify.findRoute({ method, url: path }) !== null;
    } catch {
      // A path the router cannot even decode matches no route.
      return false;
    }
  });
};

/** Whether no route took the request: Fastify's not-found handler is answering it. */
export const wasNotRouted = (req: { is404?: boolean }): boolean => req.is404 === true;
