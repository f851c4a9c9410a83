import { sparklineSegments } from './kpi-format';

const WIDTH = 120;
const HEIGHT = 28;

export function Sparkline({ values, title }: { values: (number | null)[]; title: string }) {
  const segments = sparklineSegments(values, WIDTH, HEIGHT);
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT + 4}
      viewBox={`0 -2 ${WIDTH} ${HEIGHT + 4}`}
      role="img"
    >
      <title>{title}</title>
      {segments.map((points) =>
        points.includes(' ') ? (
          <polyline key={points} points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        ) : (
          <circle
            key={points}
            cx={points.split(',')[0]}
            cy={points.split(',')[1]}
            r="1.5"
            fill="currentColor"
          />
        ),
      )}
    </svg>
  );
}
