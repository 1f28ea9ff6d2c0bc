// @ts-check
/** Writing CSV for downloads (RFC 4180 quoting) and saving it as a file. */

/**
 * One CSV field: quoted when it holds a comma, quote or line break. A leading
 * =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.
 * @param {unknown} value
 */
export function csvField(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: a header row, then one row per record.
 * @param {string[]} header
 * @param {unknown[][]} rows
 */
export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Offer ``text`` to the browser as a file download.
 * @param {string} filename
 * @param {string} text
 * @param {{bom?: boolean}} [options] bom: start with a byte order mark, so that
 *   spreadsheets (Excel) read accented letters as UTF-8
 */
export function downloadText(filename, text, { bom = false } = {}) {
  const url = URL.createObjectURL(new Blob([bom ? "\uFEFF" : "", text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
