/* global localStorage, document */
// Runs before the first paint (a classic script in <head>, fetched beside the stylesheet). index.html holds
// the login screen rendered at build time, in Swedish; where the app will show something else (someone may
// be logged in on this phone, or English was chosen), hide it so that it never flashes. main.tsx decides
// for good and shows the root again.
try {
  if (localStorage.getItem('hjulet.signedIn') === 'yes' || localStorage.getItem('hjulet.locale') === 'en') {
    document.documentElement.classList.add('login-shell-hidden');
  }
} catch {
  // No storage (a locked-down browser): show the login screen, as the app will.
}
