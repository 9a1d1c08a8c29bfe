package dev.sessionplugin.core.superset;

import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.render.Templates;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline SVG, no script, no network) plotting each exported chart from the published
 * table, so a person sees the numbers right after a run, without Superset.
 */
final class ChartPage {

    static final int WIDTH = 900;
    static final int HEIGHT = 320;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 40;

    /** One plotted chart: its title and its (period, value) points in order. */
    record Series(String title, String metric, String grain, List<String> periods, List<Long> values) {
    }

    private ChartPage() {
    }

    static String render(Path projectDir, String title, String subtitle, List<Series> series) {
        List<Map<String, Object>> charts = new ArrayList<>();
        for (Series s : series) {
            charts.add(chart(s));
        }
        Map<String, Object> context = Map.of("title", title, "subtitle", subtitle, "charts", charts);
        return new TemplateFolder("superset", ".mustache", projectDir, Templates.html()).render("chart-page.html",
                context);
    }

    private static Map<String, Object> chart(Series s) {
        int n = s.values().size();
        long max = Math.max(1, s.values().stream().mapToLong(Long::longValue).max().orElse(1));
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        List<Map<String, Object>> dots = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            double y = TOP + plotH - plotH * s.values().get(i) / top;
            points.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            dots.add(Map.of("x", fmt(x), "y", fmt(y), "label", s.periods().get(i), "value", s.values().get(i)));
            rows.add(Map.of("period", s.periods().get(i), "value", String.format(Locale.ROOT, "%,d", s.values().get(i))));
        }
        List<Map<String, Object>> yTicks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            long v = top * t / 4;
            double y = TOP + plotH - plotH * t / 4;
            yTicks.add(Map.of("y", fmt(y), "text_y", fmt(y + 4), "label", String.format(Locale.ROOT, "%,d", v)));
        }
        List<Map<String, Object>> xTicks = new ArrayList<>();
        int step = Math.max(1, (n + 7) / 8);
        for (int i = 0; i < n; i += step) {
            double x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            xTicks.add(Map.of("x", fmt(x), "label", s.periods().get(i)));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("slice_name", s.title());
        chart.put("caption", s.metric() + " per " + grainWord(s.grain()) + ", " + n + " periods");
        chart.put("width", WIDTH);
        chart.put("height", HEIGHT);
        chart.put("x0", LEFT);
        chart.put("x1", WIDTH - RIGHT);
        chart.put("y0", TOP + (int) plotH);
        chart.put("label_y", HEIGHT - 12);
        chart.put("points", points.toString());
        chart.put("dots", dots);
        chart.put("y_ticks", yTicks);
        chart.put("x_ticks", xTicks);
        chart.put("rows", rows);
        return chart;
    }

    static String grainWord(String grain) {
        return switch (grain) {
            case "PT1H" -> "hour";
            case "P1D" -> "day";
            case "P1W" -> "week";
            case "P1M" -> "month";
            case "P3M" -> "quarter";
            default -> "year";
        };
    }

    private static long niceCeiling(long max) {
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(max)));
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * magnitude >= max) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
