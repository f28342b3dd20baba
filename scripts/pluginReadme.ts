/**
 * The README Grafana shows on the plugin's page is the project README, rendered inside Grafana, where relative links
 * resolve against Grafana's `<base href>` (its root URL), not against this repository. So at build time:
 * - images from `docs/screenshots/` and `src/img/` (both shipped under the plugin's `img/`) point at the plugin's own
 *   static files, `public/plugins/<id>/img/...`, which Grafana serves under that base;
 * - links to other repository files and in-page anchors become plain text (they would open Grafana pages);
 * - any other relative image fails the build: it would render broken.
 * Absolute (`http(s)://`, `mailto:`) links are kept. When the project has a public URL, rewrite to it instead.
 */

const IMAGE = /!\[([^\]]*)\]\(([^)\s]+)\)/g;
const LINK = /(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g;

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Where a repository image is shipped inside the plugin (relative to dist/), or undefined when it is not. */
export function shippedImagePath(repoPath: string): string | undefined {
  const clean = repoPath.replace(/^\.\//, '');
  const screenshot = /^docs\/screenshots\/([\w.-]+\.(?:png|jpe?g|gif|webp))$/i.exec(clean);
  if (screenshot) {
    return `img/screenshots/${screenshot[1]}`;
  }
  const img = /^src\/(img\/[\w./-]+\.(?:png|jpe?g|gif|webp|svg))$/i.exec(clean);
  if (img && !img[1].includes('..')) {
    return img[1];
  }
  return undefined;
}

/** The project README as Grafana's plugin page should render it. */
export function readmeForPlugin(markdown: string, pluginId: string): string {
  const withImages = markdown.replace(IMAGE, (whole, alt: string, url: string) => {
    if (isAbsolute(url)) {
      return whole;
    }
    const shipped = shippedImagePath(url);
    if (!shipped) {
      throw new Error(
        `README.md: the image "${url}" is not shipped with the plugin, so Grafana's plugin page would show it broken; ` +
          'put it in docs/screenshots/ or src/img/, or use an absolute URL'
      );
    }
    return `![${alt}](public/plugins/${pluginId}/${shipped})`;
  });
  return withImages.replace(LINK, (whole, text: string, url: string) => (isAbsolute(url) ? whole : text));
}
