/* global localStorage, document, location */
// Runs before the first paint (a classic script in <head>, fetched beside the stylesheet). index.html holds
// the login screen rendered at build time, in Swedish; where the app will show something else (someone may
// be logged in on this phone, English was chosen, or the page is the public feedback form), hide it so that
// it never flashes. main.tsx decides for good and shows the root again.
try {
  if (/^\/synpunkter(\/|$)/.test(location.pathname) || localStorage.getItem('hjulet.signedIn') === 'yes' || localStorage.getItem('hjulet.locale') === 'en') {
    document.documentElement.classList.add('login-shell-hidden');
  }
} catch {
  // No storage (a locked-down browser): show the login screen, as the app will.
}
