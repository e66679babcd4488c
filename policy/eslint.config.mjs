// ESLint for the pack: the recommended JavaScript and typescript-eslint rules; formatting is
// prettier's alone (eslint-config-prettier turns off the rules that would disagree with it).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
    { ignores: ["dist/", "node_modules/", "test-fixtures/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    prettier,
    {
        rules: {
            // Policies read provider inputs, which have no types in the pack (it does not depend on
            // @pulumi/aws); `any` is how those untyped property trees are read.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
);
