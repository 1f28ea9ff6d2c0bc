// @ts-check
/**
 * Charts drawn with Chart.js, each inside a <figure> with a caption and the
 * same figures as a table (in a <details> anyone can open; screen readers get
 * the table, the canvas is only a picture of it).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";

import { el } from "../lib/dom.js";
import { formatNumber, locale, t } from "../lib/i18n.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
  MatrixController,
  MatrixElement,
);

/** Colours for series, readable on white and distinct for common colour blindness. */
export const PALETTE = ["#0b6e99", "#d1495b", "#2e7d32", "#b36b00", "#6a4c93", "#444444"];

/**
 * @typedef {object} TableSpec
 * @property {string[]} columns header cells (the first names the rows)
 * @property {(string | number | null)[][]} rows
 */

/**
 * A figure: caption, canvas (when the browser can draw) and a table.
 * @param {string} caption
 * @param {TableSpec} table
 * @param {string} testId
 * @returns {{figure: HTMLElement, canvas: HTMLCanvasElement}}
 */
export function figureWithTable(caption, table, testId) {
  // Translators: what screen readers say of a chart; {caption} is the chart's caption
  const canvas = el("canvas", { role: "img", "aria-label": t("{caption} (the table below has the figures)", { caption }) });
  const figure = el(
    "figure",
    { className: "chart", "data-testid": testId },
    el("figcaption", {}, caption),
    el("div", { className: "chart__canvas" }, canvas),
    el(
      "details",
      { className: "chart__table" },
      el("summary", {}, t("Show the figures as a table")),
      dataTable(table, testId),
    ),
  );
  return { figure, canvas };
}

/**
 * @param {TableSpec} table
 * @param {string} testId
 */
export function dataTable(table, testId) {
  return el(
    "table",
    { className: "sessions", "data-testid": `${testId}-table` },
    el("thead", {}, el("tr", {}, table.columns.map((c) => el("th", { scope: "col" }, c)))),
    el(
      "tbody",
      {},
      table.rows.map((row) =>
        el(
          "tr",
          {},
          row.map((cell, i) =>
            i === 0 ? el("th", { scope: "row" }, String(cell ?? "—")) : el("td", { className: "num" }, figure(cell)),
          ),
        ),
      ),
    ),
  );
}

/**
 * A table cell's figure in the page's locale ("—" for none).
 * @param {string | number | null} cell
 */
function figure(cell) {
  if (cell === null || cell === undefined) return "—";
  return typeof cell === "number" ? formatNumber(cell) : cell;
}

/**
 * Draw on the canvas if the browser can (not in a DOM without canvas support).
 * @param {HTMLCanvasElement} canvas
 * @param {import("chart.js").ChartConfiguration} config
 * @returns {Chart | null}
 */
export function draw(canvas, config) {
  if (!canvas.getContext || !safeContext(canvas)) return null;
  // numbers on the axes and in tooltips written the page's way
  return new Chart(canvas, { ...config, options: { locale: locale(), ...config.options } });
}

/** @param {HTMLCanvasElement} canvas */
function safeContext(canvas) {
  try {
    return canvas.getContext("2d");
  } catch {
    return null;
  }
}

/**
 * A line chart over labelled points (weeks, turns) with its table.
 * @param {{caption: string, testId: string, labels: string[], series: {label: string, data: (number | null)[]}[], yMax?: number, yTitle?: string}} spec
 */
export function lineChart({ caption, testId, labels, series, yMax = 100, yTitle = "" }) {
  const { figure, canvas } = figureWithTable(
    caption,
    { columns: ["", ...series.map((s) => s.label)], rows: labels.map((label, i) => [label, ...series.map((s) => s.data[i])]) },
    testId,
  );
  queueMicrotask(() =>
    draw(canvas, {
      type: "line",
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          spanGaps: true,
          tension: 0.2,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: yMax, title: { display: Boolean(yTitle), text: yTitle } } },
      },
    }),
  );
  return figure;
}

/**
 * A bar chart of counts with its table.
 * @param {{caption: string, testId: string, labels: string[], counts: number[], xTitle?: string}} spec
 */
export function barChart({ caption, testId, labels, counts, xTitle = "" }) {
  const { figure, canvas } = figureWithTable(
    caption,
    { columns: [xTitle || "", t("Replies")], rows: labels.map((label, i) => [label, counts[i]]) },
    testId,
  );
  queueMicrotask(() =>
    draw(canvas, {
      type: "bar",
      data: { labels, datasets: [{ label: t("Replies"), data: counts, backgroundColor: PALETTE[0] }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { title: { display: Boolean(xTitle), text: xTitle } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
  );
  return figure;
}

/**
 * A colour from red (0) through amber (50) to green (100); grey for no data.
 * @param {number | null | undefined} value
 */
export function heatColour(value) {
  if (value === null || value === undefined) return "#e5e7eb";
  const hue = Math.round((Math.max(0, Math.min(100, value)) / 100) * 120);
  return `hsl(${hue} 65% 72%)`;
}

/**
 * A heat map cell's tooltip: "row · column: value".
 * @param {{x: string, y: string, v: number | null}} cell
 */
function heatTooltip(cell) {
  // Translators: a heat map cell with no figure
  const value = cell.v === null || cell.v === undefined ? t("no replies") : formatNumber(cell.v);
  // Translators: a heat map cell's tooltip: its row, its column and its figure
  return t("{row} · {column}: {value}", { row: cell.y, column: cell.x, value });
}

/**
 * A heat map of rows x columns (0-100 values), drawn with the matrix chart.
 * @param {{caption: string, testId: string, rows: string[], columns: string[], values: (number | null)[][], onPick?: (row: number) => void}} spec
 */
export function heatMap({ caption, testId, rows, columns, values, onPick }) {
  const { figure, canvas } = figureWithTable(
    caption,
    { columns: ["", ...columns], rows: rows.map((row, i) => [row, ...values[i]]) },
    testId,
  );
  const cells = rows.flatMap((row, y) => columns.map((column, x) => ({ x: column, y: row, v: values[y][x] })));
  canvas.parentElement?.style.setProperty("height", `${Math.max(160, rows.length * 34 + 70)}px`);
  queueMicrotask(() =>
    draw(canvas, {
      type: "matrix",
      data: {
        datasets: [
          {
            label: caption,
            data: /** @type {any} */ (cells),
            backgroundColor: (/** @type {any} */ context) => heatColour(context.raw && context.raw.v),
            borderColor: "#ffffff",
            borderWidth: 1,
            width: (/** @type {any} */ { chart }) => (chart.chartArea || {}).width / columns.length - 2,
            height: (/** @type {any} */ { chart }) => (chart.chartArea || {}).height / rows.length - 2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => "",
              label: (/** @type {any} */ item) => heatTooltip(item.raw),
            },
          },
        },
        onClick: (/** @type {any} */ _event, /** @type {any[]} */ elements) => {
          if (onPick && elements.length) onPick(Math.floor(elements[0].index / columns.length));
        },
        scales: {
          x: { type: "category", labels: columns, offset: true, grid: { display: false }, position: "top" },
          // the first row on top, as in the table behind the chart
          y: { type: "category", labels: rows, offset: true, grid: { display: false } },
        },
      },
    }),
  );
  return figure;
}
