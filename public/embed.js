// Embed 補助金ナビ on another site with one tag:
//   <script src="https://<worker>/embed.js" async></script>
// It adds a chat button that opens the chat in an iframe served by the Worker. The
// Worker only lets the origins listed in WEB_CHAT_ORIGINS frame the page.
(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '補助金ナビ';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 16px;border:0;border-radius:24px;background:#0b6e4f;color:#fff;font:600 15px system-ui,sans-serif;box-shadow:0 2px 8px #0004;cursor:pointer';
  const frame = document.createElement('iframe');
  frame.title = '補助金ナビ チャット';
  frame.src = `${origin}/?embed=1`;
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(420px,calc(100vw - 32px));height:min(640px,calc(100vh - 96px));border:1px solid #ccc;border-radius:12px;background:#fff;box-shadow:0 4px 16px #0004';
  button.addEventListener('click', () => {
    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.append(frame, button);
})();
