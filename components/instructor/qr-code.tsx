import { create } from "qrcode";

/** Light modules around the code, as the QR specification asks (four modules wide). */
const QUIET_ZONE = 4;

/**
 * A QR code for `text`, drawn as SVG rectangles on the server: no data: URL
 * (the page CSP allows images from 'self' only) and no injected markup.
 * Dark modules in a row are merged into one rectangle each.
 */
export function QrCode({ text, title, className }: { text: string; title: string; className?: string }) {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const size = modules.size;
  const runs: { x: number; y: number; width: number }[] = [];
  for (let y = 0; y < size; y++) {
    let start = -1;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && modules.get(y, x);
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  }
  const extent = size + 2 * QUIET_ZONE;
  return (
    <svg className={className} viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${extent} ${extent}`} role="img" aria-label={title} shapeRendering="crispEdges">
      <title>{title}</title>
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={extent} height={extent} fill="#ffffff" />
      {runs.map((run) => (
        <rect key={`${run.x},${run.y}`} x={run.x} y={run.y} width={run.width} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
