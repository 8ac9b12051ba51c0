import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { LOCAL_VIEWER } from '../services/access';
import { viewerOf } from './identity';

/**
 * Who a request counts against: the signed-in user, or without sign-in (everybody is the one
 * local viewer) the client's address, so one person's actions never count as another's. Used by
 * the per-user limit and for whose watch of a query job a request is.
 */
export function requesterOf(req: Request, res: Response): string {
  const viewer = viewerOf(res);
  return viewer === LOCAL_VIEWER ? `ip:${ipKeyGenerator(req.ip ?? '')}` : `user:${viewer.id}`;
}
