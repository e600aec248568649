import { Reference } from "@dubbo-ts/core";
import {
  BRAND_SERVICE_VERSION,
  BrandService,
} from "@dubbo-ts/example-sellergoods-service/contract";
import type { FastifyInstance, FastifyReply } from "fastify";
import { brandOf, idOf, idsOf, pageJson, pageOf, type Query, toJson } from "./brand-json.js";
import { BadRequestError, toHttpFailure } from "./http-error.js";
import { trackProvider } from "./provider-context.js";

/**
 * The classic `BrandController` of the tutorial: JSON endpoints under `/brand` that call
 * BrandService over Dubbo. Every brand it returns comes from the provider; the `X-Provider` header
 * names the provider instance that answered. Failures answer `{ success: false, message, code }`
 * with the status from `toHttpFailure`.
 */
export class BrandController {
  /**
   * A proxy that finds BrandService providers through the registry (set by the application). The
   * contract is named explicitly: type-only imports would leave no class in the design metadata.
   */
  @Reference({ contract: BrandService, version: BRAND_SERVICE_VERSION })
  brandService!: BrandService;

  /** Adds the `/brand/*` routes to `app`. */
  routes(app: FastifyInstance): void {
    app.get("/brand/findAll", (_req, reply) =>
      this.call(reply, async () => (await this.brandService.findAll()).map(toJson)),
    );
    app.get<{ Querystring: Query }>("/brand/findPage", (req, reply) =>
      this.call(reply, async () => {
        const { page, rows } = pageOf(req.query);
        return pageJson(await this.brandService.findPage(page, rows));
      }),
    );
    app.get<{ Querystring: Query }>("/brand/findOne", (req, reply) =>
      this.call(reply, async () => {
        const brand = await this.brandService.findOne(idOf(req.query.id, "id"));
        return brand ? toJson(brand) : null;
      }),
    );
    app.post<{ Body: unknown }>("/brand/add", (req, reply) =>
      this.call(reply, async () => {
        const brand = brandOf(req.body);
        brand.id = null;
        await this.brandService.add(brand);
        return { success: true, message: `brand "${brand.name?.trim()}" added` };
      }),
    );
    app.post<{ Body: unknown }>("/brand/update", (req, reply) =>
      this.call(reply, async () => {
        const brand = brandOf(req.body);
        if (brand.id === null) throw new BadRequestError("the brand to update needs an id");
        await this.brandService.update(brand);
        return { success: true, message: `brand ${brand.id} updated` };
      }),
    );
    app.get<{ Querystring: Query }>("/brand/delete", (req, reply) =>
      this.call(reply, async () => {
        const ids = idsOf(req.query.ids);
        await this.brandService.delete(ids);
        return {
          success: true,
          message: `${ids.length} brand${ids.length > 1 ? "s" : ""} deleted`,
        };
      }),
    );
    app.post<{ Querystring: Query; Body: unknown }>("/brand/search", (req, reply) =>
      this.call(reply, async () => {
        const { page, rows } = pageOf(req.query);
        const example = req.body === undefined || req.body === null ? null : brandOf(req.body);
        return pageJson(await this.brandService.search(example, page, rows));
      }),
    );
  }

  /**
   * Runs one endpoint: sets `X-Provider` to the provider that answered (on failures too) and
   * turns a thrown error into the failure body. `null` is sent as the JSON text `null`.
   */
  private async call(reply: FastifyReply, fn: () => Promise<unknown>): Promise<FastifyReply> {
    const tracked = trackProvider(fn);
    let status = 200;
    let body: unknown;
    try {
      body = await tracked.result;
    } catch (err) {
      const failure = toHttpFailure(err);
      if (failure.status >= 500) reply.log.warn({ err }, "BrandService call failed");
      status = failure.status;
      body = failure.body;
    }
    const provider = tracked.provider();
    if (provider) reply.header("x-provider", provider);
    return reply.code(status).type("application/json; charset=utf-8").send(JSON.stringify(body));
  }
}
