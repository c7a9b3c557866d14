import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Length, MaxLength, MinLength } from 'class-validator';
import { graphqlEnum } from '../../shared/graphql-enums.js';
import { SECOND_FACTOR_METHODS, type SecondFactorMethod } from './second-factor.service.js';

export const SecondFactorMethodEnum = graphqlEnum('SecondFactorMethod', SECOND_FACTOR_METHODS, { description: 'A second factor of a local account.' });

@ObjectType({ description: 'The password was right; the session waits for a second factor (or, when the municipality requires one, its enrolment).' })
export class SecondFactorStep {
  @Field(() => String, { description: 'Send back with the answer; single use, valid for five minutes.' })
  challenge: string;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field(() => [SecondFactorMethodEnum], { description: 'What the user can answer with; empty when they must enrol first.' })
  methods: SecondFactorMethod[];

  @Field(() => Boolean, { description: 'The municipality requires a second factor and the user has none: enrol one to finish signing in.' })
  mustEnrol: boolean;

  @Field(() => String, { nullable: true, description: 'WebAuthn request options (JSON) for navigator.credentials.get, when the user has passkeys.' })
  passkeyOptionsJson: string | null;
}

@ObjectType({ description: 'A passkey (WebAuthn credential) of the signed-in user.' })
export class Passkey {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  label: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Boolean, { description: 'The authenticator says the passkey is backed up (synced), so losing one device does not lose it.' })
  backedUp: boolean;
}

@ObjectType({ description: "The signed-in user's second factors, and whether the municipality requires one." })
export class SecondFactorOverviewType {
  @Field(() => Boolean)
  totpEnabled: boolean;

  @Field(() => [Passkey])
  passkeys: Passkey[];

  @Field(() => Boolean)
  required: boolean;
}

@ObjectType({ description: 'A new TOTP secret, shown this once: add it to an authenticator app, then confirm with a code.' })
export class TotpEnrolment {
  @Field(() => String, { description: 'The secret in base32, to type in.' })
  secret: string;

  @Field(() => String, { description: 'The otpauth:// URI, for a QR code.' })
  uri: string;
}

@ObjectType({ description: 'A started passkey registration: pass the options to navigator.credentials.create, then finish with the answer.' })
export class PasskeyRegistration {
  @Field(() => String)
  registrationId: string;

  @Field(() => String, { description: 'WebAuthn creation options, JSON.' })
  optionsJson: string;
}

@ArgsType()
export class SignInArgs {
  @Field(() => String)
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@ArgsType()
export class TotpAnswerArgs {
  @Field(() => String)
  @Length(1, 200)
  challenge: string;

  @Field(() => String, { description: 'The six digits the authenticator app shows.' })
  @Length(6, 12)
  code: string;
}

@ArgsType()
export class PasskeyAnswerArgs {
  @Field(() => String)
  @Length(1, 200)
  challenge: string;

  @Field(() => String, { description: 'The WebAuthn response (JSON) from navigator.credentials.get, or .create when enrolling.' })
  @Length(2, 20_000)
  response: string;
}

@ArgsType()
export class FinishPasskeyRegistrationArgs {
  @Field(() => String)
  @Length(1, 200)
  registrationId: string;

  @Field(() => String, { description: 'The WebAuthn response (JSON) from navigator.credentials.create.' })
  @Length(2, 20_000)
  response: string;

  @Field(() => String, { description: 'A name to tell passkeys apart, e.g. "Jobbtelefon".' })
  @Length(1, 100)
  label: string;
}
