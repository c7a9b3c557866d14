import { registerEnumType, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { PartnerScope } from './partner-principal.js';

/** GraphQL names for the OAuth scopes (a GraphQL enum value cannot hold ':'); the values are the scope strings. */
export const PartnerScopeEnum = {
  RISK_STATISTICS_READ: 'risk_statistics:read',
  REFERRALS_READ: 'referrals:read',
  REFERRALS_ACK: 'referrals:ack',
} as const satisfies Record<string, PartnerScope>;
registerEnumType(PartnerScopeEnum, {
  name: 'PartnerScope',
  description: 'What a partner client may do; its OAuth scope string is the value in the description of each.',
  valuesConfig: {
    RISK_STATISTICS_READ: { description: '`risk_statistics:read`: de-identified, suppressed risk statistics for its areas.' },
    REFERRALS_READ: { description: '`referrals:read`: consented referrals for its areas.' },
    REFERRALS_ACK: { description: '`referrals:ack`: acknowledge a referral with an outcome.' },
  },
});

@ObjectType('PartnerArea', { description: 'An area a partner client covers.' })
export class PartnerAreaView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;
}

@ObjectType('PartnerClient', { description: "A partner's OAuth 2.0 client (client-credentials grant). Its secret is never shown again." })
export class PartnerClientView {
  @Field(() => ID, { description: 'The OAuth client_id.' })
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Swedish organisation number, NNNNNN-NNNN.' })
  organisationNumber: string;

  @Field(() => [PartnerScopeEnum])
  scopes: PartnerScope[];

  @Field(() => [PartnerAreaView])
  areas: PartnerAreaView[];

  @Field(() => Int, { description: 'Raised by each rotation; tokens issued under an older version are refused.' })
  secretVersion: number;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Set when revoked: the client gets no tokens and its tokens are refused.' })
  revokedAt: Date | null;
}

@ObjectType('PartnerClientCredentials', { description: 'A client and its secret in clear: answered once, then only its hash is kept.' })
export class PartnerClientCredentialsView {
  @Field(() => PartnerClientView)
  client: PartnerClientView;

  @Field(() => String, { description: 'The OAuth client_id (the same as client.id).' })
  clientId: string;

  @Field(() => String, { description: 'The OAuth client_secret. Shown this once: store it in a secret store.' })
  clientSecret: string;
}

@ObjectType('PartnerSelf', { description: 'What a partner token says about its own client.' })
export class PartnerSelfView {
  @Field(() => ID)
  clientId: string;

  @Field(() => String)
  name: string;

  @Field(() => [PartnerScopeEnum], { description: "The token's scopes that the client still holds." })
  scopes: PartnerScope[];

  @Field(() => [PartnerAreaView])
  areas: PartnerAreaView[];
}
