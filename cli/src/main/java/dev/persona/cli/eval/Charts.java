package dev.persona.cli.eval;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of the evaluation reports, drawn headless with XChart. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final Color SSE_COLOR = new Color(31, 119, 180);
    private static final Color SILHOUETTE_COLOR = new Color(214, 39, 40);

    /** A named series of points. */
    record Series(String name, double[] x, double[] y) {
    }

    private Charts() {
    }

    /**
     * SSE (left axis) and silhouette (right axis) against k: ours as solid lines with markers, the reference as
     * dashed lines.
     */
    static void kSweep(Path file, String title, List<Series> sse, List<Series> silhouette) throws IOException {
        XYChart chart = chart(title, "k", "SSE");
        chart.setYAxisGroupTitle(0, "SSE");
        chart.setYAxisGroupTitle(1, "mean silhouette");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisGroupTickLabelsColorMap(0, SSE_COLOR);
        chart.getStyler().setYAxisGroupTickLabelsColorMap(1, SILHOUETTE_COLOR);
        for (Series s : sse) {
            style(chart.addSeries(s.name(), s.x(), s.y()), s.name(), SSE_COLOR, SeriesMarkers.CIRCLE);
        }
        for (Series s : silhouette) {
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            series.setYAxisGroup(1);
            style(series, s.name(), SILHOUETTE_COLOR, SeriesMarkers.DIAMOND);
        }
        save(chart, file);
    }

    /** Ours solid with markers, the reference dashed, anything else (candidates) dotted and light. */
    private static void style(XYSeries series, String name, Color color, Marker marker) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(marker);
        if (name.contains("reference")) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        } else if (!name.contains("ours")) {
            series.setLineStyle(SeriesLines.DOT_DOT);
            Color light = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
            series.setLineColor(light);
            series.setMarkerColor(light);
            series.setMarker(SeriesMarkers.NONE);
        }
    }

    /** Points coloured by group (one series per group). */
    static void scatter(Path file, String title, String xTitle, String yTitle, Map<String, double[][]> groups)
            throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        groups.forEach((name, points) -> {
            if (points[0].length > 0) {
                chart.addSeries(name, points[0], points[1]).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        save(chart, file);
    }

    /** ROC curves, with the diagonal of a random guess. */
    static void roc(Path file, String title, List<Series> curves) throws IOException {
        XYChart chart = chart(title, "false positive rate", "true positive rate");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0.0#").setYAxisDecimalPattern("0.0#");
        for (Series curve : curves) {
            chart.addSeries(curve.name(), curve.x(), curve.y()).setMarker(SeriesMarkers.NONE);
        }
        XYSeries diagonal = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineStyle(SeriesLines.DASH_DASH);
        diagonal.setLineColor(Color.GRAY);
        save(chart, file);
    }

    /**
     * Grouped bars: one group per category (a strategy), one bar per series (ours, a reference); NaN leaves a gap.
     */
    static void bars(Path file, String title, String yTitle, List<String> categories,
                     Map<String, List<Double>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("strategy").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setOverlapped(false);
        series.forEach((name, values) -> chart.addSeries(name, categories,
                values.stream().map(v -> Double.isNaN(v) ? 0 : v).toList()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        // Draw without a display, also where one exists: the charts only go to files.
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
