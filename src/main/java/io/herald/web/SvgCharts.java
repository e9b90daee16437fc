package io.herald.web;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as inline SVG: no script, no library, nothing fetched, so the pages work offline and
 * under the Content-Security-Policy. Colours are presentation attributes (the policy's style rules do not apply to
 * them), and every chart carries a title and a description for screen readers beside the table it draws.
 */
final class SvgCharts {

    private static final int WIDTH = 640;
    private static final String PEOPLE = "#1f6feb";
    private static final String MACHINES = "#9aa4ae";

    private SvgCharts() {}

    /** One point of a line. */
    record Point(String label, double value) {}

    /** One bar: people and machines stacked. */
    record Bar(String label, long people, long machines) {}

    /** A line over evenly spaced points, with the first, middle and last label under it and the top value beside. */
    static String line(String title, List<Point> points, String unit) {
        int height = 180;
        int left = 56;
        int bottom = 28;
        int plotW = WIDTH - left - 12;
        int plotH = height - bottom - 12;
        double max = Math.max(1, points.stream().mapToDouble(Point::value).max().orElse(1));
        StringBuilder svg = open(title, height, points.size() + " points, highest " + fmt(max) + " " + unit);
        svg.append(axis(left, 12, plotH, plotW));
        svg.append(text(left - 6, 18, fmt(max), "end"));
        svg.append(text(left - 6, 12 + plotH, "0", "end"));
        if (!points.isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                double x = left + (points.size() == 1 ? plotW / 2.0 : i * (double) plotW / (points.size() - 1));
                double y = 12 + plotH - points.get(i).value() / max * plotH;
                path.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(PEOPLE)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(path)
                    .append("\"/>");
            // A dot per point, so that a send of one step or a few still shows.
            for (int i = 0; points.size() <= 90 && i < points.size(); i++) {
                double x = left + (points.size() == 1 ? plotW / 2.0 : i * (double) plotW / (points.size() - 1));
                double y = 12 + plotH - points.get(i).value() / max * plotH;
                svg.append("<circle cx=\"")
                        .append(fmt(x))
                        .append("\" cy=\"")
                        .append(fmt(y))
                        .append("\" r=\"3\" fill=\"")
                        .append(PEOPLE)
                        .append("\"/>");
            }
            int[] shown = points.size() == 1 ? new int[] {0} : new int[] {0, points.size() / 2, points.size() - 1};
            for (int i : shown) {
                double x = left + (points.size() == 1 ? plotW / 2.0 : i * (double) plotW / (points.size() - 1));
                // The first label starts at its point and the last ends at its own: neither leaves the picture.
                String anchor =
                        points.size() == 1 ? "middle" : i == 0 ? "start" : i == points.size() - 1 ? "end" : "middle";
                svg.append(text(x, height - 8, points.get(i).label(), anchor));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, people then machines stacked, with the counts written after each bar. */
    static String bars(String title, List<Bar> bars) {
        return bars(title, bars, "people", "machines");
    }

    /** Horizontal bars of two stacked parts named by the legend, with the counts written after each bar. */
    static String bars(String title, List<Bar> bars, String first, String second) {
        int row = 26;
        int left = 230;
        int height = Math.max(40, bars.size() * row + 30);
        long max = Math.max(
                1, bars.stream().mapToLong(b -> b.people() + b.machines()).max().orElse(1));
        StringBuilder svg = open(title, height, bars.size() + " bars: " + first + " in blue, " + second + " in grey");
        int plotW = WIDTH - left - 120;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 8 + i * row;
            double wp = b.people() * (double) plotW / max;
            double wm = b.machines() * (double) plotW / max;
            svg.append(text(left - 8, y + 15, shorten(b.label(), 28), "end"));
            svg.append(rect(left, y + 3, wp, 16, PEOPLE));
            svg.append(rect(left + wp, y + 3, wm, 16, MACHINES));
            svg.append(text(left + wp + wm + 6, y + 15, b.people() + " / " + b.machines(), "start"));
        }
        int legend = height - 10;
        svg.append(rect(left, legend - 9, 10, 10, PEOPLE)).append(text(left + 14, legend, first, "start"));
        svg.append(rect(left + 110, legend - 9, 10, 10, MACHINES)).append(text(left + 124, legend, second, "start"));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int height, String description) {
        return new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"100%\" ")
                .append("viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>")
                .append(escape(title))
                .append("</title><desc>")
                .append(escape(description))
                .append("</desc>");
    }

    private static String axis(int left, int top, int plotH, int plotW) {
        return "<path fill=\"none\" stroke=\"#6b7280\" d=\"M" + left + "," + top + " V" + (top + plotH) + " H"
                + (left + plotW) + "\"/>";
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\"" + fmt(h)
                + "\" fill=\"" + fill + "\"/>";
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" fill=\"currentColor\">"
                + escape(s) + "</text>";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
