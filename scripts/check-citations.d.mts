export interface Citation {
  line: number;
  text: string;
  why: string;
}
export function findCitations(text: string, docsExists?: (name: string) => boolean): Citation[];
