/**
 * What was typed into the login form of index.html (rendered by the build) before the app's JavaScript
 * arrived. Hydration sets each controlled input to its state, so the login screen starts from these values
 * rather than empty ones: on a slow link a worker may well have typed their e-mail by then.
 */
export const typedBeforeStart = { email: '', password: '' };

/** Reads the prerendered form's fields; call just before React takes the markup over. */
export function keepTypedBeforeStart(root: ParentNode): void {
  typedBeforeStart.email = root.querySelector<HTMLInputElement>('input#email')?.value ?? '';
  typedBeforeStart.password = root.querySelector<HTMLInputElement>('input#password')?.value ?? '';
}
