/** The Twofold mark and name. Drawn in SVG so it follows the colour scheme; no inline styles (strict CSP). */
export function Brand() {
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="2" y="2" width="20" height="20" rx="6" className="brand-mark-bg" />
        <path d="M7 9h10M12 9v8" className="brand-mark-fg" strokeWidth="2.4" strokeLinecap="round" fill="none" />
      </svg>
      <span className="brand-name">Twofold</span>
    </span>
  );
}
