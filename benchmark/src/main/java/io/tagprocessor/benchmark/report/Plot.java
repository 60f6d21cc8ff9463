package io.tagprocessor.benchmark.report;

import io.tagprocessor.benchmark.probe.Sample;
import io.tagprocessor.benchmark.scenario.BacklogResult;
import io.tagprocessor.benchmark.scenario.LatencyResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of a run, three charts stacked in one PNG: commands per second while each mode
 * drains the backlog (counted at their first event), the consumer lag meanwhile (it falls in steps:
 * offsets are committed per poll batch), and latency (p50, p99) per second at each
 * offered rate.
 */
public final class Plot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;

    private Plot() {}

    public static void write(Path file, List<BacklogResult> backlogs, List<LatencyResult> latencies) {
        List<XYChart> charts = new ArrayList<>();
        charts.add(throughput(backlogs));
        charts.add(lag(backlogs));
        if (!latencies.isEmpty()) {
            charts.add(latency(latencies));
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * HEIGHT, null);
        }
        g.dispose();
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart throughput(List<BacklogResult> backlogs) {
        XYChart chart = chart(
                "Backlog drain: commands whose event reached the subscriber, per second",
                "seconds since service launch",
                "commands/s");
        for (BacklogResult result : backlogs) {
            List<double[]> points = new ArrayList<>();
            result.matchedBySecond().forEach((second, count) -> points.add(new double[] {second, count}));
            add(chart, result.mode().label(), points);
        }
        return chart;
    }

    private static XYChart lag(List<BacklogResult> backlogs) {
        XYChart chart = chart("Consumer lag on the commands topic", "seconds since service launch", "commands");
        for (BacklogResult result : backlogs) {
            List<double[]> points = new ArrayList<>();
            for (Sample sample : result.samples()) {
                if (sample.lag() >= 0) {
                    points.add(new double[] {sample.seconds(), sample.lag()});
                }
            }
            add(chart, result.mode().label(), points);
        }
        return chart;
    }

    private static XYChart latency(List<LatencyResult> latencies) {
        XYChart chart = chart("Latency per second, command sent to event received", "seconds since rate started", "ms");
        for (LatencyResult result : latencies) {
            List<double[]> p50 = new ArrayList<>();
            List<double[]> p99 = new ArrayList<>();
            for (Map.Entry<Integer, Histogram> second : result.latencyBySecond().entrySet()) {
                p50.add(new double[] {second.getKey(), second.getValue().getValueAtPercentile(50) / 1000.0});
                p99.add(new double[] {second.getKey(), second.getValue().getValueAtPercentile(99) / 1000.0});
            }
            add(chart, result.offeredRate() + "/s p50", p50);
            add(chart, result.offeredRate() + "/s p99", p99);
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(3);
        return chart;
    }

    private static void add(XYChart chart, String name, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }
}
