/** A shield with a check mark: the portal's mark. Decorative; the name next to it is the text. */
export function Logo({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <path d="M16 2 4 6.5v8.2c0 7.3 5 13.1 12 15.3 7-2.2 12-8 12-15.3V6.5L16 2Z" fill="#1a4ba3" />
      <path d="m10.5 16.2 3.8 3.8 7.4-7.6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
