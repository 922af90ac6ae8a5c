import { textBody, type HttpResponse } from '../../lib/engine/api-responses';

/** The JSON value of a route's response, parsing a body the route serialised (or cached) already. */
export function jsonBody(response: HttpResponse): unknown {
  if (!('raw' in response)) return response.body;
  return response.raw === null ? null : JSON.parse(textBody(response));
}
