package io.resellerkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.inmemory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The stories README tells still end the way README says: each line here is a promise of the story. */
class StoriesTest {

    @Test
    void theAcmeStoryStopsAtTheQuotaAndTheTenantWall() {
        String told = told(out -> Story.tell(new InMemoryStorage(), out));
        assertLine(told, "Acme's admin tries a second organization: refused, quota_exceeded");
        assertLine(told, "Acme's admin creates user ned@northwind.example: refused, quota_exceeded");
        assertLine(told, "Acme's admin tries to read Globex's customer by id: refused, access_denied");
    }

    @Test
    void theChannelStoryCarvesTransfersAndLetsADelegationExpire() {
        String told = told(out -> ChannelStory.tell(new InMemoryStorage(), out));
        assertLine(told, "tries a third sub-reseller with 5 users (Dist has 10 - 4 - 3 = 3 left): refused, quota_exceeded");
        assertLine(told, "Dist uses 7 of 10 user slots");
        assertLine(told, "Dist's admin reads Nina (its whole subtree is in reach): ok");
        assertLine(told, "Bravo's admin tries to read Nina (a sibling's customer): refused, access_denied");
        assertLine(told, "Northwind is now in Bravo");
        assertLine(told, "redeems the same token again: refused, access_denied");
        assertLine(told, "Alpha uses 0 of 4 user slots and 0 of 2 organization slots");
        assertLine(told, "Bravo uses 2 of 3 user slots and 1 of 1 organization slots");
        assertLine(told, "Sam reads Nina under the grant: ok");
        assertLine(told, "Sam fixes Nina's last name under the grant: ok, Northwind-Smith");
        assertLine(told, "Sam tries to delete Nina (not lent): refused, access_denied");
        assertLine(told, "the grant has expired: EXPIRED");
        assertLine(told, "Sam tries to read Nina again: refused, access_denied");
        assertLine(told, "user.updated     by sam@alpha.example");
        assertLine(told, "under grant ");
        assertLine(told, "The vendor verifies Bravo's hash chains: intact");
    }

    private static String told(Consumer<PrintStream> story) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        story.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertLine(String told, String fragment) {
        assertTrue(told.contains(fragment), () -> "the story no longer says \"" + fragment + "\":\n" + told);
    }
}
