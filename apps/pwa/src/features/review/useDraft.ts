import { useCallback, useEffect, useState } from 'react';
import { normalizeAnswers, type AnswerValue, type TemplateDefinition } from '@hjulet/domain';
import { useStore } from '../../app/hooks.js';
import { getDraft, replaceAnswers, saveAnswer } from '../../data/drafts.js';
import type { ReviewDraft } from '../../data/db.js';
import { sessionStore } from '../../sync/session.js';
import { templateFor } from '../../sync/reference-sync.js';

export type DraftState = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; draft: ReviewDraft; template: TemplateDefinition };

/**
 * A review in progress and its template version. `answer` writes the tap to IndexedDB and only then
 * shows it; an answer that hides other items removes theirs in the same write.
 */
export function useDraft(clientId: string) {
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const [state, setState] = useState<DraftState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void (async () => {
      const draft = await getDraft(clientId, userId);
      const template = draft ? await templateFor(draft.templateVersionId) : null;
      if (!live) return;
      setState(draft && template ? { status: 'ready', draft, template } : { status: 'missing' });
    })();
    return () => {
      live = false;
    };
  }, [clientId, userId]);

  const answer = useCallback(
    async (itemKey: string, value: AnswerValue | undefined) => {
      if (state.status !== 'ready') return;
      performance.mark('answer-tap');
      let draft = await saveAnswer(clientId, itemKey, value);
      const normalized = normalizeAnswers(state.template, draft.answers);
      if (Object.keys(normalized).length !== Object.keys(draft.answers).length) draft = await replaceAnswers(clientId, normalized);
      performance.measure('answer-commit', 'answer-tap');
      setState({ status: 'ready', draft, template: state.template });
    },
    [clientId, state],
  );

  const replace = useCallback((draft: ReviewDraft) => {
    setState((s) => (s.status === 'ready' ? { ...s, draft } : s));
  }, []);

  return { state, answer, replace };
}
