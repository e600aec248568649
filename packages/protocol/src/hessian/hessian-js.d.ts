/**
 * The part of hessian.js (no published types) the tests use as an independent Hessian 2
 * implementation: its encoder writes values we must read, its decoder reads what we write.
 */
declare module "hessian.js" {
  const hessian: {
    encode(value: unknown, version: "2.0"): Buffer;
    decode(buf: Buffer, version: "2.0", withType?: boolean): unknown;
  };
  export default hessian;
}
