// Every capability family, in the order the table prints them.
import type { Family } from "./family.ts";
import { issueForms } from "./families/issue-forms.ts";
import { notCounts } from "./families/not-counts.ts";
import { quantities } from "./families/quantities.ts";
import { scope } from "./families/scope.ts";
import { sources } from "./families/sources.ts";
import { whereNumberSits } from "./families/where-number-sits.ts";

export const FAMILIES: readonly Family[] = [
  ...issueForms,
  ...whereNumberSits,
  ...quantities,
  ...scope,
  ...sources,
  ...notCounts,
];
