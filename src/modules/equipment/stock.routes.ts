// HTTP of stocktaking, liquidation and transfer, and the idle assets offered as transfer candidates.
//
//   POST /api/equipment/stocktakes                              a campaign {name, asOf, orgUnit}
//   GET  /api/equipment/stocktakes?orgUnit=&status=             campaigns covering a unit
//   GET  /api/equipment/stocktakes/:id                          the campaign, its units' progress
//   GET  /api/equipment/stocktakes/:id/units/:unit              one unit's list to count
//   PUT  /api/equipment/stocktakes/:id/units/:unit/lines        {lines: [...], removeSurplus: [...]} (bulk; one line from a phone)
//   POST /api/equipment/stocktakes/:id/units/:unit/confirm      {signers: [{role, name}]}
//   POST /api/equipment/stocktakes/:id/units/:unit/reopen       a manager reopens a confirmed count
//   GET  /api/equipment/stocktakes/:id/differences?orgUnit=     the differences
//   POST /api/equipment/stocktakes/:id/close                    {force?}
//   POST /api/equipment/stocktakes/:id/apply                    {asset, version, note?} one line's difference → the register
//   GET  /api/equipment/stocktakes/:id/record.docx?orgUnit=     Biên bản kiểm kê tài sản (DOCX)
//   GET  /api/equipment/stocktakes/:id/record.xlsx?orgUnit=     the same in Excel
//   GET  /api/equipment/proposals/rules                         {decisionLimit, repairSharePct}
//   POST /api/equipment/proposals                               a liquidation or a transfer
//   GET  /api/equipment/proposals?orgUnit=&kind=&status=&asset=&actionable=
//   GET  /api/equipment/proposals/:id
//   POST /api/equipment/proposals/:id/decide                    {approve, decisionNo, note}
//   POST /api/equipment/proposals/:id/done                      liquidation carried out
//   POST /api/equipment/proposals/:id/hand-over                 transfer handed over by the sender
//   POST /api/equipment/proposals/:id/accept                    transfer accepted by the receiver
//   POST /api/equipment/proposals/:id/withdraw
//   GET  /api/equipment/proposals/:id/minutes.docx              Biên bản bàn giao, tiếp nhận (01/TSC-BBGN)
//   GET  /api/equipment/idle?orgUnit=                           idle assets with candidate units
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import { contentDisposition } from '../../lib/files.js';
import * as disposal from './disposal.service.js';
import * as documents from './stock.documents.js';
import type { DocumentFile } from './stock.documents.js';
import * as stocktake from './stocktake.service.js';

type Params = { id: string; unit: string };

const send = (reply: FastifyReply, f: DocumentFile) => reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.fileName)).send(f.content);

export function stockRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  const S = '/api/equipment/stocktakes';
  app.post(S, async (req, reply) => reply.code(201).send(await stocktake.createStocktake(ctx(req), req.body)));
  app.get(S, (req) => stocktake.listStocktakes(ctx(req), req.query));
  app.get<{ Params: Params }>(`${S}/:id`, (req) => stocktake.getStocktake(ctx(req), req.params.id));
  app.get<{ Params: Params }>(`${S}/:id/units/:unit`, (req) => stocktake.getSheet(ctx(req), req.params.id, req.params.unit));
  app.put<{ Params: Params }>(`${S}/:id/units/:unit/lines`, (req) => stocktake.saveLines(ctx(req), req.params.id, req.params.unit, req.body));
  app.post<{ Params: Params }>(`${S}/:id/units/:unit/confirm`, (req) => stocktake.confirmUnit(ctx(req), req.params.id, req.params.unit, req.body));
  app.post<{ Params: Params }>(`${S}/:id/units/:unit/reopen`, (req) => stocktake.reopenUnit(ctx(req), req.params.id, req.params.unit));
  app.get<{ Params: Params }>(`${S}/:id/differences`, (req) => stocktake.differences(ctx(req), req.params.id, req.query));
  app.post<{ Params: Params }>(`${S}/:id/close`, (req) => stocktake.closeStocktake(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>(`${S}/:id/apply`, (req) => stocktake.applyDifference(ctx(req), req.params.id, req.body));
  app.get<{ Params: Params }>(`${S}/:id/record.docx`, async (req, reply) => send(reply, await documents.stocktakeRecordDocx(ctx(req), req.params.id, req.query)));
  app.get<{ Params: Params }>(`${S}/:id/record.xlsx`, async (req, reply) => send(reply, await documents.stocktakeRecordXlsx(ctx(req), req.params.id, req.query)));

  const P = '/api/equipment/proposals';
  app.get(`${P}/rules`, (req) => disposal.proposalRules(ctx(req)));
  app.post(P, async (req, reply) => reply.code(201).send(await disposal.createProposal(ctx(req), req.body)));
  app.get(P, (req) => disposal.listProposals(ctx(req), req.query));
  app.get<{ Params: Params }>(`${P}/:id`, (req) => disposal.getProposal(ctx(req), req.params.id));
  app.post<{ Params: Params }>(`${P}/:id/decide`, (req) => disposal.decideProposal(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>(`${P}/:id/done`, (req) => disposal.liquidationDone(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>(`${P}/:id/hand-over`, (req) => disposal.handOver(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>(`${P}/:id/accept`, (req) => disposal.acceptTransfer(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>(`${P}/:id/withdraw`, (req) => disposal.withdrawProposal(ctx(req), req.params.id, req.body));
  app.get<{ Params: Params }>(`${P}/:id/minutes.docx`, async (req, reply) => send(reply, await documents.handoverMinutesDocx(ctx(req), req.params.id)));

  app.get('/api/equipment/idle', (req) => disposal.idleAssets(ctx(req), req.query));
}
