package org.gauzy.bridge.support;

/** A series' value at {@code /actuator/prometheus}, read as the operator's scraper reads it, with its token. */
public final class Metrics {

    /** The token the test configuration sets ({@code gauzy.metrics.token}). */
    public static final String TOKEN = "test-metrics-token-0123456789";

    private Metrics() {}

    public static String scrape(Api api) {
        var answer = api.get("/actuator/prometheus").token(TOKEN).send();
        if (answer.status() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + answer.status() + ": " + answer.text());
        }
        return answer.text();
    }

    public static double value(Api api, String series) {
        for (String line : scrape(api).split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("No series " + series + " at /actuator/prometheus");
    }
}
