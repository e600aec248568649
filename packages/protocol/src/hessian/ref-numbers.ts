/**
 * The object reference numbers of one Hessian 2 body (HL Hessian2Output's `_refs`): lists, maps,
 * arrays and objects take the next number as they are written, and writing one again is a
 * back-reference to its number. Values Java numbers but that are never referenced from here
 * (java.time handles, BigDecimal) only take a number (`skip`).
 *
 * Most bodies number one object (a request's or reply's attachments map): it is kept in a field.
 * The next SCANNED objects are kept in two arrays and found by a scan, cheaper than a Map (hashing
 * and growing it) for the few dozen objects of a typical reply (a Page of 15 DTOs with their lists
 * is 33); past that they move to a Map.
 */
export class RefNumbers {
  /** The next number (Java's `_refs` size): objects numbered plus skipped numbers. */
  next = 0;
  private first: object | undefined;
  private firstNumber = 0;
  private seen: object[] | undefined;
  private seenNumbers: number[] | undefined;
  private map: Map<object, number> | undefined;

  /** The number `value` took before, or -1 after giving it the next number. */
  numberOf(value: object): number {
    let map = this.map;
    if (map === undefined) {
      const first = this.first;
      if (first === undefined) {
        this.first = value;
        this.firstNumber = this.next++;
        return -1;
      }
      if (first === value) return this.firstNumber;
      this.seen ??= [];
      this.seenNumbers ??= [];
      const seen = this.seen;
      const numbers = this.seenNumbers;
      for (let i = 0; i < seen.length; i++) if (seen[i] === value) return numbers[i]!;
      if (seen.length < SCANNED) {
        seen.push(value);
        numbers.push(this.next++);
        return -1;
      }
      map = this.map = new Map([[first, this.firstNumber]]);
      for (let i = 0; i < seen.length; i++) map.set(seen[i]!, numbers[i]!);
    }
    const known = map.get(value);
    if (known !== undefined) return known;
    map.set(value, this.next++);
    return -1;
  }
}

/** Objects numbered after the first before they move to a Map: scans stay short. */
const SCANNED = 64;
