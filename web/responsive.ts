// Draws lstmkit's SVG charts at the width of their box, and again when that width changes (a phone
// turned, a window resized), so chart text stays at its designed size instead of scaling down.

type Render = (width: number) => string;

const renderers = new WeakMap<HTMLElement, Render>();
const observer = new ResizeObserver((entries) => {
  for (const e of entries) draw(e.target as HTMLElement);
});

/** The widest a chart is drawn, in px (wider boxes centre nothing; the chart keeps this width). */
const MAX_WIDTH = 900;

function draw(host: HTMLElement): void {
  const render = renderers.get(host);
  const width = Math.min(MAX_WIDTH, Math.floor(host.clientWidth));
  if (!render || width <= 0 || host.dataset.drawnWidth === String(width)) return;
  host.dataset.drawnWidth = String(width);
  host.innerHTML = render(width);
}

/** Shows render(width) in host now and after every change of host's width; null stops that. */
export function showChart(host: HTMLElement, render: Render | null): void {
  delete host.dataset.drawnWidth;
  if (!render) {
    renderers.delete(host);
    observer.unobserve(host);
    return;
  }
  renderers.set(host, render);
  observer.observe(host);
  draw(host);
}
