// The map drawn on a 2D canvas with model/geo.ts's Web Mercator projection (the renderer the
// geo foundation measured fastest here, see the issue note): one Path2D per commune built once per
// layer and size; a change of colouring only refills them (borders come from an offscreen canvas
// drawn once per view); pan and zoom move the last picture with a CSS transform during the gesture
// and redraw when it ends. An overlay canvas draws what is selected (a perimeter, a place).
// It knows nothing of coverage: the view hands it a fill per commune.
import { boundsOf, fitProjection, type GeoGeometry, type Projection } from '../../../model/geo.ts';
import { h } from '../dom.ts';

export type Fill = string | CanvasPattern;

export interface MapHooks {
  /** A commune was clicked (its feature id), or the empty sea. */
  click(code: string | null): void;
  /** The pointer is over a commune (or none): for a tooltip. */
  hover(code: string | null, x: number, y: number): void;
  /** The picture moved or was redrawn (the scale bar follows). */
  changed(): void;
}

interface Shape {
  id: string;
  path: Path2D;
  /** Bounding box in base pixels (the fitted projection at zoom 1). */
  box: [number, number, number, number];
}

/** Outlines drawn over the map in one colour, and the communes veiled under them. */
export interface HighlightGroup {
  outlines: GeoGeometry[];
  fills?: ReadonlySet<string>;
  colour?: string;
}

interface View {
  k: number;
  x: number;
  y: number;
}

const PADDING = 12;
const MIN_ZOOM = 1;
const MAX_ZOOM = 64;
const REDRAW_DELAY = 160;

export class MapCanvas {
  readonly element: HTMLElement;
  private readonly base = h('canvas', { class: 'app-map__layer' });
  private readonly overlay = h('canvas', { class: 'app-map__layer app-map__layer--overlay' });
  private readonly borders = document.createElement('canvas');
  private readonly hit = document.createElement('canvas').getContext('2d')!;
  private shapes: Shape[] = [];
  private borderPaths: Path2D[] = [];
  private projection: Projection | null = null;
  private geometry: { features: { id: string; geometry: GeoGeometry }[]; borders: GeoGeometry[] } | null = null;
  private width = 0;
  private height = 0;
  private dpr = 1;
  /** The view painted, and the one asked (they differ during a gesture). */
  private painted: View = { k: 1, x: 0, y: 0 };
  private view: View = { k: 1, x: 0, y: 0 };
  private fill: (id: string) => Fill | undefined = () => undefined;
  private highlighted: readonly HighlightGroup[] = [];
  private highlights: { outlines: Path2D[]; fills: Set<string>; colour: string }[] = [];
  private bordersView: View | null = null;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resizeObserver: ResizeObserver | null;
  /** How many times the communes were filled (read by the tests and the bench). */
  paints = 0;

  constructor(
    label: string,
    private readonly colours: { noData: string; border: string; departement: string; outline: string; halo: string },
    readonly hooks: MapHooks,
  ) {
    this.element = h(
      'div',
      { class: 'app-map__canvas', tabindex: '0', role: 'application', 'aria-roledescription': 'carte', 'aria-label': label },
      this.base,
      this.overlay,
    );
    listen(this);
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.resize());
    this.resizeObserver?.observe(this.element);
  }

  /** New contours: paths are built for the current size, the view is reset. */
  setLayer(features: { id: string; geometry: GeoGeometry }[], borders: GeoGeometry[]): void {
    this.geometry = { features, borders };
    this.view = { k: 1, x: 0, y: 0 };
    this.build();
  }

  /** Fill every commune (a change of colouring: no path is rebuilt, one fill per commune). */
  paint(fill: (id: string) => Fill | undefined): void {
    this.fill = fill;
    this.draw();
  }

  /**
   * Outline groups of geometries (a perimeter, a place, a finding's subjects), each in its colour,
   * and veil the communes of each; later groups are drawn over earlier ones. Empty clears.
   */
  setHighlight(groups: readonly HighlightGroup[]): void {
    this.highlighted = groups;
    this.projectHighlights();
    this.drawOverlay();
  }

  /** The highlighted outlines as paths of the current projection (again after a resize). */
  private projectHighlights(): void {
    const projection = this.projection;
    this.highlights = projection ? this.highlighted.map((g) => ({ outlines: g.outlines.map((o) => pathOf(o, projection)), fills: new Set(g.fills ?? []), colour: g.colour ?? this.colours.outline })) : [];
  }

  /** A fill of diagonal stripes of a colour over a background colour (a partly covered city, a hatched zone blanche). */
  stripes(colour: string, background = 'rgba(0,0,0,0)', width = 3): CanvasPattern {
    const tile = document.createElement('canvas');
    tile.width = tile.height = 8;
    const c = tile.getContext('2d')!;
    c.fillStyle = background;
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = colour;
    c.lineWidth = width;
    c.beginPath();
    for (const o of [-8, 0, 8]) {
      c.moveTo(o, 8);
      c.lineTo(o + 8, 0);
    }
    c.stroke();
    return this.base.getContext('2d')!.createPattern(tile, 'repeat')!;
  }

  /** Metres per screen pixel at the middle of the view (mainland scale on the national layer). */
  metresPerPixel(): number {
    if (!this.projection) return NaN;
    const latitude = this.projection.invert(this.toBase(this.width / 2, this.height / 2))[1];
    return (111_320 * Math.cos((latitude * Math.PI) / 180)) / (this.projection.scale * this.view.k);
  }

  /** The drawn commune under a point of the canvas (CSS pixels), if any. */
  featureAt(x: number, y: number): string | null {
    const [bx, by] = this.toBase(x, y);
    for (const s of this.shapes) {
      const [x0, y0, x1, y1] = s.box;
      if (bx < x0 || bx > x1 || by < y0 || by > y1) continue;
      if (this.hit.isPointInPath(s.path, bx, by, 'evenodd')) return s.id;
    }
    return null;
  }

  /** Zoom by a factor around a point of the canvas (its middle by default). */
  zoomBy(factor: number, x = this.width / 2, y = this.height / 2): void {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.view.k * factor));
    const [bx, by] = this.toBase(x, y);
    this.move({ k, x: x - bx * k, y: y - by * k });
  }

  panBy(dx: number, dy: number): void {
    this.move({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  reset(): void {
    this.move({ k: 1, x: 0, y: 0 });
  }

  /** The zoom factor (1: the whole territory). */
  get zoom(): number {
    return this.view.k;
  }

  destroy(): void {
    clearTimeout(this.redrawTimer);
    this.resizeObserver?.disconnect();
  }

  // ---- internals

  /** Screen (CSS px) → base pixels. */
  toBase(x: number, y: number): [number, number] {
    return [(x - this.view.x) / this.view.k, (y - this.view.y) / this.view.k];
  }

  private resize(): void {
    const width = this.element.clientWidth;
    const height = this.element.clientHeight;
    if (!width || !height || (width === this.width && height === this.height)) return;
    this.build();
  }

  private build(): void {
    this.width = this.element.clientWidth || 800;
    this.height = this.element.clientHeight || 600;
    this.dpr = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
    for (const canvas of [this.base, this.overlay, this.borders]) {
      canvas.width = Math.round(this.width * this.dpr);
      canvas.height = Math.round(this.height * this.dpr);
    }
    this.bordersView = null;
    if (!this.geometry) return;
    const projection = fitProjection(boundsOf({ features: this.geometry.features }), this.width, this.height, PADDING);
    this.projection = projection;
    this.shapes = this.geometry.features.map((f) => ({ id: f.id, ...shapeOf(f.geometry, projection) }));
    this.borderPaths = this.geometry.borders.map((g) => pathOf(g, projection));
    this.projectHighlights();
    this.draw();
  }

  private move(view: View): void {
    this.view = view;
    // During the gesture, the last picture moves; the redraw comes when it ends.
    const s = view.k / this.painted.k;
    const transform = `matrix(${s}, 0, 0, ${s}, ${view.x - this.painted.x * s}, ${view.y - this.painted.y * s})`;
    this.base.style.transform = transform;
    this.overlay.style.transform = transform;
    clearTimeout(this.redrawTimer);
    this.redrawTimer = setTimeout(() => this.draw(), REDRAW_DELAY);
    this.hooks.changed();
  }

  private draw(): void {
    clearTimeout(this.redrawTimer);
    if (!this.projection) return;
    const ctx = this.base.getContext('2d')!;
    const { k, x, y } = this.view;
    const d = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.base.width, this.base.height);
    ctx.setTransform(d * k, 0, 0, d * k, d * x, d * y);
    const [vx0, vy0] = this.toBase(0, 0);
    const [vx1, vy1] = this.toBase(this.width, this.height);
    const visible = (s: Shape) => s.box[2] >= vx0 && s.box[0] <= vx1 && s.box[3] >= vy0 && s.box[1] <= vy1;
    for (const s of this.shapes) {
      if (!visible(s)) continue;
      ctx.fillStyle = this.fill(s.id) ?? this.colours.noData;
      ctx.fill(s.path, 'evenodd');
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.bordersFor(this.view), 0, 0);
    this.painted = { ...this.view };
    this.base.style.transform = '';
    this.paints++;
    this.drawOverlay();
    this.hooks.changed();
  }

  /** The borders of the communes and départements at this view, drawn once per view. */
  private bordersFor(view: View): HTMLCanvasElement {
    const same = this.bordersView && this.bordersView.k === view.k && this.bordersView.x === view.x && this.bordersView.y === view.y;
    if (same) return this.borders;
    const ctx = this.borders.getContext('2d')!;
    const d = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.borders.width, this.borders.height);
    ctx.setTransform(d * view.k, 0, 0, d * view.k, d * view.x, d * view.y);
    ctx.lineJoin = 'round';
    // Thin lines between communes; hidden on a crowded national view (they would grey it all).
    if (this.shapes.length < 5000 || view.k > 3) {
      ctx.strokeStyle = this.colours.border;
      ctx.lineWidth = 0.6 / view.k;
      for (const s of this.shapes) ctx.stroke(s.path);
    }
    ctx.strokeStyle = this.colours.departement;
    ctx.lineWidth = 1.2 / view.k;
    for (const p of this.borderPaths) ctx.stroke(p);
    this.bordersView = { ...view };
    return this.borders;
  }

  private drawOverlay(): void {
    const ctx = this.overlay.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    this.overlay.style.transform = '';
    if (!this.highlights.length || !this.projection) return;
    const { k, x, y } = this.painted;
    const d = this.dpr;
    ctx.setTransform(d * k, 0, 0, d * k, d * x, d * y);
    ctx.lineJoin = 'round';
    for (const group of this.highlights) {
      if (group.fills.size) {
        ctx.fillStyle = 'rgba(255, 255, 255, 0.35)';
        for (const s of this.shapes) if (group.fills.has(s.id)) ctx.fill(s.path, 'evenodd');
      }
      for (const [colour, width] of [[this.colours.halo, 5], [group.colour, 2.5]] as const) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = width / k;
        for (const p of group.outlines) ctx.stroke(p);
      }
    }
  }
}

function rings(geometry: GeoGeometry): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function pathOf(geometry: GeoGeometry, projection: Projection): Path2D {
  return shapeOf(geometry, projection).path;
}

function shapeOf(geometry: GeoGeometry, projection: Projection): { path: Path2D; box: [number, number, number, number] } {
  const path = new Path2D();
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings(geometry)) {
    ring.forEach((point, i) => {
      const [x, y] = projection.project(point);
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    });
    path.closePath();
  }
  return { path, box };
}

/** Click, drag to pan, wheel to zoom, keyboard (arrows, +, −, 0) on the canvas. */
function listen(map: MapCanvas): void {
  const el = map.element;
  let drag: { x: number; y: number; moved: boolean; id: number } | null = null;
  let hoverFrame = 0;
  const local = (e: MouseEvent) => {
    const r = el.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  el.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  el.addEventListener('pointermove', (e) => {
    if (drag && drag.id === e.pointerId && (e.buttons & 1) === 1) {
      const [dx, dy] = [e.clientX - drag.x, e.clientY - drag.y];
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) el.setPointerCapture(e.pointerId);
      drag.moved = true;
      map.panBy(dx, dy);
      drag.x = e.clientX;
      drag.y = e.clientY;
      return;
    }
    cancelAnimationFrame(hoverFrame);
    const [x, y] = local(e);
    hoverFrame = requestAnimationFrame(() => {
      const code = map.featureAt(x, y);
      el.style.cursor = code ? 'pointer' : '';
      map.hooks.hover(code, x, y);
    });
  });
  el.addEventListener('pointerleave', () => {
    cancelAnimationFrame(hoverFrame);
    map.hooks.hover(null, 0, 0);
  });
  el.addEventListener('pointerup', (e) => {
    const wasDrag = drag?.moved;
    drag = null;
    if (wasDrag) return;
    const [x, y] = local(e);
    map.hooks.click(map.featureAt(x, y));
  });
  el.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const [x, y] = local(e);
      map.zoomBy(e.deltaY < 0 ? 1.25 : 0.8, x, y);
    },
    { passive: false },
  );
  el.addEventListener('keydown', (e) => {
    const step = 80;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => map.panBy(step, 0),
      ArrowRight: () => map.panBy(-step, 0),
      ArrowUp: () => map.panBy(0, step),
      ArrowDown: () => map.panBy(0, -step),
      '+': () => map.zoomBy(1.5),
      '=': () => map.zoomBy(1.5),
      '-': () => map.zoomBy(1 / 1.5),
      '0': () => map.reset(),
    };
    const action = Object.hasOwn(moves, e.key) ? moves[e.key] : undefined;
    if (!action) return;
    e.preventDefault();
    action();
  });
}
