import { Router, type Request, type Response } from 'express';
import {
  presetInputSchema,
  presetListQuerySchema,
  presetPathSchema,
  type PresetResponse,
} from '../contract';
import { AppError } from '../errors';
import { viewerOf } from '../http/identity';
import { parseOr400, queryParams } from '../http/validate';
import type { PresetService } from '../services/presets';

export function presetRoutes(presets: PresetService): Router {
  const router = Router();

  router.get('/presets', async (req, res) => {
    const page = parseOr400(presetListQuerySchema, queryParams(req.query), 'query');
    res.json(await presets.list(viewerOf(res), page));
  });

  router.post('/presets', async (req, res) => {
    const params = parseOr400(presetInputSchema, req.body ?? {}, 'body');
    const created = await presets.create(viewerOf(res), params);
    res.status(201).location(`/api/presets/${created.id}`);
    sendPreset(res, created);
  });

  router.get('/presets/:id', async (req, res) => {
    const { id } = parseOr400(presetPathSchema, req.params, 'id');
    sendPreset(res, await presets.get(viewerOf(res), id));
  });

  router.put('/presets/:id', async (req, res) => {
    const { id } = parseOr400(presetPathSchema, req.params, 'id');
    const expected = expectedVersion(req);
    const params = parseOr400(presetInputSchema, req.body ?? {}, 'body');
    sendPreset(res, await presets.replace(viewerOf(res), id, expected, params));
  });

  router.delete('/presets/:id', async (req, res) => {
    const { id } = parseOr400(presetPathSchema, req.params, 'id');
    await presets.remove(viewerOf(res), id, expectedVersion(req));
    res.status(204).end();
  });

  return router;
}

/** A strong ETag of the version: every save bumps it, so equal tags mean equal presets. */
const etagOf = (version: number) => `"${version}"`;

function sendPreset(res: Response, preset: PresetResponse): void {
  res.setHeader('ETag', etagOf(preset.version));
  res.json(preset);
}

/**
 * Writes must say which version they change (RFC 9110 §13.1.1): no If-Match is 428 (RFC 6585),
 * and `*` is refused too because it would overwrite whatever someone else saved meanwhile.
 * A tag that is not one of ours can never match the current one: 412, as the RFC says.
 */
function expectedVersion(req: Request): number {
  const ifMatch = req.get('If-Match')?.trim();
  if (!ifMatch || ifMatch === '*') {
    throw new AppError({
      status: 428,
      title: 'If-Match required',
      detail: `Send If-Match with the ETag you got when you loaded the preset (e.g. If-Match: "3")${ifMatch === '*' ? '; "*" would overwrite changes you have not seen' : ''}.`,
    });
  }
  const match = /^"([1-9][0-9]{0,8})"$/.exec(ifMatch);
  if (!match?.[1]) {
    throw new AppError({
      status: 412,
      title: 'Preset changed since you loaded it',
      detail: 'If-Match does not match the preset’s ETag. Reload it and save again.',
    });
  }
  return Number(match[1]);
}
