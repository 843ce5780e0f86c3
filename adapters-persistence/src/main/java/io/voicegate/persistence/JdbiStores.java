package io.voicegate.persistence;

import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Jdbi store over one data source, and the registry that keeps privacy complete: {@link #personalData()} is
 * what export and erasure walk, {@link #expiringData()} what the retention sweep walks. A store that keeps rows
 * about a person must be listed here; a schema test fails otherwise.
 */
public final class JdbiStores {

    private final JdbiConsentStore consents;
    private final JdbiAuditLog audit;
    private final JdbiPseudonyms pseudonyms;
    private final JdbiProfileData profiles;
    private final JdbiUserStore users;
    private final JdbiRefreshTokenStore refreshTokens;
    private final JdbiSessionData sessionData;
    private final JdbiApiUsageStore apiUsage;
    private final JdbiWebhookEvents webhookEvents;

    private JdbiStores(Jdbi jdbi, Clock clock) {
        this.consents = new JdbiConsentStore(jdbi);
        this.audit = new JdbiAuditLog(jdbi);
        this.pseudonyms = new JdbiPseudonyms(jdbi, clock);
        this.profiles = new JdbiProfileData(jdbi);
        this.users = new JdbiUserStore(jdbi);
        this.refreshTokens = new JdbiRefreshTokenStore(jdbi);
        this.sessionData = new JdbiSessionData(jdbi);
        this.apiUsage = new JdbiApiUsageStore(jdbi);
        this.webhookEvents = new JdbiWebhookEvents(jdbi);
    }

    public static JdbiStores create(DataSource dataSource, Clock clock) {
        return new JdbiStores(Jdbi.create(dataSource), clock);
    }

    public JdbiConsentStore consents() {
        return consents;
    }

    public JdbiAuditLog audit() {
        return audit;
    }

    public JdbiPseudonyms pseudonyms() {
        return pseudonyms;
    }

    public JdbiProfileData profiles() {
        return profiles;
    }

    public JdbiUserStore users() {
        return users;
    }

    public JdbiRefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    /** Usage of API calls outside sessions (chat completions). */
    public JdbiApiUsageStore apiUsage() {
        return apiUsage;
    }

    /** The sections of a person's data, in erasure order: rows that others refer to (the profile) come last. */
    public List<PersonalData> personalData() {
        return List.of(consents, sessionData, apiUsage, refreshTokens, users, profiles);
    }

    public JdbiWebhookEvents webhookEvents() {
        return webhookEvents;
    }

    /**
     * Data kept for the session retention period: sessions with their transcripts and usage, the usage of API calls
     * outside sessions, provider reports that never matched a session (they hold transcripts too), and refresh tokens
     * past their expiry.
     */
    public List<ExpiringData> expiringData() {
        return List.of(sessionData, apiUsage, webhookEvents, refreshTokens);
    }

    /** Every table some store declares as holding rows about a person. */
    Set<String> personalTables() {
        var owners = new ArrayList<PersonalTables>();
        for (var section : personalData()) {
            if (!(section instanceof PersonalTables tables)) {
                throw new IllegalStateException(section.section() + " does not declare its tables");
            }
            owners.add(tables);
        }
        owners.add(audit);
        owners.add(pseudonyms);
        var all = new TreeSet<String>();
        owners.forEach(owner -> all.addAll(owner.personalTables()));
        return all;
    }
}
