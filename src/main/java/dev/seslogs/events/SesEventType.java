package dev.seslogs.events;

import java.util.Arrays;
import java.util.List;

/**
 * The ten event types SES publishes to a configuration set's event destinations, and every name
 * each one goes by. This enum is the single definition the event destination, the Firehose
 * partition values and the Glue table's projection enum are all derived from, so they cannot
 * drift apart.
 *
 * <p>Source: SES Developer Guide, "Contents of event data that Amazon SES publishes" and the
 * SESv2 {@code EventType} enum.
 */
public enum SesEventType {
    /** SES accepted the send request and will try to deliver it. */
    SEND("Send", "send", "SEND"),
    /** SES accepted the request but found a virus and rejected the message; nothing was sent. */
    REJECT("Reject", "reject", "REJECT"),
    /** The receiving server permanently or transiently rejected the message. */
    BOUNCE("Bounce", "bounce", "BOUNCE"),
    /** The recipient marked the message as spam. */
    COMPLAINT("Complaint", "complaint", "COMPLAINT"),
    /** The receiving server accepted the message (not the same as reaching the inbox). */
    DELIVERY("Delivery", "delivery", "DELIVERY"),
    /** The recipient opened the message; needs open tracking. */
    OPEN("Open", "open", "OPEN"),
    /** The recipient clicked a link; needs click tracking. */
    CLICK("Click", "click", "CLICK"),
    /** A template could not be rendered (missing variable, bad syntax); nothing was sent. */
    RENDERING_FAILURE("Rendering Failure", "failure", "RENDERING_FAILURE"),
    /** Delivery is being retried (mailbox full, receiver throttling, ...). */
    DELIVERY_DELAY("DeliveryDelay", "deliveryDelay", "DELIVERY_DELAY"),
    /** A recipient changed subscription preferences on a contact list. */
    SUBSCRIPTION("Subscription", "subscription", "SUBSCRIPTION");

    private final String eventTypeValue;
    private final String detailField;
    private final String destinationValue;

    SesEventType(String eventTypeValue, String detailField, String destinationValue) {
        this.eventTypeValue = eventTypeValue;
        this.detailField = detailField;
        this.destinationValue = destinationValue;
    }

    /** The value of the record's top-level {@code eventType} field, exactly as SES writes it. */
    public String eventTypeValue() {
        return eventTypeValue;
    }

    /** The top-level JSON object that carries this event's details ({@code failure} for rendering failures). */
    public String detailField() {
        return detailField;
    }

    /** The value SESv2's {@code MatchingEventTypes} expects. */
    public String destinationValue() {
        return destinationValue;
    }

    /**
     * The S3 path segment the stream writes for this event type. SES's "Rendering Failure"
     * contains a space; a space in an S3 key needs URL-encoding everywhere, and Athena's enum
     * projection treats whitespace as part of the value, so the stream removes it.
     */
    public String partitionValue() {
        return eventTypeValue.replace(" ", "");
    }

    /** The eight types the original article subscribes to: everything but open and click tracking. */
    public static List<SesEventType> articleDefaults() {
        return List.of(SEND, DELIVERY, REJECT, BOUNCE, COMPLAINT, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION);
    }

    public static List<SesEventType> all() {
        return Arrays.asList(values());
    }
}
