import tseslint from "typescript-eslint";
import regexp from "eslint-plugin-regexp";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "web/dist/", "coverage/", "test-artifacts/", ".cache/"] },
  ...tseslint.configs.recommended,
  regexp.configs["flat/recommended"],
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // Text from the web is hostile: a pattern that backtracks super-linearly is an error everywhere.
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-misleading-capturing-group": "warn",
      // A quadratic move (a pattern retried from every position of a long run) is an error where whole documents
      // are read; the context and grammar rules read one sentence of at most MAX_SENTENCE characters
      // (src/extract/text/segment.ts), which bounds such a move to a constant per sentence.
      "regexp/no-super-linear-move": "off",
    },
  },
  {
    files: ["src/extract/text/**", "src/extract/document.ts", "src/extract/index.ts", "src/ingest/**"],
    rules: { "regexp/no-super-linear-move": "error" },
  },
);
