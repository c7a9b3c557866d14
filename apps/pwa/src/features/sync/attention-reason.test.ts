import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.js';
import { attentionReason } from './attention-reason.js';

const explained = (code: string, field: string | null = null) => ({
  sv: translate('sv', attentionReason({ code, field })),
  en: translate('en', attentionReason({ code, field })),
});

describe('why a result needs attention, in words a worker understands', () => {
  it('says a result stored on the server with other content is a conflict over that result', () => {
    expect(explained('CONFLICT', 'clientId')).toEqual({
      sv: expect.stringContaining('Det här resultatet finns redan på servern med annat innehåll'),
      en: expect.stringContaining('This result is already on the server with different content'),
    });
  });

  it('says an agreed action stored with other content is a conflict over that action', () => {
    expect(explained('CONFLICT', 'actions[2].clientId')).toEqual({
      sv: expect.stringContaining('En åtgärd i det här resultatet finns redan på servern med annat innehåll'),
      en: expect.stringContaining('An action in this result is already on the server with different content'),
    });
  });

  it('says the server failed on this one result while the others were sent', () => {
    expect(explained('INTERNAL_SERVER_ERROR')).toEqual({
      sv: expect.stringContaining('de andra har skickats'),
      en: expect.stringContaining('the others have been sent'),
    });
  });

  it('keeps the explanations of refusals it knew before', () => {
    expect(translate('sv', attentionReason({ code: 'FORBIDDEN', field: 'recipientId' }))).toBe('Brukaren tillhör inte längre din enhet.');
    expect(translate('en', attentionReason({ code: 'SOMETHING_NEW', field: null }))).toBe('The server did not accept the result.');
  });
});
