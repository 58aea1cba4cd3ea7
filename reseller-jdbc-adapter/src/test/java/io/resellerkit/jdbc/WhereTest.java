package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resellerkit.model.ResellerId;
import io.resellerkit.query.TextMatch;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filters compile to fixed SQL with parameters; what a caller passes never becomes SQL text. */
class WhereTest {

    @Test
    void aNullSetIsNoFilterAndAnEmptySetMatchesNothing() {
        assertEquals("", new Where().in("reseller_id", null, ResellerId::value).sql());
        assertEquals(" WHERE 1=0", new Where().in("reseller_id", Set.<ResellerId>of(), ResellerId::value).sql());
    }

    @Test
    void valuesBecomeParametersNeverSql() {
        String evil = "x') OR 1=1; DROP TABLE rk_users; --";
        String sql = new Where().in("reseller_id", Set.of(ResellerId.of("x')OR'1'='1")), ResellerId::value)
                .equalTo("resource_type", evil)
                .text("email_lc", TextMatch.contains(evil))
                .sql();
        assertEquals(" WHERE reseller_id IN (?) AND resource_type = ? AND email_lc LIKE ? ESCAPE '\\'", sql);
        assertFalse(sql.contains("DROP"));
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterMatchOnlyThemselves() {
        assertEquals("100\\%\\_off\\\\", Where.escapeLike("100%_off\\"));
    }
}
