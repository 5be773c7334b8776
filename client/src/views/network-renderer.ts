// The network drawn by sigma: one renderer per graph, highlight by reducers (never by writing UI
// state into the graph), hover debounced, ForceAtlas2 in a worker from the seeded grouped
// positions, département names above their clusters, the camera, and teardown. It knows nothing
// of the URL: the view tells it what is filtered and selected, it tells the view what was clicked.
import type { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { animateNodes } from 'sigma/utils';
import { debounce, h, replace } from '../dom.ts';
import type { Palette } from '../lib/colors.ts';
import { computeVisibility, type EdgeAttributes, type NetworkFilters, type NodeAttributes, type Visibility } from '../lib/network.ts';
import { computeHighlight, createEdgeReducer, createNodeReducer, EMPTY_VISIBILITY, type HighlightState } from '../lib/reducers.ts';
import { departementName } from '../lib/territories.ts';
import { EdgeDashedProgram } from './dashed-edge.ts';
import { GeoBackground } from './network-background.ts';
import type { GeoLayout } from './network-geo.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

export type NetworkGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Marks the bench and the end-to-end tests read (performance.getEntriesByName). */
export const MARKS = { start: 'articulation:graph-start', data: 'articulation:graph-data', firstFrame: 'articulation:graph-first-frame', layout: 'articulation:graph-layout', interactive: 'articulation:graph-interactive' } as const;

export interface RendererHooks {
  clickNode(id: string): void;
  clickStage(): void;
  /** The first frame is drawn (grouped positions). */
  drawn(): void;
  /** The layout's positions are applied: the graph is interactive. */
  laidOut(workerMs: number | null): void;
  /** What the layout is doing, for a status line ('' when done). */
  layoutStatus(text: string): void;
}

const NO_GRAPH = { hasNode: () => false, forEachNeighbor: () => {} };

export class NetworkRenderer {
  private sigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
  private graph: NetworkGraph | null = null;
  private highlight: HighlightState = computeHighlight(NO_GRAPH, null, null, EMPTY_VISIBILITY);
  private worker: Worker | null = createWorker();
  private layoutRun = 0;
  private layoutDone = false;
  private pendingCamera: string | null = null;
  private stopAnimation: (() => void) | null = null;
  private groupLabels: { cx: number; minY: number; maxY: number; el: HTMLElement }[] = [];
  private resizeFrame = 0;
  private readonly resizeObserver: ResizeObserver | null;
  private background: GeoBackground<NodeAttributes, EdgeAttributes> | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly groupLayer: HTMLElement,
    private readonly palette: Palette,
    private readonly hooks: RendererHooks,
  ) {
    // The side panel (and the window) change the graph area: sigma's canvases must follow.
    this.resizeObserver =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            cancelAnimationFrame(this.resizeFrame);
            this.resizeFrame = requestAnimationFrame(() => {
              this.sigma?.resize();
              this.sigma?.refresh({ skipIndexation: true });
            });
          });
    this.resizeObserver?.observe(container);
  }

  get visibility(): Visibility {
    return this.highlight.visibility;
  }

  /**
   * Draw a new graph, filtered and with its selection; its layout starts in the worker, unless its
   * positions are `fixed` (the geographic layout, drawn over its contours).
   */
  draw(g: NetworkGraph, filters: NetworkFilters, selected: string | null, options: { fixed?: boolean; background?: GeoLayout['background'] } = {}): void {
    this.teardown();
    this.graph = g;
    const colours = { dimmedNode: this.palette.misc.dimmed, dimmedEdge: this.palette.misc.dimmed, selected: this.palette.misc.focus };
    // The state the reducers read is ready before sigma's constructor, which draws the first
    // frame synchronously: one full render, not three.
    this.highlight = computeHighlight(g, null, selected, computeVisibility(g, filters));
    const renderer = new Sigma<NodeAttributes, EdgeAttributes>(g, this.container, {
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      hideEdgesOnMove: true,
      hideLabelsOnMove: g.order > 1500,
      enableEdgeEvents: false,
      zIndex: true,
      labelFont: 'Marianne, Arial, sans-serif',
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: this.palette.misc.textStrong },
      edgeLabelFont: 'Marianne, Arial, sans-serif',
      edgeLabelSize: 11,
      edgeLabelColor: { color: this.palette.misc.text },
      labelDensity: g.order > 1000 ? 0.25 : g.order > 300 ? 0.5 : 1,
      labelGridCellSize: g.order > 300 ? 120 : 100,
      labelRenderedSizeThreshold: g.order > 1000 ? 12 : g.order > 300 ? 9 : 5,
      defaultEdgeType: 'line',
      defaultNodeColor: this.palette.misc.person,
      minCameraRatio: 0.03,
      maxCameraRatio: 4,
      stagePadding: 40,
      edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram, dashed: EdgeDashedProgram } as never,
      nodeReducer: createNodeReducer(() => this.highlight, colours) as never,
      edgeReducer: createEdgeReducer(() => this.highlight, colours, (e) => g.extremities(e) as [string, string]) as never,
    });
    this.sigma = renderer;
    requestAnimationFrame(() => {
      if (this.sigma !== renderer) return;
      performance.mark(MARKS.firstFrame);
      this.hooks.drawn();
    });
    this.listen(renderer);
    if (options.background) {
      this.background = new GeoBackground(renderer, options.background, { line: this.palette.misc.border, border: this.palette.misc.mention });
      renderer.on('afterRender', () => this.background?.draw());
      this.background.draw();
    }
    this.computeGroupLabels(g);
    if (options.fixed) this.finishLayout(g);
    else this.startLayout(g);
  }

  /** Positions already given (the geographic layout): interactive at once, no layout to run. */
  private finishLayout(g: NetworkGraph): void {
    this.layoutRun++;
    this.groupLabels = [];
    replace(this.groupLayer);
    this.layoutDone = true;
    this.hooks.layoutStatus('');
    this.hooks.laidOut(null);
    requestAnimationFrame(() => {
      if (this.graph !== g) return;
      performance.mark(MARKS.interactive);
      if (this.pendingCamera) this.focus(this.pendingCamera);
    });
  }

  private listen(renderer: Sigma<NodeAttributes, EdgeAttributes>): void {
    const hover = debounce((node: string | null) => this.setHover(node), 40);
    renderer.on('enterNode', ({ node }) => {
      this.container.style.cursor = 'pointer';
      hover(node);
    });
    renderer.on('leaveNode', () => {
      this.container.style.cursor = '';
      hover(null);
    });
    renderer.on('clickNode', ({ node }) => {
      hover.cancel();
      this.hooks.clickNode(node);
    });
    renderer.on('clickStage', () => this.hooks.clickStage());
    renderer.on('kill', () => hover.cancel());
    renderer.on('afterRender', () => this.positionGroupLabels());
  }

  /** New filters: what is hidden, and how much is left. */
  filter(filters: NetworkFilters): Visibility {
    if (!this.graph || !this.sigma) return this.highlight.visibility;
    this.highlight = computeHighlight(this.graph, this.highlight.hovered, this.highlight.selected, computeVisibility(this.graph, filters));
    this.sigma.refresh({ skipIndexation: true });
    return this.highlight.visibility;
  }

  select(selected: string | null): void {
    if (!this.graph || !this.sigma) return;
    const next = computeHighlight(this.graph, this.highlight.hovered, selected, this.highlight.visibility);
    const changed = next.focus !== this.highlight.focus || next.selected !== this.highlight.selected;
    this.highlight = next;
    if (changed) this.sigma.refresh({ skipIndexation: true });
  }

  private setHover(node: string | null): void {
    if (!this.graph || !this.sigma || this.highlight.hovered === node) return;
    this.highlight = computeHighlight(this.graph, node, this.highlight.selected, this.highlight.visibility);
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Move the camera to a node (once the layout has placed it). */
  focus(id: string): void {
    if (!this.sigma || !this.graph?.hasNode(id)) return;
    if (!this.layoutDone) {
      this.pendingCamera = id;
      return;
    }
    this.pendingCamera = null;
    const display = this.sigma.getNodeDisplayData(id);
    if (!display) return;
    const camera = this.sigma.getCamera();
    camera.animate({ x: display.x, y: display.y, ratio: Math.min(camera.ratio, this.graph.order > 300 ? 0.15 : 0.5) }, { duration: 500 });
  }

  /** Where the camera goes once the layout is done (a node named in the URL). */
  focusLater(id: string | null): void {
    this.pendingCamera = id;
  }

  get interactive(): boolean {
    return this.layoutDone;
  }

  zoomIn = () => this.sigma?.getCamera().animatedZoom({ duration: 250 });
  zoomOut = () => this.sigma?.getCamera().animatedUnzoom({ duration: 250 });
  recenter = () => this.sigma?.getCamera().animatedReset({ duration: 300 });

  private startLayout(g: NetworkGraph): void {
    this.layoutDone = false;
    const run = ++this.layoutRun;
    this.hooks.layoutStatus('Disposition en cours…');
    const finish = (positions: Record<string, [number, number]> | null, workerMs: number | null) => {
      if (run !== this.layoutRun || !this.sigma || this.graph !== g) return;
      const done = () => {
        if (run !== this.layoutRun) return;
        this.computeGroupLabels(g);
        this.layoutDone = true;
        this.hooks.layoutStatus('');
        this.hooks.laidOut(workerMs);
        requestAnimationFrame(() => {
          performance.mark(MARKS.interactive);
          if (this.pendingCamera) this.focus(this.pendingCamera);
        });
      };
      if (!positions) return done();
      // Keyed by node ids: no prototype (an id may be `constructor`).
      const targets: Record<string, { x: number; y: number }> = Object.create(null);
      for (const [key, [x, y]] of Object.entries(positions)) targets[key] = { x, y };
      if (g.order > 500) {
        g.updateEachNodeAttributes(
          (key, a) => {
            const p = targets[key];
            if (p) [a.x, a.y] = [p.x, p.y];
            return a;
          },
          { attributes: ['x', 'y'] },
        );
        done();
      } else {
        this.stopAnimation = animateNodes(g, targets, { duration: 300 }, done);
      }
    };
    const worker = this.worker;
    if (!worker) return finish(null, null); // no worker (a very old browser): the grouped positions are already stable
    worker.onmessage = (e: MessageEvent<LayoutResponse>) => {
      if (e.data.id !== run) return;
      performance.mark(MARKS.layout, { detail: { workerMs: e.data.ms, groups: e.data.groups } });
      finish(e.data.positions, e.data.ms);
    };
    worker.onerror = () => {
      this.hooks.layoutStatus('Disposition simplifiée (calcul indisponible)');
      finish(null, null);
    };
    const request: LayoutRequest = {
      id: run,
      nodes: g.mapNodes((key, a) => ({ key, x: a.x, y: a.y, size: a.size, group: a.group })),
      edges: g.mapEdges((_e, a, source, target) => ({ source, target, weight: a.weight })),
    };
    worker.postMessage(request);
  }

  // Département names above their clusters when several départements are drawn.
  private computeGroupLabels(g: NetworkGraph): void {
    const boxes = new Map<string, { sx: number; n: number; minY: number; maxY: number }>();
    g.forEachNode((_id, a) => {
      const b = boxes.get(a.group);
      if (b) {
        b.sx += a.x;
        b.n++;
        b.minY = Math.min(b.minY, a.y);
        b.maxY = Math.max(b.maxY, a.y);
      } else boxes.set(a.group, { sx: a.x, n: 1, minY: a.y, maxY: a.y });
    });
    this.groupLabels = boxes.size < 2 ? [] : [...boxes.entries()].map(([code, b]) => ({ cx: b.sx / b.n, minY: b.minY, maxY: b.maxY, el: h('span', { class: 'app-network__group' }, code ? departementName(code) : 'Autres') }));
    replace(this.groupLayer, this.groupLabels.map((l) => l.el));
    this.positionGroupLabels();
  }

  private positionGroupLabels(): void {
    if (!this.sigma) return;
    for (const l of this.groupLabels) {
      const a = this.sigma.graphToViewport({ x: l.cx, y: l.minY });
      const b = this.sigma.graphToViewport({ x: l.cx, y: l.maxY });
      l.el.style.transform = `translate(${Math.round(a.x)}px, ${Math.round(Math.min(a.y, b.y) - 22)}px) translateX(-50%)`;
    }
  }

  /** Forget the graph drawn (a new one is coming, or there is none). */
  teardown(): void {
    this.stopAnimation?.();
    this.stopAnimation = null;
    this.layoutRun++;
    this.background = null;
    this.sigma?.kill();
    this.sigma = null;
    this.groupLabels = [];
    replace(this.groupLayer);
    this.graph = null;
    this.highlight = computeHighlight(NO_GRAPH, null, null, EMPTY_VISIBILITY);
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.resizeFrame);
    this.teardown();
    this.worker?.terminate();
    this.worker = null;
  }
}

function createWorker(): Worker | null {
  try {
    return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'disposition-forceatlas2' });
  } catch {
    return null;
  }
}
