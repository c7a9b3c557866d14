import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/**
 * The fields an action of the management system carries wherever it is decided (on a deviation, on a
 * self-check's finding): what is done, by whom, by when, and whether it is. Each feature's action type
 * extends it under its own name, so the schema keeps one type per feature.
 */
@ObjectType()
export class OwnedActionFields {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  what: string;

  @Field(() => ID)
  ownerId: string;

  @Field(() => String)
  ownerName: string;

  @Field(() => GraphQLLocalDate)
  dueOn: string;

  @Field(() => String, { description: 'open or done.' })
  status: string;

  @Field(() => GraphQLDateTime, { nullable: true })
  doneAt: Date | null;
}
