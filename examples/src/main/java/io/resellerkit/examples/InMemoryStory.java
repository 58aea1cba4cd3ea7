package io.resellerkit.examples;

import io.resellerkit.inmemory.InMemoryStorage;

/** The story on the in-memory adapter: nothing to set up, nothing kept. */
public final class InMemoryStory {
    private InMemoryStory() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate Validator logs through SLF4J too
        System.out.println("ResellerKit on in-memory storage");
        Story.tell(new InMemoryStorage(), System.out);
    }
}
