// Draws lstmkit's SVG charts at the width of their box, and again when that width changes (a phone
// turned, a window resized), so chart text stays at its designed size instead of scaling down.
// Draws are coalesced to one per animation frame (training posts many epochs per frame).

type Render = (width: number) => string;

const renderers = new WeakMap<HTMLElement, Render>();
const observed = new WeakSet<HTMLElement>();
const pending = new Set<HTMLElement>();
const observer = new ResizeObserver((entries) => {
  for (const e of entries) schedule(e.target as HTMLElement);
});

/** The widest a chart is drawn, in px. */
const MAX_WIDTH = 900;

function draw(host: HTMLElement): void {
  const render = renderers.get(host);
  const width = Math.min(MAX_WIDTH, Math.floor(host.clientWidth));
  if (!render || width <= 0 || host.dataset.drawnWidth === String(width)) return;
  host.dataset.drawnWidth = String(width);
  host.innerHTML = render(width);
}

function schedule(host: HTMLElement): void {
  if (pending.size === 0)
    requestAnimationFrame(() => {
      const hosts = [...pending];
      pending.clear();
      for (const h of hosts) draw(h);
    });
  pending.add(host);
}

/** Shows render(width) in host (at the next frame) and after every change of its width; null stops that. */
export function showChart(host: HTMLElement, render: Render | null): void {
  delete host.dataset.drawnWidth;
  if (!render) {
    renderers.delete(host);
    pending.delete(host);
    observer.unobserve(host);
    observed.delete(host);
    return;
  }
  renderers.set(host, render);
  if (!observed.has(host)) {
    observed.add(host);
    observer.observe(host);
  }
  schedule(host);
}
