// The role navigation: a side bar on wide screens; on narrower ones it folds behind the
// "Menu" button. Without this script the navigation simply stays open above the page.
(() => {
  const button = document.querySelector('.menu-button');
  const nav = document.getElementById('site-nav');
  if (!button || !nav) return;
  const set = (open) => {
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  };
  nav.classList.add('collapsible');
  button.hidden = false;
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  document.addEventListener('keydown', (e) => {
    // Only from the menu itself: Escape in a field of the page is that field's business.
    const inMenu = nav.contains(e.target) || e.target === button;
    if (e.key === 'Escape' && inMenu && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
})();
