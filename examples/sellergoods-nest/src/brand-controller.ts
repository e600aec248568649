import { BrandService } from "@dubbo-ts/example-sellergoods-service/contract";
import {
  BadRequestError,
  brandOf,
  idOf,
  idsOf,
  pageJson,
  pageOf,
  type Query,
  toHttpFailure,
  toJson,
  trackProvider,
} from "@dubbo-ts/example-sellergoods-web/brand-http";
import { InjectReference } from "@dubbo-ts/nestjs";
import { Body, Controller, Get, Logger, Post, Query as QueryParams, Res } from "@nestjs/common";

/** The part of Express's response the endpoints use (no @types/express needed). */
interface Reply {
  status(code: number): Reply;
  setHeader(name: string, value: string): Reply;
  type(type: string): Reply;
  send(body: string): void;
}

/**
 * The brand JSON endpoints of examples/sellergoods-web, as a Nest controller: same paths, same
 * bodies, same status codes and `X-Provider` header, from the same mapping functions. BrandService
 * comes through Nest's DI (`@InjectReference`), typed by the contract.
 */
@Controller("brand")
export class BrandController {
  readonly #log = new Logger("BrandController");

  constructor(@InjectReference(BrandService) private readonly brandService: BrandService) {}

  @Get("findAll")
  findAll(@Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => (await this.brandService.findAll()).map(toJson));
  }

  @Get("findPage")
  findPage(@QueryParams() query: Query, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const { page, rows } = pageOf(query);
      return pageJson(await this.brandService.findPage(page, rows));
    });
  }

  @Get("findOne")
  findOne(@QueryParams() query: Query, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const brand = await this.brandService.findOne(idOf(query.id, "id"));
      return brand ? toJson(brand) : null;
    });
  }

  @Post("add")
  add(@Body() body: unknown, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const brand = brandOf(body);
      brand.id = null;
      await this.brandService.add(brand);
      return { success: true, message: `brand "${brand.name?.trim()}" added` };
    });
  }

  @Post("update")
  update(@Body() body: unknown, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const brand = brandOf(body);
      if (brand.id === null) throw new BadRequestError("the brand to update needs an id");
      await this.brandService.update(brand);
      return { success: true, message: `brand ${brand.id} updated` };
    });
  }

  @Get("delete")
  delete(@QueryParams() query: Query, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const ids = idsOf(query.ids);
      await this.brandService.delete(ids);
      return { success: true, message: `${ids.length} brand${ids.length > 1 ? "s" : ""} deleted` };
    });
  }

  @Post("search")
  search(@QueryParams() query: Query, @Body() body: unknown, @Res() reply: Reply): Promise<void> {
    return this.call(reply, async () => {
      const { page, rows } = pageOf(query);
      // Express leaves an absent JSON body as {} (Fastify as undefined): both mean "no example".
      const empty =
        body === undefined ||
        body === null ||
        (typeof body === "object" && Object.keys(body).length === 0);
      return pageJson(await this.brandService.search(empty ? null : brandOf(body), page, rows));
    });
  }

  /** Runs one endpoint as sellergoods-web does: `X-Provider`, failure mapping, JSON text. */
  private async call(reply: Reply, fn: () => Promise<unknown>): Promise<void> {
    const tracked = trackProvider(fn);
    let status = 200;
    let body: unknown;
    try {
      body = await tracked.result;
    } catch (err) {
      const failure = toHttpFailure(err);
      if (failure.status >= 500)
        this.#log.warn(`BrandService call failed: ${failure.body.message}`);
      status = failure.status;
      body = failure.body;
    }
    const provider = tracked.provider();
    if (provider) reply.setHeader("x-provider", provider);
    reply.status(status).type("application/json; charset=utf-8").send(JSON.stringify(body));
  }
}
