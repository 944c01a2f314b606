package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Throughput and p99 latency against concurrency, one line per scenario, from the JSON lines of
 * {@code loadtest/bench sweep}; both y axes logarithmic, since batches and single transfers are orders of magnitude
 * apart. Plain Java2D, so the client needs no plotting library.
 */
final class Chart {
    private static final int PANEL_W = 620, H = 500, LEFT = 70, RIGHT = 20, TOP = 50, BOTTOM = 80;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private Chart() {
    }

    static void main(Args options) throws Exception {
        Map<String, List<JsonNode>> series = new TreeMap<>();
        for (String text : Files.readAllLines(Path.of(options.required("in")))) {
            if (text.isBlank()) continue;
            JsonNode point = Api.JSON.readTree(text);
            if (!"ok".equals(point.path("checks").asText("ok"))) continue;
            series.computeIfAbsent(point.get("scenario").asText() + " (" + point.path("mix").asText("hot") + ")",
                    k -> new ArrayList<>()).add(point);
        }
        series.values().forEach(points -> points.sort((a, b) -> Integer.compare(a.get("concurrency").asInt(), b.get("concurrency").asInt())));
        BufferedImage image = new BufferedImage(2 * PANEL_W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), H);
        panel(g, 0, "transfers/s", series, p -> p.get("transfers_per_s").asDouble());
        panel(g, PANEL_W, "p99 latency (ms)", series, p -> p.get("p99_ms").asDouble());
        g.dispose();
        File out = new File(options.required("out"));
        ImageIO.write(image, "png", out);
        System.err.println("wrote " + out);
    }

    private static void panel(Graphics2D g, int x0, String title, Map<String, List<JsonNode>> series,
                              ToDoubleFunction<JsonNode> value) {
        double minC = Double.MAX_VALUE, maxC = 0, minV = Double.MAX_VALUE, maxV = 0;
        for (List<JsonNode> points : series.values()) {
            for (JsonNode p : points) {
                minC = Math.min(minC, p.get("concurrency").asDouble());
                maxC = Math.max(maxC, p.get("concurrency").asDouble());
                minV = Math.min(minV, Math.max(value.applyAsDouble(p), 1e-3));
                maxV = Math.max(maxV, value.applyAsDouble(p));
            }
        }
        double lo = Math.floor(Math.log10(minV)), hi = Math.ceil(Math.log10(maxV));
        if (hi <= lo) hi = lo + 1;
        double cLo = Math.log(minC) / Math.log(2), cHi = Math.max(cLo + 1, Math.log(maxC) / Math.log(2));
        int w = PANEL_W - LEFT - RIGHT, h = H - TOP - BOTTOM;
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title + " against concurrency (requests in flight)", x0 + LEFT, TOP - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double e = lo; e <= hi; e++) {
            int y = TOP + h - (int) ((e - lo) / (hi - lo) * h);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0 + LEFT, y, x0 + LEFT + w, y);
            g.setColor(Color.BLACK);
            g.drawString(label(Math.pow(10, e)), x0 + 8, y + 4);
        }
        for (double c = Math.ceil(cLo); c <= cHi; c++) {
            int x = x0 + LEFT + (int) ((c - cLo) / (cHi - cLo) * w);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, TOP + h);
            g.setColor(Color.BLACK);
            g.drawString(String.valueOf(1L << (long) c), x - 6, TOP + h + 18);
        }
        g.drawRect(x0 + LEFT, TOP, w, h);
        int legend = 0;
        for (Map.Entry<String, List<JsonNode>> entry : series.entrySet()) {
            Color color = COLORS[legend % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.2f));
            int px = -1, py = -1;
            for (JsonNode p : entry.getValue()) {
                int x = x0 + LEFT + (int) ((Math.log(p.get("concurrency").asDouble()) / Math.log(2) - cLo) / (cHi - cLo) * w);
                int y = TOP + h - (int) ((Math.log10(Math.max(value.applyAsDouble(p), 1e-3)) - lo) / (hi - lo) * h);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            // Legend below the axis, two columns.
            int lx = x0 + LEFT + (legend % 2) * (w / 2), ly = TOP + h + 34 + (legend / 2) * 14;
            g.drawLine(lx, ly - 4, lx + 18, ly - 4);
            g.drawString(entry.getKey(), lx + 24, ly);
            legend++;
        }
    }

    private static String label(double v) {
        if (v >= 1e6) return String.format("%.0fM", v / 1e6);
        if (v >= 1e3) return String.format("%.0fk", v / 1e3);
        return v >= 1 ? String.format("%.0f", v) : String.format("%.2g", v);
    }
}
