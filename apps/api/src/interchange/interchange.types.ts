import { Field, InputType, ObjectType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { TemplateVersion } from '../templates/template.types.js';

@InputType()
export class ImportXlsFormInput {
  @Field(() => String, { description: 'The .xlsx file, base64-encoded; at most 1 MiB before encoding.' })
  fileBase64: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Publish the new version at once; otherwise it is a draft.' })
  publish: boolean;

  @Field(() => GraphQLUUID, { nullable: true, description: "A new template's audience, as for importTemplate." })
  administrationId?: string | null;
}

@ObjectType({ description: 'A problem with, or a note about, an imported file: `field` is `sheet!row/column`.' })
export class InterchangeIssue {
  @Field(() => String)
  code: string;

  @Field(() => String)
  field: string;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class XlsFormImport {
  @Field(() => TemplateVersion)
  templateVersion: TemplateVersion;

  @Field(() => [InterchangeIssue], { description: 'Rows left out on purpose (metadata, calculations, notes after the first).' })
  warnings: InterchangeIssue[];
}

@ObjectType({ description: 'A file to download.' })
export class ExportedFile {
  @Field(() => String)
  fileName: string;

  @Field(() => String)
  contentType: string;

  @Field(() => String)
  contentBase64: string;
}
