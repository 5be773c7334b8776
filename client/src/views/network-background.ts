// The faint contours under the network's geographic layout: a canvas sigma places below its edges,
// redrawn after each of sigma's frames through the affine map from graph coordinates (Mercator
// degrees) to the viewport, so that the contours follow the camera. The paths are built once.
import type Sigma from 'sigma';
import type { Attributes } from 'graphology-types';
import { mercator, type GeoGeometry } from '../../../model/geo.ts';

export class GeoBackground<N extends Attributes = Attributes, E extends Attributes = Attributes> {
  private readonly canvas: HTMLCanvasElement;
  private readonly communes: Path2D;
  private readonly borders: Path2D;

  constructor(
    private readonly sigma: Sigma<N, E>,
    contours: { geometries: readonly GeoGeometry[]; borders: readonly GeoGeometry[] },
    private readonly colours: { line: string; border: string },
  ) {
    this.canvas = sigma.createCanvas('geographie', { beforeLayer: 'edges', style: { pointerEvents: 'none' } });
    const box = { x: [Infinity, -Infinity] as [number, number], y: [Infinity, -Infinity] as [number, number] };
    this.communes = pathOf(contours.geometries, box);
    this.borders = pathOf(contours.borders, box);
    // The camera frames the territory, not only the mechanisms' centres.
    if (Number.isFinite(box.x[0])) sigma.setCustomBBox(box);
  }

  draw(): void {
    const { width, height } = this.sigma.getDimensions();
    const ratio = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    // Graph → viewport is affine (no rotation here): two points give it.
    const o = this.sigma.graphToViewport({ x: 0, y: 0 });
    const u = this.sigma.graphToViewport({ x: 1, y: 1 });
    const [sx, sy] = [u.x - o.x, u.y - o.y];
    if (!Number.isFinite(sx) || !Number.isFinite(sy) || sx === 0 || sy === 0) return;
    ctx.setTransform(ratio * sx, 0, 0, ratio * sy, ratio * o.x, ratio * o.y);
    ctx.lineJoin = 'round';
    ctx.strokeStyle = this.colours.line;
    ctx.lineWidth = 0.8 / Math.abs(sx);
    ctx.stroke(this.communes);
    ctx.strokeStyle = this.colours.border;
    ctx.lineWidth = 1.2 / Math.abs(sx);
    ctx.stroke(this.borders);
  }
}

/** The contours as one path in Mercator degrees; `box` grows to hold them. */
function pathOf(geometries: readonly GeoGeometry[], box: { x: [number, number]; y: [number, number] }): Path2D {
  const path = new Path2D();
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ring.forEach((point, i) => {
          const [x, y] = mercator(point);
          if (x < box.x[0]) box.x[0] = x;
          if (x > box.x[1]) box.x[1] = x;
          if (y < box.y[0]) box.y[0] = y;
          if (y > box.y[1]) box.y[1] = y;
          if (i === 0) path.moveTo(x, y);
          else path.lineTo(x, y);
        });
        path.closePath();
      }
    }
  }
  return path;
}
