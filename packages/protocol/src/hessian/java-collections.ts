/**
 * Which Java class a declared collection or map type is written as. A contract declares an
 * interface (`java.util.List<T>`); Java writes the runtime class, which for the usual
 * implementations is: ArrayList → untyped list (HL CollectionSerializer: `cl.equals(ArrayList.class)`),
 * other Serializable collections → a list typed with the class name; HashMap → untyped 'H' map
 * (HL MapSerializer), other maps → 'M' typed with the class name.
 */

/** List-like declared types → the list type string Java writes (`null` = untyped, an ArrayList). */
const LIST_TYPES: Record<string, string | null> = {
  "java.lang.Iterable": null,
  "java.util.Collection": null,
  "java.util.List": null,
  "java.util.ArrayList": null,
  "java.util.AbstractList": null,
  "java.util.Set": "java.util.HashSet",
  "java.util.HashSet": "java.util.HashSet",
  "java.util.LinkedHashSet": "java.util.LinkedHashSet",
  "java.util.SortedSet": "java.util.TreeSet",
  "java.util.NavigableSet": "java.util.TreeSet",
  "java.util.TreeSet": "java.util.TreeSet",
  "java.util.Queue": "java.util.LinkedList",
  "java.util.Deque": "java.util.LinkedList",
  "java.util.LinkedList": "java.util.LinkedList",
  "java.util.Vector": "java.util.Vector",
};

/** Map-like declared types → the map type Java writes (`null` = 'H', a HashMap). */
const MAP_TYPES: Record<string, string | null> = {
  "java.util.Map": null,
  "java.util.HashMap": null,
  "java.util.AbstractMap": null,
  "java.util.LinkedHashMap": "java.util.LinkedHashMap",
  "java.util.SortedMap": "java.util.TreeMap",
  "java.util.NavigableMap": "java.util.TreeMap",
  "java.util.TreeMap": "java.util.TreeMap",
  "java.util.Hashtable": "java.util.Hashtable",
  "java.util.concurrent.ConcurrentMap": "java.util.concurrent.ConcurrentHashMap",
  "java.util.concurrent.ConcurrentHashMap": "java.util.concurrent.ConcurrentHashMap",
};

/** The list type for a declared collection class, or undefined when `name` is not a collection. */
export function listTypeOf(name: string): string | null | undefined {
  return Object.hasOwn(LIST_TYPES, name) ? LIST_TYPES[name] : undefined;
}

/** The map type for a declared map class, or undefined when `name` is not a map. */
export function mapTypeOf(name: string): string | null | undefined {
  return Object.hasOwn(MAP_TYPES, name) ? MAP_TYPES[name] : undefined;
}

/** Primitive array element names → the typed-list type HL BasicSerializer writes. */
export const PRIMITIVE_ARRAY_TYPES: Record<string, string> = {
  boolean: "[boolean",
  short: "[short",
  int: "[int",
  long: "[long",
  float: "[float",
  double: "[double",
};

/**
 * HL ArraySerializer.getArrayType: `[` per dimension, then `string`, `object`, `date` or the
 * class name (`[java.lang.Long`, `[[int`, `[com.jd.pojo.TbBrand`).
 */
export function arrayTypeOf(componentName: string, dims: number): string {
  const base =
    componentName === "java.lang.String"
      ? "string"
      : componentName === "java.lang.Object"
        ? "object"
        : componentName === "java.util.Date"
          ? "date"
          : componentName;
  return "[".repeat(dims) + base;
}
