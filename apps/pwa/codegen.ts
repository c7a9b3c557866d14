import type { CodegenConfig } from '@graphql-codegen/cli';

// Operations are typed from the committed schema; the generated folder is not committed.
const config: CodegenConfig = {
  schema: '../../graphql/schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string', DateTime: 'string', LocalDate: 'string', UUID: 'string', JSONObject: 'Record<string, unknown>' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
