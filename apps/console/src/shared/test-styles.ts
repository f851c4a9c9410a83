import { readFileSync } from 'node:fs';

/**
 * For tests of how the console looks: puts its stylesheet into the jsdom document, so that
 * getComputedStyle cascades it (selectors and specificity, no layout). jsdom does not apply
 * `:hover`; here it matches elements with the class `test-hover` instead. Returns the clean-up.
 */
export function applyConsoleStyles(): () => void {
  const style = document.createElement('style');
  style.textContent = readFileSync(`${import.meta.dirname}/../styles.css`, 'utf8').replaceAll(
    ':hover',
    '.test-hover',
  );
  document.head.append(style);
  return () => style.remove();
}

/**
 * The text or background colour of an element as [red, green, blue], custom properties
 * (`var(--accent)`) resolved; jsdom leaves `background-color` empty when the `background` shorthand
 * holds one.
 */
export function computedColour(element: Element, property: 'color' | 'background'): [number, number, number] {
  let value = getComputedStyle(element).getPropertyValue(property).trim();
  const variable = /^var\((--[\w-]+)\)$/.exec(value);
  if (variable) value = getComputedStyle(document.documentElement).getPropertyValue(variable[1]).trim();
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(value);
  if (hex) return [1, 2, 3].map((index) => parseInt(hex[index], 16)) as [number, number, number];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(value);
  if (!rgb) throw new Error(`${property} is not one opaque colour: "${value}"`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
}

/** The WCAG contrast ratio of two colours (1 to 21; 4.5 is AA for normal text). */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const luminance = (rgb: [number, number, number]) => {
    const [r, g, b] = rgb.map((channel) => {
      const value = channel / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
