import { type Filter, RpcContext, Service } from "@dubbo-ts/core";
import type { BrandRepository } from "./brand-repository.js";
import {
  BRAND_SERVICE_VERSION,
  type BrandInput,
  BrandService,
  type PageResult,
  PROVIDER_ATTACHMENT,
  type TbBrand,
} from "./contract.js";

/**
 * Provider filter that names this instance in every response (`sellergoods.provider` attachment),
 * so that consumers can show which provider answered: `address()` (the registered `host:port`),
 * else the connection's local address as the protocol reports it.
 */
export function answeredByFilter(address: () => string | undefined): Filter {
  return (next) => async (invocation) => {
    const server = RpcContext.server();
    const self = address() ?? server?.localAddress;
    if (server && self) server.responseAttachments[PROVIDER_ATTACHMENT] = self;
    return next(invocation);
  };
}

/**
 * BrandService on top of the SQLite repository. A broken rule (empty or duplicate name, unknown
 * id, bad page) throws a `BrandError`, which reaches the consumer as a business exception.
 */
@Service({ contract: BrandService, version: BRAND_SERVICE_VERSION })
export class BrandServiceImpl implements BrandService {
  constructor(private readonly repository: BrandRepository) {}

  async findAll(): Promise<TbBrand[]> {
    return this.repository.findAll();
  }

  async findPage(pageNum: number, pageSize: number): Promise<PageResult> {
    return this.repository.findPage(pageNum, pageSize);
  }

  async findOne(id: number): Promise<TbBrand | null> {
    return this.repository.findOne(id);
  }

  async add(brand: BrandInput): Promise<void> {
    this.repository.add(brand);
  }

  async update(brand: BrandInput): Promise<void> {
    this.repository.update(brand);
  }

  async delete(ids: number[]): Promise<void> {
    this.repository.delete(ids);
  }

  async search(example: BrandInput | null, pageNum: number, pageSize: number): Promise<PageResult> {
    return this.repository.search(example, pageNum, pageSize);
  }
}
