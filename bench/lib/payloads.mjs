// The service under test, modelled on apache/dubbo-benchmark (benchmark-base: UserService,
// UserServiceServerImpl, User, Page). Every implementation serves the same data; this module holds
// the canonical plain-JS shapes, the Java class names and field types, and what each scenario sends.
//
// java.time values travel the way hessian-lite writes them (dubbo-hessian-lite,
// com/alibaba/com/caucho/hessian/io/java8/*Handle.java): LocalDate as LocalDateHandle {year, month,
// day}; LocalDateTime as LocalDateTimeHandle {date, time} whose fields hold a LocalDateHandle and a
// LocalTimeHandle {hour, minute, second, nano}. The peers model those handles as DTOs, so the bytes
// match what a Java provider sends; dubbo-ts declares the fields as java.time types and holds the
// values as ISO-8601 text (JAVA_TIME_CLASSES, withTimeText), which it writes as the same handles.

export const SERVICE = "org.apache.dubbo.benchmark.service.UserService";
export const VERSION = "1.0.0";
export const USER_CLASS = "org.apache.dubbo.benchmark.bean.User";
export const PAGE_CLASS = "org.apache.dubbo.benchmark.bean.Page";
export const LOCAL_DATE_HANDLE = "com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle";
export const LOCAL_TIME_HANDLE = "com.alibaba.com.caucho.hessian.io.java8.LocalTimeHandle";
export const LOCAL_DATE_TIME_HANDLE = "com.alibaba.com.caucho.hessian.io.java8.LocalDateTimeHandle";

/** Field name → Java type, in declaration order (hessian writes fields in this order). */
export const JAVA_CLASSES = {
  [USER_CLASS]: {
    id: "long",
    name: "java.lang.String",
    sex: "int",
    birthday: LOCAL_DATE_HANDLE,
    email: "java.lang.String",
    mobile: "java.lang.String",
    address: "java.lang.String",
    icon: "java.lang.String",
    permissions: "java.util.List<java.lang.Integer>",
    status: "int",
    createTime: LOCAL_DATE_TIME_HANDLE,
    updateTime: LOCAL_DATE_TIME_HANDLE,
  },
  [PAGE_CLASS]: {
    pageNo: "int",
    total: "int",
    result: `java.util.List<${USER_CLASS}>`,
  },
  [LOCAL_DATE_HANDLE]: { year: "int", month: "int", day: "int" },
  [LOCAL_TIME_HANDLE]: { hour: "int", minute: "int", second: "int", nano: "int" },
  [LOCAL_DATE_TIME_HANDLE]: { date: LOCAL_DATE_HANDLE, time: LOCAL_TIME_HANDLE },
};

/** JAVA_CLASSES as a dubbo-ts contract declares them: java.time fields, values as ISO-8601 text. */
export const JAVA_TIME_CLASSES = {
  [USER_CLASS]: {
    ...JAVA_CLASSES[USER_CLASS],
    birthday: "java.time.LocalDate",
    createTime: "java.time.LocalDateTime",
    updateTime: "java.time.LocalDateTime",
  },
  [PAGE_CLASS]: JAVA_CLASSES[PAGE_CLASS],
};

/** The methods with their Java types (what a Dubbo contract declares). */
export const METHODS = [
  { name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
  { name: "existUser", parameterTypes: ["java.lang.String"], returnType: "boolean" },
  { name: "createUser", parameterTypes: [USER_CLASS], returnType: "boolean" },
  { name: "getUser", parameterTypes: ["long"], returnType: USER_CLASS },
  { name: "listUser", parameterTypes: ["int"], returnType: `${PAGE_CLASS}<${USER_CLASS}>` },
];

const PERMISSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 19, 88, 86, 89, 90, 91, 92];
const ADDRESS = "北京市 中关村 中关村大街1号 鼎好大厦 1605";

/** `LocalDateTime.now()` as a LocalDateTimeHandle-shaped object. */
export function localDateTimeNow() {
  const d = new Date();
  return {
    date: { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() },
    time: {
      hour: d.getHours(),
      minute: d.getMinutes(),
      second: d.getSeconds(),
      nano: d.getMilliseconds() * 1_000_000,
    },
  };
}

/** UserServiceServerImpl#getUser(id) (suffix "" ) and the i-th user of listUser (suffix i). */
export function makeUser(id, suffix = "") {
  return userOf(id, suffix, { year: 1968, month: 12, day: 8 }, localDateTimeNow());
}

/** makeUser with its java.time fields as text, built directly (what a dubbo-ts provider returns). */
export function makeUserText(id, suffix = "") {
  return userOf(id, suffix, "1968-12-08", localDateTimeNowText());
}

/**
 * `localDateTimeText(localDateTimeNow())` — the same text, read from one Date without the handle
 * objects, padStart and the regular expression (the provider makes one per user per call).
 */
function localDateTimeNowText() {
  const d = new Date();
  const ms = d.getMilliseconds();
  const fraction = ms === 0 ? "" : ms < 10 ? `.00${ms}` : ms < 100 ? `.0${ms}` : `.${ms}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}${fraction}`;
}

const two = (n) => (n < 10 ? `0${n}` : `${n}`);

function userOf(id, suffix, birthday, now) {
  return {
    id,
    name: `Doug Lea${suffix}`,
    sex: 1,
    birthday,
    email: `dong.lea@gmail.com${suffix}`,
    mobile: `18612345678${suffix}`,
    address: `${ADDRESS}${suffix}`,
    icon: `https://www.baidu.com/img/bd_logo1.png${suffix}`,
    permissions: PERMISSIONS.slice(),
    status: 1,
    createTime: now,
    updateTime: now,
  };
}

/** UserServiceServerImpl#listUser(pageNo). */
export function makePage(pageNo, user = makeUser) {
  const result = new Array(15);
  for (let i = 0; i < 15; i++) result[i] = user(i, String(i));
  return { pageNo, total: 1000, result };
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** A LocalDateHandle-shaped value as LocalDate text ("1968-12-08"). */
function localDateText({ year, month, day }) {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A LocalDateTimeHandle-shaped value as LocalDateTime text, as dubbo-ts decodes it. */
function localDateTimeText({ date, time }) {
  const nano = time.nano === 0 ? "" : `.${pad(time.nano, 9).replace(/(000)+$/, "")}`;
  return `${localDateText(date)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${nano}`;
}

/** A makeUser value with its java.time fields as text (the JAVA_TIME_CLASSES shape). */
export function withTimeText(user) {
  return {
    ...user,
    birthday: localDateText(user.birthday),
    createTime: localDateTimeText(user.createTime),
    updateTime: localDateTimeText(user.updateTime),
  };
}

/** A makePage value with its users' java.time fields as text. */
export function pageWithTimeText(page) {
  return { ...page, result: page.result.map(withTimeText) };
}

/** UserServiceServerImpl#existUser. */
export function existUser(email) {
  if (email == null || email.length === 0) return true;
  return email.charCodeAt(email.length - 1) >= 0x35; // '5'
}

/** The provider side as plain functions; adapters wrap these in their own service shape. */
export const serviceImpl = {
  echo: (text) => text,
  existUser,
  createUser: (user) => user != null,
  getUser: (id) => makeUser(id),
  listUser: (pageNo) => makePage(pageNo),
};

/** The echo payload: 100 ASCII bytes, as in the framing figures of docs/performance-notes.md. */
export const ECHO_TEXT = "dubbo-ts echo ".repeat(8).slice(0, 100);

/** The user ClientSimple sends to createUser (built once, as dubbo-benchmark does). */
export const CREATE_USER_ARG = makeUser(1);

/**
 * The scenarios. `arg(i)` is the canonical argument of call i; `check(result, arg)` says whether a
 * canonical result is right (adapters normalise their results for the check, which runs on the
 * first call of every row only, outside the timed loop).
 */
export const SCENARIOS = {
  echo: {
    arg: () => ECHO_TEXT,
    check: (r) => r === ECHO_TEXT,
  },
  existUser: {
    arg: (i) => String(i),
    check: (r, a) => r === existUser(a),
  },
  createUser: {
    arg: () => CREATE_USER_ARG,
    check: (r) => r === true,
  },
  getUser: {
    arg: (i) => i,
    check: (r, a) =>
      r != null &&
      Number(r.id) === a &&
      r.name === "Doug Lea" &&
      r.address === ADDRESS &&
      Array.isArray(r.permissions) &&
      r.permissions.length === 15,
  },
  listUser: {
    arg: (i) => i,
    check: (r, a) =>
      r != null &&
      r.pageNo === a &&
      r.total === 1000 &&
      Array.isArray(r.result) &&
      r.result.length === 15 &&
      r.result[14].name === "Doug Lea14",
  },
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);
