import protobuf from "protobufjs";
import { idlContract } from "./idl-contract.js";

/**
 * Dubbo 3.3's `metadata_service_v2.proto` (package org.apache.dubbo.metadata; the messages of
 * Java's generated `MetadataServiceV2OuterClass`, dubbo-metadata-api), the rpc a Java 3.3
 * consumer calls on a tri provider's port to read its MetadataInfo. Only `GetMetadataInfo` is
 * served and called here (`GetOpenAPIInfo` is Dubbo's REST documentation, left out).
 */
const PROTO = `
syntax = "proto3";
package org.apache.dubbo.metadata;
option java_package = "org.apache.dubbo.metadata";

message MetadataRequest { string revision = 1; }

message MetadataInfoV2 {
  string app = 1;
  string version = 2;
  map<string, ServiceInfoV2> services = 3;
}

message ServiceInfoV2 {
  string name = 1;
  string group = 2;
  string version = 3;
  string protocol = 4;
  int32 port = 5;
  string path = 6;
  map<string, string> params = 7;
}

service MetadataServiceV2 {
  rpc GetMetadataInfo(MetadataRequest) returns (MetadataInfoV2);
}
`;

let registered = false;

/**
 * Makes `org.apache.dubbo.metadata.MetadataServiceV2` a `.proto` contract of this plugin, so that
 * core's application-level discovery can export it (`getMetadataInfo`) and call it on Java 3.3
 * tri providers with plain objects. Idempotent.
 */
export function registerMetadataServiceV2(): void {
  if (registered) return;
  registered = true;
  const root = protobuf.parse(PROTO, { keepCase: true }).root;
  idlContract(root.lookupService("org.apache.dubbo.metadata.MetadataServiceV2"));
}
