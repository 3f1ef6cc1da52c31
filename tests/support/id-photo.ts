import type { Page } from 'playwright-core';

/** A phone photo as a camera gives it: 1200 × 1600, a face on a light background, as PNG bytes. */
export async function phonePhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 1600;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.fillStyle = '#f8f8f8';
    context.fillRect(0, 0, 1200, 1600);
    context.fillStyle = '#c89b7b';
    context.beginPath();
    context.ellipse(600, 560, 260, 330, 0, 0, Math.PI * 2);
    context.fill();
    // Texture, so the photo compresses like a real one rather than a flat drawing.
    const pixels = context.getImageData(0, 0, 1200, 1600);
    let seed = 11;
    for (let index = 0; index < pixels.data.length; index += 4) {
      seed = (seed * 16807) % 2147483647;
      const noise = (seed / 2147483647 - 0.5) * 50;
      for (let channel = index; channel < index + 3; channel += 1) {
        pixels.data[channel] = (pixels.data[channel] ?? 0) + noise;
      }
    }
    context.putImageData(pixels, 0, 0);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
