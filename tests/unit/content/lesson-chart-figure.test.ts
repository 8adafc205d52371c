// A lesson chart renders on the server as a figure with its takeaway, a captioned data table and its source; the
// recharts drawing itself is left to the browser (only a placeholder is in the server HTML).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LessonChartFigure, formatChartValue } from "@/app/_components/lesson-chart-figure";
import { loadCourse } from "@/lib/content/loader";

const chart = loadCourse()
  .lessons.flatMap((l) => l.charts)
  .find((c) => c.id === "yen-plaza-louvre")!;

describe("LessonChartFigure", () => {
  const html = renderToStaticMarkup(createElement(LessonChartFigure, { chart }));

  it("renders the title, the takeaway and the source link on the server", () => {
    expect(html).toContain(chart.title);
    expect(html).toContain(chart.takeaway);
    expect(html).toContain(`href="${chart.dataset.url}"`);
  });

  it("renders a data table with a caption and one row per year in range", () => {
    expect(html).toMatch(/<table[^>]*>\s*<caption/);
    expect(html.match(/<tr /g)?.length).toBe(1 + 16); // header + 1980..1995
    expect(html).toContain("238.5"); // 1985 average, one decimal
  });

  it("leaves the chart drawing to the browser", () => {
    expect(html).not.toContain("recharts");
    expect(html).toContain('role="img"');
  });

  it("formats values with one decimal and a true minus sign", () => {
    expect([formatChartValue(-46.152), formatChartValue(238.4673), formatChartValue(null)]).toEqual(["−46.2", "238.5", "—"]);
  });
});
