import { emptyUrl, isMatch, ServiceUrl } from "@dubbo-ts/core/spi";

/**
 * Decodes child node names of one category path into URLs that match the consumer, ignoring
 * names without an encoded `://` (2.7 `toUrlsWithoutEmpty`) and names that do not parse.
 * Sorted by node name, so equal sets of children give equal lists.
 */
export function toUrlsWithoutEmpty(
  consumer: ServiceUrl,
  children: readonly string[],
): ServiceUrl[] {
  const urls: ServiceUrl[] = [];
  for (const child of [...children].sort()) {
    if (!child.includes("%3A%2F%2F") && !child.includes("://")) continue;
    let url: ServiceUrl;
    try {
      url = ServiceUrl.parse(ServiceUrl.decode(child));
    } catch {
      continue;
    }
    if (isMatch(consumer, url)) urls.push(url);
  }
  return urls;
}

/** `toUrlsWithoutEmpty`, or one `empty://` URL for the category when nothing matches. */
export function toUrlsWithEmpty(
  consumer: ServiceUrl,
  category: string,
  children: readonly string[],
): ServiceUrl[] {
  const urls = toUrlsWithoutEmpty(consumer, children);
  return urls.length > 0 ? urls : [emptyUrl(consumer, category)];
}
