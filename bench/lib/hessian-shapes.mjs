// The benchmark payloads as hessian.js `{$class, $}` objects, written the way dubbo2.js and
// sofa-rpc-node users write them with js-to-java: every field wrapped in its Java type. Used by the
// codec micro-benchmark (the hessian.js column) and to size the raw-socket floor's frames.
import { createRequire } from "node:module";
import {
  LOCAL_DATE_HANDLE,
  LOCAL_DATE_TIME_HANDLE,
  LOCAL_TIME_HANDLE,
  PAGE_CLASS,
  USER_CLASS,
} from "./payloads.mjs";

const require = createRequire(import.meta.url);
/** @type {any} */
export const java = require("js-to-java");

export function javaLocalDate(d) {
  return java(LOCAL_DATE_HANDLE, {
    year: java.int(d.year),
    month: java.int(d.month),
    day: java.int(d.day),
  });
}

export function javaLocalDateTime(t) {
  return java(LOCAL_DATE_TIME_HANDLE, {
    date: javaLocalDate(t.date),
    time: java(LOCAL_TIME_HANDLE, {
      hour: java.int(t.time.hour),
      minute: java.int(t.time.minute),
      second: java.int(t.time.second),
      nano: java.int(t.time.nano),
    }),
  });
}

/** A plain User (lib/payloads.mjs makeUser) wrapped field by field. */
export function javaUser(u) {
  return java(USER_CLASS, {
    id: java.long(u.id),
    name: java.String(u.name),
    sex: java.int(u.sex),
    birthday: javaLocalDate(u.birthday),
    email: java.String(u.email),
    mobile: java.String(u.mobile),
    address: java.String(u.address),
    icon: java.String(u.icon),
    permissions: java.List(u.permissions.map((p) => java.Integer(p))),
    status: java.int(u.status),
    createTime: javaLocalDateTime(u.createTime),
    updateTime: javaLocalDateTime(u.updateTime),
  });
}

/** A plain Page<User> wrapped field by field. */
export function javaPage(p) {
  return java(PAGE_CLASS, {
    pageNo: java.int(p.pageNo),
    total: java.int(p.total),
    result: java.List(p.result.map(javaUser)),
  });
}
