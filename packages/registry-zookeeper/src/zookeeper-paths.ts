import { DEFAULT_CATEGORY, ServiceUrl, serviceInterface } from "@dubbo-ts/core/spi";

/**
 * Node paths of Java's `ZookeeperRegistry` (docs/wire-format.md): `<root>/<URL.encode(interface)>`
 * `/<category>/<URL.encode(url.toFullString())>`, with `root` = `/` + registry group.
 */
export function rootDir(root: string): string {
  return root === "/" ? "/" : `${root}/`;
}

/** `toServicePath`: `/dubbo/<encoded interface>`. */
export function servicePath(root: string, url: ServiceUrl): string {
  return rootDir(root) + ServiceUrl.encode(serviceInterface(url));
}

/** `toCategoryPath` for an explicit category. */
export function categoryPath(root: string, url: ServiceUrl, category: string): string {
  return `${servicePath(root, url)}/${category}`;
}

/**
 * `toUrlPath`: the node a registered URL lives at. The category is the URL's `category` parameter
 * (default `providers`), so consumer URLs (`category=consumers`) land under `/consumers`.
 */
export function urlPath(root: string, url: ServiceUrl): string {
  const category = url.getParameter("category", DEFAULT_CATEGORY);
  return `${categoryPath(root, url, category)}/${ServiceUrl.encode(url.toFullString())}`;
}

/** The parent of a node path (`/a/b` → `/a`). */
export function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
