const R = 11;
const C = 2 * Math.PI * R;

/** Seconds left in the code's period, as a shrinking ring with the number inside. */
export function CountdownRing({ secondsLeft, period }: { secondsLeft: number; period: number }) {
  const fraction = Math.max(0, Math.min(1, secondsLeft / period));
  const expiring = secondsLeft < 5;
  return (
    <svg className={`ring${expiring ? ' expiring' : ''}`} width="30" height="30" viewBox="0 0 30 30" aria-hidden="true">
      <circle className="track" cx="15" cy="15" r={R} />
      <circle
        className="bar"
        cx="15"
        cy="15"
        r={R}
        strokeDasharray={C}
        strokeDashoffset={C * (1 - fraction)}
        transform="rotate(-90 15 15)"
      />
      <text x="15" y="18.5" textAnchor="middle">
        {Math.ceil(secondsLeft)}
      </text>
    </svg>
  );
}
