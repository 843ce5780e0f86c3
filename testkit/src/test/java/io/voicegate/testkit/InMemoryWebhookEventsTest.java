package io.voicegate.testkit;

import io.voicegate.core.postcall.WebhookEvents;

class InMemoryWebhookEventsTest extends WebhookEventsContract {

    private final InMemoryWebhookEvents events = new InMemoryWebhookEvents();

    @Override
    protected WebhookEvents events() {
        return events;
    }
}
