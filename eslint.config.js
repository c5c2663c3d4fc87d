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
      "regexp/no-super-linear-backtracking": "warn",
      "regexp/no-misleading-capturing-group": "warn",
      "regexp/no-super-linear-move": "off",
    },
  },
);
