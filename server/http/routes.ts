import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services';
import type { Viewer } from '../../shared/schemas/auth';

/** Plain HTTP routes for what is not a tRPC call: file downloads and uploads. */
export interface RouteContext {
  services: Services;
  viewer: Viewer;
  sessionToken: string | undefined;
  now: Date;
  url: URL;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> | void;
}

export const extraRoutes: Route[] = [];
