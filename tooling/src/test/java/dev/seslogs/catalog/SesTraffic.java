package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seslogs.events.SesEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A few days of an account's SES events, built from the AWS examples in
 * {@code src/test/resources/ses-events/}: each message gets its own id, recipients and send time,
 * and every timestamp of an example moves with it, so the events fall inside the table's projected
 * days ({@code NOW-<retention>DAYS,NOW}).
 */
final class SesTraffic {
    /** How SES writes instants: always with milliseconds. */
    private static final java.time.format.DateTimeFormatter SES_TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(ZoneOffset.UTC);

    private final List<FirehoseDelivery.Arrival> arrivals = new ArrayList<>();

    /** A message sent at {@code sentAt}: its events are added with {@link Message#event}. */
    Message message(String messageId, LocalDate day, LocalTime time, String... recipients) {
        return new Message(messageId, day.atTime(time).toInstant(ZoneOffset.UTC), List.of(recipients));
    }

    List<FirehoseDelivery.Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    final class Message {
        private final String messageId;
        private final Instant sentAt;
        private final List<String> recipients;

        private Message(String messageId, Instant sentAt, List<String> recipients) {
            this.messageId = messageId;
            this.sentAt = sentAt;
            this.recipients = recipients;
        }

        /** Adds the example event of {@code type} for this message; {@code affected} are the recipients it names. */
        Message event(SesEventType type, String... affected) {
            return eventAfter(Duration.ZERO, type, affected);
        }

        /**
         * Adds the example event of {@code type}, happening {@code later} than in the example (a
         * complaint a day after the send): its details move, the message's send time stays.
         */
        Message eventAfter(Duration later, SesEventType type, String... affected) {
            var record = (ObjectNode) SesEventFixtures.record(type);
            var mail = (ObjectNode) record.get("mail");
            var originalSentAt = Instant.parse(mail.get("timestamp").asText());
            var shift = Duration.between(originalSentAt, sentAt);
            shiftTimestamps(record, shift);
            if (!later.isZero()) {
                shiftTimestamps(record.path(type.detailField()), later);
            }
            mail.put("messageId", messageId);
            mail.set("destination", strings(recipients));
            if (mail.has("commonHeaders")) {
                ((ObjectNode) mail.get("commonHeaders"))
                        .put("messageId", messageId)
                        .set("to", strings(recipients));
            }
            var named = affected.length == 0 ? recipients : List.of(affected);
            switch (type) {
                case BOUNCE -> recipientsOf(record, "bounce", "bouncedRecipients", named);
                case COMPLAINT -> recipientsOf(record, "complaint", "complainedRecipients", named);
                case DELIVERY_DELAY -> recipientsOf(record, "deliveryDelay", "delayedRecipients", named);
                case DELIVERY -> ((ObjectNode) record.get("delivery")).set("recipients", strings(named));
                default -> {}
            }
            var eventTime = eventTime(record).orElse(sentAt);
            // Firehose stamps a record when it arrives, a moment after SES emits it.
            arrivals.add(new FirehoseDelivery.Arrival(record, eventTime.plusSeconds(2)));
            return this;
        }
    }

    /** Each named recipient gets a copy of the example's first entry with its own address. */
    private static void recipientsOf(ObjectNode record, String detail, String field, List<String> addresses) {
        var details = (ObjectNode) record.get(detail);
        var template = (ObjectNode) details.get(field).get(0);
        var list = details.putArray(field);
        for (var address : addresses) {
            list.add(template.deepCopy().put("emailAddress", address));
        }
    }

    private static java.util.Optional<Instant> eventTime(JsonNode record) {
        for (var type : SesEventType.values()) {
            var timestamp = record.path(type.detailField()).path("timestamp");
            if (timestamp.isTextual()) {
                return java.util.Optional.of(Instant.parse(timestamp.asText()));
            }
        }
        return java.util.Optional.empty();
    }

    /** Moves every ISO-8601 instant in the record by {@code shift}, keeping the example's own intervals. */
    private static void shiftTimestamps(JsonNode node, Duration shift) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                var field = fields.next();
                var shifted = shifted(field.getValue(), shift);
                if (shifted != null) {
                    field.setValue(shifted);
                } else {
                    shiftTimestamps(field.getValue(), shift);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (var i = 0; i < array.size(); i++) {
                var shifted = shifted(array.get(i), shift);
                if (shifted != null) {
                    array.set(i, shifted);
                } else {
                    shiftTimestamps(array.get(i), shift);
                }
            }
        }
    }

    private static TextNode shifted(JsonNode value, Duration shift) {
        if (!value.isTextual() || !value.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            return null;
        }
        try {
            return TextNode.valueOf(
                    SES_TIMESTAMP.format(Instant.parse(value.asText()).plus(shift)));
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    private static ArrayNode strings(List<String> values) {
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
