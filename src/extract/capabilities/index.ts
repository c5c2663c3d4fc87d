// Every capability family, in the order the table prints them.
import type { Family } from "./family.ts";
import { issueForms } from "./families/issue-forms.ts";

export const FAMILIES: readonly Family[] = [...issueForms];
