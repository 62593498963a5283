/**
 * GET {api-root}/status/{status-id}/ (TAXII 2.1 §4.3, TAXII 2.0 §4.3). A status is shown to the
 * user who made the request and to readers of its collection; to anyone else it does not exist
 * (404). Its shape is the client's version's, whichever version made the POST. A pending status
 * idle for limits.pending_status_timeout_ms is settled before it is shown (Storage.settleAbandonedStatuses).
 */
import type { FastifyPluginAsync } from 'fastify';
import { permissionsOf } from '../access.js';
import type { ApiRootOptions } from '../context.js';
import { TaxiiError } from '../errors.js';
import { taxiiMediaType } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';
import { statusFor } from '../status-resource.js';
import { statusParams } from './schemas.js';

const statusPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  app.get<{ Params: { statusId: string } }>('/status/:statusId/', { schema: { params: statusParams } }, async (request, reply) => {
    const user = request.taxiiUser;
    // A POST answered before its objects were stored (Prefer: respond-async): its status is here
    // until the write commits, then in the storage.
    let status = ctx.accepted.get(request.params.statusId) ?? (await ctx.storage.getStatus(request.params.statusId));
    let visible = status !== undefined && status.apiRoot === root.path;
    if (status && visible && status.owner !== user) {
      const collection = await ctx.storage.getCollection(root.path, status.collectionId);
      visible = collection !== undefined && permissionsOf(collection, user).read;
    }
    if (!status || !visible) throw new TaxiiError('TAXII_NOT_FOUND', `no status ${JSON.stringify(request.params.statusId)}`);
    // A pending status whose request was abandoned (its server process died: ingest.ts) is
    // answered settled, as the hourly housekeeping (server.ts) would leave it, not pending until then.
    if (status.status === 'pending' && ctx.accepted.get(status.id) === undefined) {
      const before = Date.now() * 1000 - ctx.pendingStatusTimeoutMs * 1000;
      if ((await ctx.storage.settleAbandonedStatuses(before, [status.id])) > 0) status = (await ctx.storage.getStatus(status.id)) ?? status;
    }
    const version = request.taxiiVersion;
    return sendTaxii(reply, 200, statusFor(status, version), taxiiMediaType(version));
  });
  refuseOtherMethods(app, '/status/:statusId/', ['GET']);
};

export default statusPlugin;
