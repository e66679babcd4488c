package dev.seslogs.notify;

import dev.seslogs.simulation.DeclaredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CloudWatch's evaluation of a metric alarm, as the CloudWatch User Guide documents it ("Evaluating
 * an alarm", "Configuring how CloudWatch alarms treat missing data"), for the alarms this program
 * declares (one metric, a standard statistic):
 * <ul>
 * <li>the raw datapoints of the metric (its namespace, name and exact dimensions) are aggregated
 *     with the alarm's statistic into periods of its length, the last {@code EvaluationPeriods}
 *     periods before the evaluation time forming the evaluation range;</li>
 * <li>each period is breaching (statistic compared with the threshold by the comparison operator,
 *     the statistic as the first operand), not breaching, or missing (no datapoint);</li>
 * <li>missing periods count as breaching ({@code breaching}), as good ({@code notBreaching}), or
 *     are left out ({@code missing}, the default, and {@code ignore}); when every period is
 *     missing, {@code missing} gives INSUFFICIENT_DATA and {@code ignore} keeps the state;</li>
 * <li>the alarm is ALARM when at least {@code DatapointsToAlarm} (default: EvaluationPeriods)
 *     periods of the range breach, OK otherwise.</li>
 * </ul>
 * Not modelled (the program uses none of it): percentiles, metric math, anomaly detection, and
 * CloudWatch looking further back than the range for {@code missing}/{@code ignore}.
 */
final class AlarmEvaluator {
    enum State {
        OK,
        ALARM,
        INSUFFICIENT_DATA
    }

    /** One datapoint as a service publishes it: seconds since the start of the scenario, value. */
    record Datapoint(long second, double value) {}

    /** A metric: namespace, name and dimensions, as an alarm names it. */
    record Metric(String namespace, String name, Map<String, String> dimensions) {}

    /** What PutMetricAlarm holds for one alarm. */
    record Alarm(
            String name,
            Metric metric,
            String statistic,
            int periodSeconds,
            int evaluationPeriods,
            int datapointsToAlarm,
            String comparison,
            double threshold,
            String treatMissingData) {

        @SuppressWarnings("unchecked")
        static Alarm of(DeclaredResource alarm) {
            var evaluationPeriods = ((Number) alarm.input("evaluationPeriods")).intValue();
            var datapoints = alarm.input("datapointsToAlarm");
            var dimensions = alarm.input("dimensions");
            var missing = alarm.input("treatMissingData");
            return new Alarm(
                    (String) alarm.input("name"),
                    new Metric(
                            (String) alarm.input("namespace"),
                            (String) alarm.input("metricName"),
                            dimensions == null ? Map.of() : Map.copyOf((Map<String, String>) dimensions)),
                    (String) alarm.input("statistic"),
                    ((Number) alarm.input("period")).intValue(),
                    evaluationPeriods,
                    datapoints == null ? evaluationPeriods : ((Number) datapoints).intValue(),
                    (String) alarm.input("comparisonOperator"),
                    ((Number) alarm.input("threshold")).doubleValue(),
                    missing == null || ((String) missing).isEmpty() ? "missing" : (String) missing);
        }
    }

    private AlarmEvaluator() {}

    /** The statistic of the datapoints in one period; null where there are none (missing). */
    static Double statistic(String statistic, List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        return switch (statistic) {
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "Average" -> values.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            case "Minimum" -> values.stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElseThrow();
            case "Maximum" -> values.stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElseThrow();
            case "SampleCount" -> (double) values.size();
            default -> throw new IllegalArgumentException("statistic " + statistic + " is not modelled");
        };
    }

    static boolean breaches(String comparison, double value, double threshold) {
        return switch (comparison) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> throw new IllegalArgumentException("comparison " + comparison + " is not modelled");
        };
    }

    /** The per-period statistics of the evaluation range ending at {@code now}, oldest first (null: missing). */
    static List<Double> range(Alarm alarm, Map<Metric, List<Datapoint>> metrics, long now) {
        var points = metrics.getOrDefault(alarm.metric(), List.of());
        var periods = new ArrayList<Double>();
        for (var k = alarm.evaluationPeriods(); k >= 1; k--) {
            var start = now - (long) k * alarm.periodSeconds();
            var end = start + alarm.periodSeconds();
            var values = points.stream()
                    .filter(p -> p.second() >= start && p.second() < end)
                    .map(Datapoint::value)
                    .toList();
            periods.add(statistic(alarm.statistic(), values));
        }
        return periods;
    }

    /** The alarm's state at {@code now}, from {@code previous}, over the metrics published so far. */
    static State evaluate(Alarm alarm, Map<Metric, List<Datapoint>> metrics, long now, State previous) {
        var periods = range(alarm, metrics, now);
        var present = periods.stream().filter(Objects::nonNull).toList();
        var missing = periods.size() - present.size();
        var breaching = (int) present.stream()
                .filter(v -> breaches(alarm.comparison(), v, alarm.threshold()))
                .count();
        switch (alarm.treatMissingData()) {
            case "breaching" -> breaching += missing;
            case "notBreaching" -> {}
            case "ignore" -> {
                if (present.isEmpty()) {
                    return previous;
                }
            }
            case "missing" -> {
                if (present.isEmpty()) {
                    return State.INSUFFICIENT_DATA;
                }
            }
            default -> throw new IllegalArgumentException("treatMissingData " + alarm.treatMissingData());
        }
        return breaching >= alarm.datapointsToAlarm() ? State.ALARM : State.OK;
    }

    /** Every state the alarm takes, evaluated once a minute (as CloudWatch does) over {@code minutes}, starting OK. */
    static List<State> timeline(Alarm alarm, Map<Metric, List<Datapoint>> metrics, int minutes) {
        var states = new ArrayList<State>();
        var state = State.OK;
        for (var minute = 1; minute <= minutes; minute++) {
            state = evaluate(alarm, metrics, minute * 60L, state);
            states.add(state);
        }
        return states;
    }
}
